import { launchTemplateOfNodegroup, unlessIpv6Nodegroup } from './eks-node-helpers';
import { isNitroInstanceType } from '../../core/nitro-instance-types';
import { cannotJudge, COMPLIANT, describe, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-9: the instance types of a node group of an IPv6 cluster are built on the Nitro System.
 */
export const EksNodeInstanceTypesNitro: Prerequisite = {
  id: 'EKS-IPV6-9',
  level: 'error',
  resourceTypes: ['AWS::EKS::Nodegroup'],
  statement: 'The node group of an IPv6 EKS cluster uses only Nitro-based instance types.',
  why: 'An IPv6 cluster runs only on Nitro-based EC2 nodes: the VPC CNI assigns each node an IPv6 prefix, which Xen-based (previous '
    + 'generation) instances such as t2, m4, c4 or r4 cannot take, so their nodes never become Ready and their pods get no address.',
  fix: 'choose current generation types (t3, m5 and later) in InstanceTypes or in the launch template.',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services ("Nitro-based EC2 nodes required"); Amazon EC2 instance '
    + 'types guide, Instances built on the AWS Nitro System.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Nodegroup(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const props = template.resource(logicalId)?.Properties ?? {};
    const types: unknown[] = [];
    if (props.InstanceTypes !== undefined) {
      if (!Array.isArray(props.InstanceTypes)) {
        return cannotJudge(`InstanceTypes is ${describe(props.InstanceTypes)}`);
      }
      types.push(...props.InstanceTypes);
    }
    const launchTemplate = launchTemplateOfNodegroup(template, logicalId);
    if (launchTemplate instanceof Unresolved) {
      if (types.length === 0) {
        return cannotJudge(launchTemplate.what);
      }
    } else if (launchTemplate !== undefined) {
      const type = template.resource(launchTemplate)?.Properties?.LaunchTemplateData?.InstanceType;
      if (type !== undefined) {
        types.push(type);
      }
    }
    // Without an instance type anywhere, EKS launches t3.medium, which is Nitro.
    const findings: string[] = [];
    let unknown: string | undefined;
    for (const type of types) {
      const nitro = typeof type === 'string' ? isNitroInstanceType(type) : undefined;
      if (nitro === false) {
        findings.push(`InstanceType::${type}`);
      } else if (nitro === undefined) {
        unknown ??= typeof type === 'string'
          ? `instance type ${type} is of a family the Nitro list does not know`
          : `the instance type ${describe(type)} is not defined in this template`;
      }
    }
    if (findings.length > 0) {
      return nonCompliant(findings);
    }
    return unknown !== undefined ? cannotJudge(unknown) : COMPLIANT;
  },
};

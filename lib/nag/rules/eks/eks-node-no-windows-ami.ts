import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../template-model';

/**
 * EKS-IPV6-3: a node group of an IPv6 cluster does not run Windows.
 */
export const EksNodeNoWindowsAmi: Ipv6ReadinessRule = {
  id: 'EKS-IPV6-3',
  level: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::EKS::Nodegroup'],
  info: 'The node group of an IPv6 EKS cluster does not use a Windows AMI type.',
  explanation: 'Amazon EKS does not support Windows nodes, pods or services in an IPv6 cluster: a WINDOWS_* node group of an IPv6 cluster '
    + 'fails to create or its nodes never join. Fix: use a Linux AMI type (AL2023_*, BOTTLEROCKET_*), and run Windows workloads in an IPv4 cluster. '
    + 'Source: Amazon EKS user guide, IPv6 addresses for clusters, pods and services ("No Windows support").',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Nodegroup(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const amiType = template.resource(logicalId)?.Properties?.AmiType;
    if (amiType === undefined) {
      return COMPLIANT; // EKS picks an Amazon Linux AMI type.
    }
    if (typeof amiType !== 'string') {
      return cannotJudge(`AmiType is ${describe(amiType)}`);
    }
    return amiType.toUpperCase().startsWith('WINDOWS_') ? nonCompliant([`AmiType::${amiType}`]) : COMPLIANT;
  },
};

import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** Whether a node group AMI type is a Windows one (`WINDOWS_CORE_2022_x86_64` ...): IPv6 clusters run no Windows nodes. */
export function isWindowsAmiType(amiType: string): boolean {
  return amiType.toUpperCase().startsWith('WINDOWS');
}

/**
 * EKS-IPV6-3: a node group of an IPv6 cluster does not run Windows.
 */
export const EksNodeNoWindowsAmi: Prerequisite = {
  id: 'EKS-IPV6-3',
  level: 'error',
  resourceTypes: ['AWS::EKS::Nodegroup'],
  statement: 'The node group of an IPv6 EKS cluster does not use a Windows AMI type.',
  why: 'Amazon EKS does not support Windows nodes, pods or services in an IPv6 cluster: a WINDOWS_* node group of an IPv6 cluster fails to '
    + 'create or its nodes never join.',
  fix: 'use a Linux AMI type (AL2023_*, BOTTLEROCKET_*), and run Windows workloads in an IPv4 cluster.',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services ("No Windows support").',
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
    return isWindowsAmiType(amiType) ? nonCompliant([`AmiType::${amiType}`]) : COMPLIANT;
  },
};

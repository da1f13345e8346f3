import { EKS_CLUSTER_TYPES, ec2CapacityOf, isIpv6Cluster, vpcCniEnvs } from './eks-cluster-helpers';
import { cannotJudge, COMPLIANT, isTrue, nonCompliant, NOT_APPLICABLE, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-4: an IPv6 cluster with EC2 nodes turns prefix delegation on in the vpc-cni add-on.
 */
export const EksAddonVpcCniPrefixDelegation: Prerequisite = {
  id: 'EKS-IPV6-4',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The IPv6 EKS cluster with EC2 nodes sets ENABLE_PREFIX_DELEGATION "true" in the vpc-cni add-on\'s ConfigurationValues.',
  why: 'The Amazon VPC CNI supports IPv6 only in prefix assignment mode: each EC2 node gets an IPv6 /80 prefix and pods take addresses '
    + 'from it. Without prefix delegation, pods on EC2 nodes (managed node groups or self-managed Auto Scaling groups) get no address. '
    + 'Fargate pods do not use it.',
  fix: 'set ConfigurationValues of the vpc-cni AWS::EKS::Addon to {"env":{"ENABLE_PREFIX_DELEGATION":"true","ENABLE_IPv6":"true"}}.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services"; Amazon VPC CNI documentation (ENABLE_PREFIX_DELEGATION, '
    + 'ENABLE_IPv6).',
  evaluate(logicalId, template) {
    const ipv6 = isIpv6Cluster(template, logicalId);
    if (ipv6 instanceof Unresolved) {
      return cannotJudge(ipv6.what);
    }
    if (!ipv6 || ec2CapacityOf(template, logicalId).length === 0) {
      return NOT_APPLICABLE;
    }
    const envs = vpcCniEnvs(template, logicalId);
    if (envs.length === 0) {
      return nonCompliant();
    }
    const missing: string[] = [];
    for (const [id, env] of envs) {
      if (env instanceof Unresolved) {
        return cannotJudge(env.what);
      }
      if (!isTrue(env.ENABLE_PREFIX_DELEGATION)) {
        missing.push(`Addon::${id}`);
      }
    }
    return missing.length > 0 ? nonCompliant(missing) : COMPLIANT;
  },
};

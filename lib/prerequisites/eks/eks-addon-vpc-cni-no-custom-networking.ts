import { EKS_CLUSTER_TYPES, unlessIpv6Cluster, vpcCniEnvs } from './eks-cluster-helpers';
import { cannotJudge, COMPLIANT, isTrue, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-10: the vpc-cni add-on of an IPv6 cluster does not turn on custom networking.
 */
export const EksAddonVpcCniNoCustomNetworking: Prerequisite = {
  id: 'EKS-IPV6-10',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The vpc-cni add-on of the IPv6 EKS cluster does not set AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG "true".',
  why: 'Custom networking (ENIConfig subnets for pods) is not supported with IPv6: the CNI in IPv6 mode refuses it, so pods on new nodes '
    + 'get no address. IPv6 already removes the IPv4 address shortage custom networking works around.',
  fix: 'remove AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG from the vpc-cni add-on\'s ConfigurationValues (or set it to "false").',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" and "Custom networking"; Amazon VPC CNI documentation '
    + '(AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG).',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const custom: string[] = [];
    for (const [id, env] of vpcCniEnvs(template, logicalId)) {
      if (env instanceof Unresolved) {
        return cannotJudge(env.what);
      }
      if (isTrue(env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG)) {
        custom.push(`Addon::${id}`);
      }
    }
    return custom.length > 0 ? nonCompliant(custom) : COMPLIANT;
  },
};

import { clusterNamed, isIpv6Cluster } from './eks-cluster-helpers';
import { cannotJudge, judgeEach, NOT_APPLICABLE, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-19: the subnets of a Fargate profile of an IPv6 cluster have IPv6 blocks.
 */
export const EksFargateProfileSubnetsIpv6: Prerequisite = {
  id: 'EKS-IPV6-19',
  level: 'error',
  resourceTypes: ['AWS::EKS::FargateProfile'],
  statement: 'Every subnet of a Fargate profile of an IPv6 EKS cluster has an IPv6 block.',
  why: 'Each Fargate pod of an IPv6 cluster takes its IPv6 address from the CIDR of the subnet it runs in; a subnet without an IPv6 '
    + 'block gives it none, and the pod cannot be scheduled.',
  fix: 'give the profile the cluster\'s dual-stack private subnets (DualStackVpc\'s, or subnets with an AWS::EC2::SubnetCidrBlock for IPv6).',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (each Fargate pod receives an IPv6 address from the '
    + 'CIDR specified for the subnet it is deployed in).',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties ?? {};
    const cluster = clusterNamed(template, props.ClusterName);
    const ipv6 = cluster instanceof Unresolved ? cluster : isIpv6Cluster(template, cluster);
    if (ipv6 instanceof Unresolved) {
      return cannotJudge(ipv6.what);
    }
    if (!ipv6) {
      return NOT_APPLICABLE;
    }
    return judgeEach(template.targets(props.Subnets, 'Subnets'), subnet => template.subnetHasIpv6(subnet) ? undefined : `Subnet::${subnet}`);
  },
};

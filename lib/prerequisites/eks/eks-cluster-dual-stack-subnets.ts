import { clusterSettings, EKS_CLUSTER_TYPES, unlessIpv6Cluster } from './eks-cluster-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-5: an IPv6 cluster's VPC has IPv4 and IPv6 blocks, and each of its subnets an IPv6 block.
 */
export const EksClusterDualStackSubnets: Prerequisite = {
  id: 'EKS-IPV6-5',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The IPv6 EKS cluster\'s VPC has IPv4 and IPv6 CIDR blocks, and every cluster subnet (ResourcesVpcConfig.SubnetIds) has an IPv6 CIDR block.',
  why: 'EKS rejects an ipv6 cluster whose VPC and subnets do not have both IPv4 and IPv6 CIDR blocks: cluster creation fails '
    + '(InvalidParameterException), and nodes and pods in a subnet without an IPv6 block get no IPv6 address.',
  fix: 'give the VPC an Amazon-provided IPv6 block (ec2.Vpc with ipProtocol DUAL_STACK, or DualStackVpc) and an IPv6 /64 to every subnet '
    + 'the cluster uses.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services"; AWS::EKS::Cluster KubernetesNetworkConfig.IpFamily.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const subnets = template.targets(clusterSettings(template, logicalId)?.subnetIds, 'SubnetIds');
    if (subnets instanceof Unresolved) {
      return cannotJudge(subnets.what);
    }
    const unresolved = subnets.find((s): s is Unresolved => s instanceof Unresolved);
    if (unresolved !== undefined) {
      return cannotJudge(unresolved.what);
    }
    if (subnets.length === 0) {
      return cannotJudge('the cluster has no SubnetIds in this template');
    }
    const findings: string[] = [];
    const vpcs = new Set<string>();
    for (const subnet of subnets as string[]) {
      const vpc = template.vpcOfSubnet(subnet);
      if (vpc instanceof Unresolved) {
        return cannotJudge(vpc.what);
      }
      vpcs.add(vpc);
      if (!template.subnetHasIpv6(subnet)) {
        findings.push(`Subnet::${subnet}`);
      }
    }
    for (const vpc of vpcs) {
      if (!template.vpcHasIpv6(vpc) || !template.vpcHasIpv4(vpc)) {
        findings.unshift(`Vpc::${vpc}`);
      }
    }
    return findings.length > 0 ? nonCompliant(findings) : COMPLIANT;
  },
};

import { clusterSettings, EKS_CLUSTER_TYPES, unlessIpv6Cluster } from './eks-cluster-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-11: an IPv6 cluster is not on AWS Outposts.
 */
export const EksClusterNotOnOutposts: Prerequisite = {
  id: 'EKS-IPV6-11',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The IPv6 EKS cluster has no OutpostConfig, and none of its subnets is on AWS Outposts (OutpostArn).',
  why: 'IPv6 is not supported with Amazon EKS on AWS Outposts: a local cluster (OutpostConfig) or a cluster in Outposts subnets cannot use '
    + 'the ipv6 IP family, so creation fails or pods on the Outpost get no address.',
  fix: 'keep IPv6 clusters and their subnets in the AWS Region, or use the ipv4 family on Outposts.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (Outposts not supported).',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const settings = clusterSettings(template, logicalId);
    const findings: string[] = settings?.outpostConfig !== undefined ? ['Cluster::OutpostConfig'] : [];
    const subnets = template.targets(settings?.subnetIds, 'SubnetIds');
    if (subnets instanceof Unresolved) {
      return findings.length > 0 ? nonCompliant(findings) : cannotJudge(subnets.what);
    }
    let unresolved: Unresolved | undefined;
    for (const subnet of subnets) {
      if (subnet instanceof Unresolved) {
        unresolved ??= subnet;
      } else if (template.resource(subnet)?.Properties?.OutpostArn !== undefined) {
        findings.push(`Subnet::${subnet}`);
      }
    }
    if (findings.length > 0) {
      return nonCompliant(findings);
    }
    return unresolved !== undefined ? cannotJudge(unresolved.what) : COMPLIANT;
  },
};

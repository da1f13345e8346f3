import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { clusterSettings, EKS_CLUSTER_TYPES, unlessIpv6Cluster } from './eks-cluster-helpers';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { cannotJudge, COMPLIANT, nonCompliant, Unresolved } from '../../template-model';

/**
 * EKS-IPV6-11: an IPv6 cluster is not on AWS Outposts.
 */
export const EksClusterNotOnOutposts: Ipv6ReadinessRule = {
  id: 'EKS-IPV6-11',
  level: NagMessageLevel.ERROR,
  resourceTypes: EKS_CLUSTER_TYPES,
  info: 'The IPv6 EKS cluster has no OutpostConfig, and none of its subnets is on AWS Outposts (OutpostArn).',
  explanation: 'IPv6 is not supported with Amazon EKS on AWS Outposts: a local cluster (OutpostConfig) or a cluster in Outposts subnets cannot use the ipv6 '
    + 'IP family, so creation fails or pods on the Outpost get no address. Fix: keep IPv6 clusters and their subnets in the AWS Region, or use the ipv4 '
    + 'family on Outposts. Source: Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (Outposts not supported).',
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

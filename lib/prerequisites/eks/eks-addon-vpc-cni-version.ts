import { addonsOf, EKS_CLUSTER_TYPES, onlyAutoModeNodes, unlessIpv6Cluster, VPC_CNI } from './eks-cluster-helpers';
import { versionAtLeast } from '../../core/version';
import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The first Amazon VPC CNI version that assigns IPv6 addresses. */
export const VPC_CNI_IPV6_MINIMUM_VERSION: [number, number, number] = [1, 10, 1];

/**
 * EKS-IPV6-2: an IPv6 cluster has the vpc-cni add-on, version 1.10.1 or later.
 */
export const EksAddonVpcCniVersion: Prerequisite = {
  id: 'EKS-IPV6-2',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The IPv6 EKS cluster has the vpc-cni add-on (AWS::EKS::Addon), version 1.10.1 or later, unless EKS Auto Mode launches all its nodes.',
  why: 'An IPv6 cluster needs version 1.10.1 or later of the Amazon VPC CNI add-on: older versions cannot assign IPv6 addresses, so pods '
    + 'stay Pending and nodes never become Ready. A self-managed aws-node DaemonSet is invisible to the template (and eksctl also '
    + 'requires the add-on for IPv6), so a cluster without an AWS::EKS::Addon named vpc-cni is reported.',
  fix: 'add the vpc-cni add-on with AddonVersion 1.10.1 or later, or leave AddonVersion out to get the default version for the Kubernetes '
    + 'version.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services"; EKS API reference, '
    + 'KubernetesNetworkConfigRequest.ipFamily.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    if (onlyAutoModeNodes(template, logicalId)) {
      // EKS Auto Mode runs pod networking itself; the vpc-cni add-on is for EC2 nodes.
      return NOT_APPLICABLE;
    }
    const addons = addonsOf(template, logicalId, VPC_CNI);
    if (addons.length === 0) {
      return nonCompliant();
    }
    const tooOld: string[] = [];
    for (const [id, addon] of addons) {
      const version = addon.Properties?.AddonVersion;
      if (version === undefined) {
        continue; // EKS installs its default version, which is newer than 1.10.1 for every Kubernetes version EKS supports.
      }
      const recent = versionAtLeast(version, VPC_CNI_IPV6_MINIMUM_VERSION);
      if (recent === undefined) {
        return cannotJudge(`AddonVersion of add-on ${id} is ${describe(version)}`);
      }
      if (!recent) {
        tooOld.push(`Addon::${id}`);
      }
    }
    return tooOld.length > 0 ? nonCompliant(tooOld) : COMPLIANT;
  },
};

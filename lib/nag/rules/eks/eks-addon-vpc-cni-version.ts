import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { addonsOf, EKS_CLUSTER_TYPES, unlessIpv6Cluster, VPC_CNI } from './eks-cluster-helpers';
import { versionAtLeast } from '../../../core/version';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../template-model';

const MINIMUM: [number, number, number] = [1, 10, 1];

/**
 * EKS-IPV6-2: an IPv6 cluster has the vpc-cni add-on, version 1.10.1 or later.
 */
export const EksAddonVpcCniVersion: Ipv6ReadinessRule = {
  id: 'EKS-IPV6-2',
  level: NagMessageLevel.ERROR,
  resourceTypes: EKS_CLUSTER_TYPES,
  info: 'The IPv6 EKS cluster has the vpc-cni add-on (AWS::EKS::Addon), version 1.10.1 or later.',
  explanation: 'An IPv6 cluster needs version 1.10.1 or later of the Amazon VPC CNI add-on: older versions cannot assign IPv6 addresses, so pods stay Pending '
    + 'and nodes never become Ready. A self-managed aws-node DaemonSet is invisible to the template (and eksctl also requires the add-on for IPv6), so a cluster '
    + 'without an AWS::EKS::Addon named vpc-cni is reported. Fix: add the vpc-cni add-on with AddonVersion 1.10.1 or later, or leave AddonVersion out to get '
    + 'the default version for the Kubernetes version. Source: Amazon EKS user guide, "IPv6 addresses for clusters, pods and services"; EKS API reference, '
    + 'KubernetesNetworkConfigRequest.ipFamily.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
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
      const recent = versionAtLeast(version, MINIMUM);
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

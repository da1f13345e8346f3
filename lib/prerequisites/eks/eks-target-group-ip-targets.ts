import { clusterNamed, isIpv6Cluster, mentions } from './eks-cluster-helpers';
import { KUBERNETES_RESOURCE, objectsOf } from '../../engine/kubernetes/kubernetes-objects';
import { describe, NOT_APPLICABLE, TemplateModel, TemplateResource, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The target type of load balancer target groups in front of IPv6 pods: their IPv6 addresses. */
export const IPV6_POD_TARGET_TYPE = 'ip';

/**
 * EKS-IPV6-18: a target group that a TargetGroupBinding of an IPv6 cluster fills has target type `ip`.
 *
 * "Behind an IPv6 cluster" is read from the template as a `TargetGroupBinding` manifest (the AWS
 * Load Balancer Controller's CRD) on an IPv6 cluster whose text refers to the target group. A target
 * group that is only in the cluster's VPC is not judged: it may serve EC2 instances of that VPC.
 */
export const EksTargetGroupIpTargets: Prerequisite = {
  id: 'EKS-IPV6-18',
  level: 'error',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
  statement: 'A target group bound to the pods of an IPv6 EKS cluster (by a TargetGroupBinding) has TargetType ip.',
  why: 'Pods of an IPv6 cluster have IPv6 addresses only; instance targets send traffic to the nodes\' primary IPv4 addresses and a NodePort, '
    + 'and there is no IPv6 path from an instance target to the pod. The AWS Load Balancer Controller supports IPv6 clusters in IP target '
    + 'mode only. TargetType defaults to instance when it is left out.',
  fix: 'set TargetType: ip (and IpAddressType: ipv6 on a dual-stack load balancer) on the target group, and targetType: ip in the binding; '
    + 'DualStackApplicationLoadBalancedService does.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (AWS Load Balancer Controller in IP mode only); AWS Load '
    + 'Balancer Controller docs, TargetGroupBinding.',
  evaluate(logicalId, template) {
    const bindings = bindingsOf(template, logicalId);
    if (bindings.length === 0) {
      return NOT_APPLICABLE;
    }
    const unresolved: Unresolved[] = [];
    let ipv6 = false;
    for (const [, binding] of bindings) {
      const cluster = clusterNamed(template, binding.Properties?.ClusterName);
      const family = cluster instanceof Unresolved ? cluster : isIpv6Cluster(template, cluster);
      if (family instanceof Unresolved) {
        unresolved.push(family);
      }
      ipv6 = ipv6 || family === true;
    }
    const targetType = template.resource(logicalId)?.Properties?.TargetType ?? 'instance';
    if (typeof targetType !== 'string') {
      return verdictOf([], [new Unresolved(`the target group's TargetType is ${describe(targetType)}`)]);
    }
    if (targetType === IPV6_POD_TARGET_TYPE) {
      return NOT_APPLICABLE;
    }
    return ipv6 ? verdictOf([`TargetType::${targetType}`], []) : unresolved.length > 0 ? verdictOf([], unresolved) : NOT_APPLICABLE;
  },
};

/** The TargetGroupBinding manifests that refer to the target group. */
function bindingsOf(template: TemplateModel, targetGroupId: string): Array<[string, TemplateResource]> {
  const bindings = template.cached('eks\0targetGroupBindings', () => template.resourcesOfType(KUBERNETES_RESOURCE).filter(([id]) => {
    const objects = objectsOf(template, id);
    return !(objects instanceof Unresolved) && objects.some(o => o.kind === 'TargetGroupBinding');
  }));
  return bindings.filter(([, r]) => mentions(r.Properties?.Manifest, targetGroupId));
}

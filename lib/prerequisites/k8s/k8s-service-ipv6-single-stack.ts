import { judgeObjects } from './k8s-helpers';
import { field, KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { describe, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The `spec.ipFamilyPolicy` values that ask for a second family, which an IPv6 EKS cluster does not have. */
export const DUAL_STACK_IP_FAMILY_POLICIES = ['RequireDualStack', 'PreferDualStack'];

/** The IP family of a Service of an IPv6 EKS cluster. */
export const IPV6_SERVICE_FAMILY = 'IPv6';

/**
 * K8S-IPV6-1: a Service of an IPv6 cluster is IPv6 single-stack.
 */
export const K8sServiceIpv6SingleStack: Prerequisite = {
  id: 'K8S-IPV6-1',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: `A Service of an IPv6 EKS cluster is single-stack ${IPV6_SERVICE_FAMILY}: spec.ipFamilies names no IPv4, and spec.ipFamilyPolicy `
    + `is not ${DUAL_STACK_IP_FAMILY_POLICIES.join(' or ')}.`,
  why: 'An IPv6 EKS cluster has one service CIDR, IPv6: Services get IPv6 addresses only. The API server refuses a Service that asks '
    + 'for IPv4 or requires dual-stack, so the manifest fails to apply; with PreferDualStack it is created, but the AWS Load Balancer '
    + 'Controller registers IPv4 pod addresses into IPv6 target groups for dual-stack Services (controller issue #4775).',
  fix: 'leave spec.ipFamilies and spec.ipFamilyPolicy out, or set ipFamilyPolicy: SingleStack and ipFamilies: [IPv6] '
    + '(DualStackService.ipFamilies() returns them); put a dual-stack load balancer in front for IPv4 clients.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (services get IPv6 addresses only); Kubernetes docs, '
    + '"IPv4/IPv6 dual-stack" (ipFamilies, ipFamilyPolicy); kubernetes-sigs/aws-load-balancer-controller issue #4775.',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, service => {
      if (service.kind !== 'Service') {
        return false;
      }
      const policy = field(service, ['spec', 'ipFamilyPolicy']);
      const families = field(service, ['spec', 'ipFamilies']);
      if (policy instanceof Unresolved || families instanceof Unresolved) {
        return policy instanceof Unresolved ? policy : families as Unresolved;
      }
      if (families !== undefined && !Array.isArray(families)) {
        return new Unresolved(`spec.ipFamilies of Service ${service.name} is ${describe(families)}, not a list`);
      }
      return DUAL_STACK_IP_FAMILY_POLICIES.includes(String(policy)) || (families ?? []).some(f => String(f).toLowerCase() === 'ipv4');
    });
  },
};

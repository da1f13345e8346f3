import { judgeObjects, loadBalancerSettings, settingFault } from './k8s-helpers';
import { field, KubernetesObject, KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { TemplateModel, Unresolved } from '../../engine/template-model';
import { DUAL_STACK_IP_ADDRESS_TYPES } from '../elb/elb-helpers';
import { Prerequisite } from '../prerequisite';

/**
 * K8S-IPV6-3: the load balancers the AWS Load Balancer Controller builds in front of IPv6 pods are dual-stack.
 */
export const K8sLoadBalancerDualStack: Prerequisite = {
  id: 'K8S-IPV6-3',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: 'Services of type LoadBalancer and Ingresses of an IPv6 EKS cluster ask for a dual-stack load balancer: '
    + 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack, alb.ingress.kubernetes.io/ip-address-type: dualstack '
    + 'or dualstack-without-public-ipv4 (or the same ipAddressType in their IngressClassParams).',
  why: 'The controller registers IPv6 pod addresses in IPv6 target groups, and only a dual-stack load balancer can forward to them; '
    + 'without the annotation the load balancer is ipv4 and the listener cannot be created, so the Service or Ingress never gets an address.',
  fix: 'add the ip-address-type annotation (DualStackService.annotations() and DualStackIngress.annotations() do), or set '
    + 'ipAddressType: dualstack in the IngressClassParams of the Ingress\'s class.',
  source: 'Amazon EKS user guide, "Route application and HTTP traffic with Application Load Balancers" and "Route TCP and UDP traffic '
    + 'with Network Load Balancers" (load balancing to IPv6 pods: ip-address-type dualstack); AWS Load Balancer Controller docs, Service '
    + 'and Ingress annotations (ip-address-type default ipv4), IngressClassParams (ipAddressType).',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, object => ipAddressTypeFault(template, logicalId, object));
  },
};

function ipAddressTypeFault(template: TemplateModel, logicalId: string, object: KubernetesObject): boolean | Unresolved {
  if (object.kind === 'IngressClassParams') {
    return settingFault(field(object, ['spec', 'ipAddressType']), DUAL_STACK_IP_ADDRESS_TYPES);
  }
  return settingFault(loadBalancerSettings(template, logicalId, object)?.ipAddressType, DUAL_STACK_IP_ADDRESS_TYPES);
}

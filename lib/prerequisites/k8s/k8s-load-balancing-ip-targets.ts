import { judgeObjects, loadBalancerSettings, settingFault } from './k8s-helpers';
import { field, KubernetesObject, KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { TemplateModel, Unresolved } from '../../engine/template-model';
import { IPV6_POD_TARGET_TYPE } from '../eks/eks-target-group-ip-targets';
import { Prerequisite } from '../prerequisite';

/**
 * K8S-IPV6-2: the load balancers the AWS Load Balancer Controller builds for an IPv6 cluster target pods in IP mode.
 */
export const K8sLoadBalancingIpTargets: Prerequisite = {
  id: 'K8S-IPV6-2',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: 'Services of type LoadBalancer, Ingresses, IngressClassParams and TargetGroupBindings of an IPv6 EKS cluster use target type ip '
    + '(a missing target type is the controller\'s default, instance, unless its Helm value defaultTargetType is ip).',
  why: 'Pods of an IPv6 cluster have IPv6 addresses only. Instance targets send traffic to the nodes\' NodePort over IPv4, and load '
    + 'balancing over IPv6 reaches IP targets only: the AWS Load Balancer Controller supports IPv6 clusters in IP mode only.',
  fix: 'annotate Services with service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip and Ingresses with '
    + 'alb.ingress.kubernetes.io/target-type: ip (DualStackService.annotations() and DualStackIngress.annotations() do), set '
    + 'targetType: ip in IngressClassParams and TargetGroupBindings, or install the controller with defaultTargetType: ip.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" and "Route application and HTTP traffic with Application '
    + 'Load Balancers" (IPv6 only to IP targets); AWS Load Balancer Controller docs, Service and Ingress annotations (target type default '
    + 'instance), IngressClassParams (targetType), TargetGroupBinding (targetType); its Helm chart values.yaml (defaultTargetType).',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, object => targetTypeFault(template, logicalId, object));
  },
};

function targetTypeFault(template: TemplateModel, logicalId: string, object: KubernetesObject): boolean | Unresolved {
  if (object.kind === 'IngressClassParams' || object.kind === 'TargetGroupBinding') {
    // Left out, IngressClassParams defer to the Ingress, and a binding takes the target group's type (EKS-IPV6-18 judges it).
    return settingFault(field(object, ['spec', 'targetType']), [IPV6_POD_TARGET_TYPE]);
  }
  return settingFault(loadBalancerSettings(template, logicalId, object)?.targetType, [IPV6_POD_TARGET_TYPE]);
}

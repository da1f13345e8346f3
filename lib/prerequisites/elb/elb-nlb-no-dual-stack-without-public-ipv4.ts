import { DUAL_STACK_WITHOUT_PUBLIC_IPV4 } from './elb-alb-authentication-needs-public-ipv4';
import { ipAddressTypeOf, LOAD_BALANCER, loadBalancerType } from './elb-helpers';
import { KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { nonCompliant, NOT_APPLICABLE, Unresolved, verdictOf } from '../../engine/template-model';
import { judgeObjects, serviceLoadBalancer } from '../k8s/k8s-helpers';
import { Prerequisite } from '../prerequisite';

/** The IP address types a Network Load Balancer (and a Gateway Load Balancer) takes. */
export const NLB_IP_ADDRESS_TYPES = ['ipv4', 'dualstack'];

/**
 * ELB-IPV6-4: a Network or Gateway Load Balancer is not dualstack-without-public-ipv4.
 */
export const ElbNlbNoDualStackWithoutPublicIpv4: Prerequisite = {
  id: 'ELB-IPV6-4',
  level: 'error',
  resourceTypes: [LOAD_BALANCER, KUBERNETES_RESOURCE],
  statement: 'A Network or Gateway Load Balancer (or a Service\'s service.beta.kubernetes.io/aws-load-balancer-ip-address-type) has '
    + `IpAddressType ${NLB_IP_ADDRESS_TYPES.join(' or ')}, never ${DUAL_STACK_WITHOUT_PUBLIC_IPV4}.`,
  why: `${DUAL_STACK_WITHOUT_PUBLIC_IPV4} exists for Application Load Balancers only: the load balancer or the controller's reconcile `
    + 'fails. aws-cdk-lib\'s NetworkLoadBalancer refuses it; CfnLoadBalancer and hand-written templates do not.',
  fix: 'use dualstack on the NLB (with IPv6 blocks in its subnets); for IPv6-only public access put an Application Load Balancer in front.',
  source: 'Elastic Load Balancing API reference, SetIpAddressType and LoadBalancer.IpAddressType ([Network Load Balancers and Gateway Load '
    + 'Balancers] ipv4 and dualstack); AWS Load Balancer Controller docs, Service annotations (ip-address-type ipv4 | dualstack).',
  evaluate(logicalId, template) {
    if (template.resource(logicalId)?.Type === KUBERNETES_RESOURCE) {
      // A fact of the load balancer, whatever the cluster's IP family.
      return judgeObjects(template, logicalId, object => {
        const nlb = serviceLoadBalancer(template, logicalId, object);
        if (nlb === undefined) {
          return false;
        }
        return nlb.ipAddressType instanceof Unresolved ? nlb.ipAddressType : nlb.ipAddressType === DUAL_STACK_WITHOUT_PUBLIC_IPV4;
      }, false);
    }
    if (loadBalancerType(template, logicalId) === 'application') {
      return NOT_APPLICABLE;
    }
    const type = ipAddressTypeOf(template, logicalId);
    if (type instanceof Unresolved) {
      return verdictOf([], [type]);
    }
    return type === DUAL_STACK_WITHOUT_PUBLIC_IPV4 ? nonCompliant([`IpAddressType::${type}`]) : NOT_APPLICABLE;
  },
};

import { ipAddressTypeOf, LISTENER, LISTENER_RULE, LOAD_BALANCER, loadBalancerType } from './elb-helpers';
import { KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { isObject, NOT_APPLICABLE, TemplateModel, Unresolved, verdictOf } from '../../engine/template-model';
import { ingressLoadBalancer, judgeObjects } from '../k8s/k8s-helpers';
import { Prerequisite } from '../prerequisite';

/** The IP address type of an ALB without public IPv4 addresses. */
export const DUAL_STACK_WITHOUT_PUBLIC_IPV4 = 'dualstack-without-public-ipv4';

/** The listener actions (and controller `auth-type` values) that authenticate users at the ALB. */
export const ALB_AUTHENTICATE_ACTIONS = ['authenticate-oidc', 'authenticate-cognito'];
export const ALB_AUTH_TYPES = ['oidc', 'cognito'];

/**
 * ELB-IPV6-3: an ALB that authenticates users has public IPv4 addresses.
 */
export const ElbAlbAuthenticationNeedsPublicIpv4: Prerequisite = {
  id: 'ELB-IPV6-3',
  level: 'error',
  resourceTypes: [LOAD_BALANCER, KUBERNETES_RESOURCE],
  statement: `An Application Load Balancer with ${ALB_AUTHENTICATE_ACTIONS.join(' or ')} listener actions (or an Ingress with `
    + `alb.ingress.kubernetes.io/auth-type ${ALB_AUTH_TYPES.join(' or ')}) is not ${DUAL_STACK_WITHOUT_PUBLIC_IPV4}.`,
  why: 'ALB authentication reaches the identity provider or Amazon Cognito over IPv4 only. Without a public IPv4 address the load balancer '
    + 'cannot complete the authentication, and every authenticated request answers HTTP 500.',
  fix: 'use IpAddressType dualstack (public IPv4 and IPv6) on a load balancer that authenticates, or authenticate in the application.',
  source: 'Elastic Load Balancing API reference, SetIpAddressType (Application Load Balancer authentication supports IPv4 addresses only '
    + 'when connecting to an IdP or Amazon Cognito; without a public IPv4 address, HTTP 500 errors); AWS Load Balancer Controller docs, '
    + 'Ingress annotations (auth-type, ip-address-type).',
  evaluate(logicalId, template) {
    if (template.resource(logicalId)?.Type === KUBERNETES_RESOURCE) {
      // A fact of the load balancer, whatever the cluster's IP family.
      return judgeObjects(template, logicalId, object => {
        const alb = ingressLoadBalancer(template, logicalId, object);
        if (alb === undefined) {
          return false;
        }
        const auth = alb.authType;
        if (auth instanceof Unresolved || alb.ipAddressType instanceof Unresolved) {
          return alb.ipAddressType === DUAL_STACK_WITHOUT_PUBLIC_IPV4 ? auth as Unresolved
            : auth === undefined || ALB_AUTH_TYPES.includes(auth as string) ? alb.ipAddressType as Unresolved : false;
        }
        return alb.ipAddressType === DUAL_STACK_WITHOUT_PUBLIC_IPV4 && auth !== undefined && ALB_AUTH_TYPES.includes(auth);
      }, false);
    }
    const type = ipAddressTypeOf(template, logicalId);
    if (loadBalancerType(template, logicalId) !== 'application' || (typeof type === 'string' && type !== DUAL_STACK_WITHOUT_PUBLIC_IPV4)) {
      return NOT_APPLICABLE;
    }
    const authenticating = authenticatingListeners(template, logicalId);
    if (authenticating.length === 0) {
      return NOT_APPLICABLE;
    }
    return type instanceof Unresolved ? verdictOf([], [type]) : verdictOf(authenticating, []);
  },
};

/** The listeners and listener rules of a load balancer that authenticate (`Listener::id`, `ListenerRule::id`). */
function authenticatingListeners(template: TemplateModel, loadBalancerId: string): string[] {
  const authenticates = (actions: unknown) => Array.isArray(actions)
    && actions.some(a => isObject(a) && ALB_AUTHENTICATE_ACTIONS.includes(String(a.Type).toLowerCase()));
  return template.referrers(LISTENER, 'LoadBalancerArn', loadBalancerId).flatMap(([listenerId, listener]) => [
    ...authenticates(listener.Properties?.DefaultActions) ? [`Listener::${listenerId}`] : [],
    ...template.referrers(LISTENER_RULE, 'ListenerArn', listenerId)
      .filter(([, rule]) => authenticates(rule.Properties?.Actions)).map(([ruleId]) => `ListenerRule::${ruleId}`),
  ]);
}

/**
 * What the load balancing rules read from a template: which load balancers forward to a target
 * group (through listeners and listener rules), a load balancer's type and IP address type.
 */
import { describe, isObject, TemplateModel, Unresolved } from '../../engine/template-model';

export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/** The IP address types of a load balancer that has IPv6 addresses (ALB: both; NLB and GWLB: dualstack). */
export const DUAL_STACK_IP_ADDRESS_TYPES = ['dualstack', 'dualstack-without-public-ipv4'];

/** Every logical id a value refers to (`Ref`, `Fn::GetAtt`), at any depth. */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach(v => referencedIds(v, into));
  } else if (isObject(value)) {
    if (typeof value.Ref === 'string') {
      into.add(value.Ref);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      into.add(getAtt[0]);
    } else if (typeof getAtt === 'string') {
      into.add(getAtt.split('.')[0]);
    }
    Object.values(value).forEach(v => referencedIds(v, into));
  }
  return into;
}

/** The listeners whose default actions, or whose rules' actions, forward to the target group. */
export function listenersOf(template: TemplateModel, targetGroupId: string): Array<string | Unresolved> {
  const index = template.cached('elb\0listenersOfTargetGroup', () => {
    const map = new Map<string, Array<string | Unresolved>>();
    const add = (targetGroups: Set<string>, listener: string | Unresolved) =>
      targetGroups.forEach(tg => map.set(tg, [...map.get(tg) ?? [], listener]));
    for (const [id, listener] of template.resourcesOfType(LISTENER)) {
      add(referencedIds(listener.Properties?.DefaultActions), id);
    }
    for (const [id, rule] of template.resourcesOfType(LISTENER_RULE)) {
      const arn = rule.Properties?.ListenerArn;
      add(referencedIds(rule.Properties?.Actions), template.target(arn)
        ?? new Unresolved(`the listener of listener rule ${id} is ${describe(arn)}, not defined in this template`));
    }
    return map;
  });
  return index.get(targetGroupId) ?? [];
}

/** The load balancer of a listener, or `Unresolved`. */
export function loadBalancerOf(template: TemplateModel, listenerId: string): string | Unresolved {
  const arn = template.resource(listenerId)?.Properties?.LoadBalancerArn;
  return template.target(arn) ?? new Unresolved(`the load balancer of listener ${listenerId} is ${describe(arn)}, not defined in this template`);
}

/** A load balancer's IP address type, lower case (`ipv4` when absent, the CloudFormation default), or `Unresolved`. */
export function ipAddressTypeOf(template: TemplateModel, loadBalancerId: string): string | Unresolved {
  const value = template.resource(loadBalancerId)?.Properties?.IpAddressType ?? 'ipv4';
  return typeof value === 'string' ? value.toLowerCase()
    : new Unresolved(`the IP address type of load balancer ${loadBalancerId} is ${describe(value)}`);
}

/** A load balancer's type: `application` (the CloudFormation default), `network` or `gateway`. */
export function loadBalancerType(template: TemplateModel, loadBalancerId: string): string {
  const value = template.resource(loadBalancerId)?.Properties?.Type;
  return typeof value === 'string' ? value.toLowerCase() : 'application';
}

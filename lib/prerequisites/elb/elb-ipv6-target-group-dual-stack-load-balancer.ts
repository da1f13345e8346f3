import { DUAL_STACK_IP_ADDRESS_TYPES, ipAddressTypeOf, listenersOf, loadBalancerOf, loadBalancerType, TARGET_GROUP } from './elb-helpers';
import { describe, NOT_APPLICABLE, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * The Network Load Balancer listener protocols that need an IPv6 source NAT prefix on a dual-stack
 * NLB (`EnablePrefixForIpv6SourceNat: on`). The older NLB guide allowed IPv6 target groups with TCP
 * and TLS listeners only; the current API takes UDP on a dual-stack NLB with that prefix.
 */
export const NLB_UDP_PROTOCOLS = ['UDP', 'TCP_UDP'];

/**
 * ELB-IPV6-1: an IPv6 target group is used only by dual-stack load balancers, and on a Network Load
 * Balancer only by TCP and TLS listeners.
 */
export const ElbIpv6TargetGroupDualStackLoadBalancer: Prerequisite = {
  id: 'ELB-IPV6-1',
  level: 'error',
  resourceTypes: [TARGET_GROUP],
  statement: 'Every load balancer that forwards to an IPv6 target group (IpAddressType ipv6) is dual-stack (dualstack or '
    + 'dualstack-without-public-ipv4), and a Network Load Balancer with UDP or TCP_UDP listeners to it has EnablePrefixForIpv6SourceNat on.',
  why: 'A load balancer reaches IPv6 targets over its own IPv6 addresses: an IPv4-only load balancer cannot use an IPv6 target group, '
    + 'and creating the listener fails ("You cannot associate an IPv6 target group with a load balancer that has an \'ipv4\' IP address '
    + 'type"). Network Load Balancers take IPv6 target groups only when they are dualstack, and UDP '
    + '(or TCP_UDP) listeners of a dualstack NLB need an IPv6 prefix per subnet for source NAT.',
  fix: 'set the load balancer\'s IpAddressType to dualstack (or, for an internet-facing ALB, dualstack-without-public-ipv4), with IPv6 '
    + 'blocks in its subnets; on an NLB with UDP listeners set EnablePrefixForIpv6SourceNat: on (or use TCP or TLS); or use an IPv4 target group.',
  source: 'Elastic Load Balancing user guides: Application Load Balancers, "Target groups, IP address type"; Network Load Balancers, '
    + '"Target groups, IP address type" (IPv6 target groups only with dualstack load balancers) and "IP address types for your '
    + 'Network Load Balancer"; Elastic Load Balancing API reference, LoadBalancer.EnablePrefixForIpv6SourceNat.',
  evaluate(logicalId, template) {
    const type = template.resource(logicalId)?.Properties?.IpAddressType;
    if (typeof type !== 'string') {
      return type === undefined ? NOT_APPLICABLE : verdictOf([], [new Unresolved(`the target group's IP address type is ${describe(type)}`)]);
    }
    if (type.toLowerCase() !== 'ipv6') {
      return NOT_APPLICABLE;
    }
    const findings = new Set<string>();
    const unresolved: Unresolved[] = [];
    for (const listener of listenersOf(template, logicalId)) {
      const loadBalancer = listener instanceof Unresolved ? listener : loadBalancerOf(template, listener);
      if (listener instanceof Unresolved || loadBalancer instanceof Unresolved) {
        unresolved.push(loadBalancer instanceof Unresolved ? loadBalancer : listener as Unresolved);
        continue;
      }
      const ipAddressType = ipAddressTypeOf(template, loadBalancer);
      if (ipAddressType instanceof Unresolved) {
        unresolved.push(ipAddressType);
      } else if (!DUAL_STACK_IP_ADDRESS_TYPES.includes(ipAddressType)) {
        findings.add(`LoadBalancer::${loadBalancer}`);
      }
      const protocol = template.resource(listener)?.Properties?.Protocol;
      const sourceNat = template.resource(loadBalancer)?.Properties?.EnablePrefixForIpv6SourceNat;
      if (loadBalancerType(template, loadBalancer) === 'network' && typeof protocol === 'string' && NLB_UDP_PROTOCOLS.includes(protocol) && sourceNat !== 'on') {
        findings.add(`Listener::${listener}`);
      }
    }
    return verdictOf([...findings], unresolved);
  },
};

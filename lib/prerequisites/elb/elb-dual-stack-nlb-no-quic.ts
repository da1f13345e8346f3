import { DUAL_STACK_IP_ADDRESS_TYPES, ipAddressTypeOf, LISTENER, LOAD_BALANCER, loadBalancerType } from './elb-helpers';
import { NOT_APPLICABLE, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The Network Load Balancer listener protocols a dual-stack NLB cannot have. */
export const NLB_QUIC_PROTOCOLS = ['QUIC', 'TCP_QUIC'];

/**
 * ELB-IPV6-5: a dual-stack Network Load Balancer has no QUIC or TCP_QUIC listeners.
 */
export const ElbDualStackNlbNoQuic: Prerequisite = {
  id: 'ELB-IPV6-5',
  level: 'error',
  resourceTypes: [LOAD_BALANCER],
  statement: `A dual-stack Network Load Balancer has no ${NLB_QUIC_PROTOCOLS.join(' or ')} listeners.`,
  why: 'QUIC and TCP_QUIC listeners are not allowed on dualstack Network Load Balancers: creating the listener (or switching the load '
    + 'balancer to dualstack) fails and the stack rolls back.',
  fix: 'serve QUIC from an ipv4 NLB of its own, or use TCP or UDP listeners on the dual-stack NLB.',
  source: 'Elastic Load Balancing, Network Load Balancers guide: "Create a listener" (QUIC and TCP_QUIC listeners are not allowed on '
    + 'dualstack load balancers) and "Update the IP address types" (dualstack requires no QUIC or TCP_QUIC listeners).',
  evaluate(logicalId, template) {
    if (loadBalancerType(template, logicalId) !== 'network') {
      return NOT_APPLICABLE;
    }
    const quic = template.referrers(LISTENER, 'LoadBalancerArn', logicalId)
      .filter(([, l]) => NLB_QUIC_PROTOCOLS.includes(String(l.Properties?.Protocol).toUpperCase())).map(([id]) => `Listener::${id}`);
    if (quic.length === 0) {
      return NOT_APPLICABLE;
    }
    const type = ipAddressTypeOf(template, logicalId);
    if (type instanceof Unresolved) {
      return verdictOf([], [type]);
    }
    return DUAL_STACK_IP_ADDRESS_TYPES.includes(type) ? verdictOf(quic, []) : NOT_APPLICABLE;
  },
};

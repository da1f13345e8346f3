import { DUAL_STACK_IP_ADDRESS_TYPES, ipAddressTypeOf, LOAD_BALANCER, referencedIds } from './elb-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, NOT_APPLICABLE, TemplateModel, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

const RECORD_SET = 'AWS::Route53::RecordSet';

/**
 * ELB-IPV6-2: an alias A record to a dual-stack load balancer has the matching AAAA record.
 */
export const ElbAliasARecordHasAaaa: Prerequisite = {
  id: 'ELB-IPV6-2',
  level: 'warning',
  resourceTypes: [RECORD_SET],
  statement: 'An alias A record to a dual-stack load balancer has an alias AAAA record of the same name, in the same hosted zone, to the same '
    + 'load balancer.',
  why: 'A dual-stack load balancer answers IPv6 clients only if they can resolve it: with an A record and no AAAA record, the name resolves '
    + 'to IPv4 only, so IPv6-only clients (and NAT64-less IPv6 networks) cannot connect, and the load balancer\'s IPv6 addresses go unused.',
  fix: 'add an AWS::Route53::RecordSet of Type AAAA with the same Name, hosted zone and AliasTarget (DualStackApplicationLoadBalancedService '
    + 'creates both).',
  source: 'Amazon Route 53 developer guide, "Routing traffic to an ELB load balancer"; Elastic Load Balancing, "IP address types for your '
    + 'Application Load Balancer" (clients resolve AAAA records of a dualstack load balancer).',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties ?? {};
    if (props.Type !== 'A') {
      return NOT_APPLICABLE;
    }
    const loadBalancer = loadBalancerOfAlias(template, props);
    if (loadBalancer === undefined) {
      return NOT_APPLICABLE;
    }
    const ipAddressType = ipAddressTypeOf(template, loadBalancer);
    if (ipAddressType instanceof Unresolved) {
      return cannotJudge(ipAddressType.what);
    }
    if (!DUAL_STACK_IP_ADDRESS_TYPES.includes(ipAddressType)) {
      return NOT_APPLICABLE;
    }
    const aaaa = template.cached('elb\0aaaaAliases', () => new Set(template.resourcesOfType(RECORD_SET)
      .filter(([, r]) => r.Properties?.Type === 'AAAA')
      .map(([, r]) => `${nameKey(r.Properties ?? {})}\0${loadBalancerOfAlias(template, r.Properties ?? {})}`)));
    return aaaa.has(`${nameKey(props)}\0${loadBalancer}`) ? COMPLIANT : nonCompliant();
  },
};

/** The load balancer of this template an alias target points to. */
function loadBalancerOfAlias(template: TemplateModel, props: { [name: string]: any }): string | undefined {
  return [...referencedIds(props.AliasTarget?.DNSName)].find(id => template.resource(id)?.Type === LOAD_BALANCER);
}

/** A record's name and hosted zone (by id or by name), as one key: names compare without case and the final dot. */
function nameKey(props: { [name: string]: any }): string {
  const normal = (value: unknown) => typeof value === 'string' ? value.toLowerCase().replace(/\.$/, '') : JSON.stringify(value);
  return [props.Name, props.HostedZoneId, props.HostedZoneName].map(normal).join('\0');
}

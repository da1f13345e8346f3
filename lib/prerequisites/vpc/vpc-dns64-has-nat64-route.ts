import { cannotJudge, COMPLIANT, isTrue, nonCompliant, NOT_APPLICABLE, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * VPC-IPV6-1: a subnet with DNS64 routes 64:ff9b::/96 to a NAT gateway.
 */
export const VpcDns64HasNat64Route: Prerequisite = {
  id: 'VPC-IPV6-1',
  level: 'error',
  resourceTypes: ['AWS::EC2::Subnet'],
  statement: 'A subnet with DNS64 has a NAT64 route (64:ff9b::/96 to a NAT gateway).',
  why: 'With DNS64 on, the resolver answers IPv4-only names with 64:ff9b::/96 addresses. Without a route for that prefix to a NAT gateway, '
    + 'connections to every IPv4-only name hang.',
  fix: 'add the route (DualStackVpc: nat64: true), or turn DNS64 off.',
  source: 'Amazon VPC user guide, DNS64 and NAT64.',
  evaluate(logicalId, template) {
    if (!isTrue(template.resource(logicalId)?.Properties?.EnableDns64)) {
      return NOT_APPLICABLE;
    }
    const route = template.subnetRoute(logicalId, '64:ff9b::/96');
    if (route instanceof Unresolved) {
      return cannotJudge(route.what);
    }
    return route !== false && route[1].Properties?.NatGatewayId !== undefined ? COMPLIANT : nonCompliant();
  },
};

import { ANY_IPV4, ANY_IPV6, cannotJudge, COMPLIANT, nonCompliant, NOT_APPLICABLE, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * VPC-IPV6-2: a subnet with an IPv6 block whose IPv4 traffic leaves the VPC has a ::/0 route too.
 */
export const VpcPrivateSubnetIpv6Egress: Prerequisite = {
  id: 'VPC-IPV6-2',
  level: 'warning',
  resourceTypes: ['AWS::EC2::Subnet'],
  statement: 'A subnet with an IPv6 block that routes 0.0.0.0/0 out of the VPC also routes ::/0.',
  why: 'The subnet\'s IPv4 traffic leaves the VPC (0.0.0.0/0 to a NAT gateway or an internet gateway) but its IPv6 traffic cannot: without '
    + 'a ::/0 route, connections to IPv6 destinations time out, and dual-stack clients that prefer IPv6 (most of them) stall before they '
    + 'fall back to IPv4.',
  fix: 'route ::/0 to an egress-only internet gateway in private subnets (to the internet gateway in public ones); DualStackVpc does.',
  source: 'Amazon VPC user guide, Egress-only internet gateways; Route tables, routing for IPv6.',
  evaluate(logicalId, template) {
    if (!template.subnetHasIpv6(logicalId)) {
      return NOT_APPLICABLE;
    }
    const ipv4 = template.subnetRoute(logicalId, ANY_IPV4);
    if (ipv4 instanceof Unresolved) {
      return cannotJudge(ipv4.what);
    }
    if (ipv4 === false) {
      return NOT_APPLICABLE;
    }
    const ipv6 = template.subnetRoute(logicalId, ANY_IPV6);
    if (ipv6 instanceof Unresolved) {
      return cannotJudge(ipv6.what);
    }
    return ipv6 === false ? nonCompliant() : COMPLIANT;
  },
};

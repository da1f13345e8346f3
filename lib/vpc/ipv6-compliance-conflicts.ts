import { Aspects, IAspect, Reference, Token, Tokenization, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { DefaultSecurityGroupLockdown } from './default-security-group-lockdown';

/** The cdk-nag packs whose rules conflict with documented IPv6 requirements. */
const PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

/**
 * The findings of cdk-nag's HIPAA Security, NIST 800-53 R5 and PCI DSS 3.2.1 packs that are real
 * conflicts with documented IPv6 requirements, and how to acknowledge exactly those:
 *
 *   Ipv6ComplianceConflicts.acknowledge(app); // or a stack
 *
 * - `VPCSubnetAutoAssignPublicIpDisabled` on a private subnet (no route to an internet gateway) with
 *   `AssignIpv6AddressOnCreation: true` and `MapPublicIpOnLaunch` not true: the rule counts IPv6
 *   auto-assignment as a public IP, and EKS IPv6 nodes do not join without it (EKS-IPV6-6). A public
 *   subnet, or one that maps public IPv4 addresses, stays a finding.
 * - `VPCNoUnrestrictedRouteToIGW` on a `::/0` route to an internet gateway: a dual-stack public
 *   subnet has no NAT for IPv6; that route is how it reaches the internet over IPv6. The IPv4
 *   `0.0.0.0/0` route stays a finding.
 * - `VPCDefaultSecurityGroupClosed` on a `DualStackVpc` whose default security group is locked
 *   down by this library (`restrictDefaultSecurityGroup`, the default), which also revokes the
 *   `::/0` egress rule: the rule passes only aws-cdk-lib's own lockdown, and cannot see this one.
 *
 * Nothing else is acknowledged: every other finding of those packs stays for you to judge.
 */
export class Ipv6ComplianceConflicts {
  /**
   * Acknowledges the IPv6 conflicts of every resource under `scope`, once the app's tree is
   * complete (an aspect), each on its own resource with its reason.
   */
  public static acknowledge(scope: IConstruct): void {
    if (!Construct.isConstruct(scope)) {
      throw new Error(`Ipv6ComplianceConflicts.acknowledge: scope is ${scope === undefined || scope === null ? String(scope) : typeof scope}, not a construct. `
        + 'Give the app or the stack whose IPv6 conflicts to acknowledge: Ipv6ComplianceConflicts.acknowledge(app).');
    }
    Aspects.of(scope).add(new AcknowledgeIpv6Conflicts());
  }

  private constructor() {}
}

class AcknowledgeIpv6Conflicts implements IAspect {
  public visit(node: IConstruct): void {
    // Only where the reason holds: a private subnet. A public one (a route to the internet gateway)
    // gives its instances addresses the internet can reach, which is what the rule is about.
    if (node instanceof ec2.CfnSubnet && node.assignIpv6AddressOnCreation === true && node.mapPublicIpOnLaunch !== true
      && !routesToInternetGateway(node)) {
      acknowledge(node, 'VPCSubnetAutoAssignPublicIpDisabled', 'The subnet assigns IPv6 addresses on creation (AssignIpv6AddressOnCreation), which the '
        + 'rule counts as a public IP: EKS nodes of an IPv6 cluster do not join without it (Amazon EKS user guide, IPv6). It maps no public IPv4 address, '
        + 'and IPv6 reachability is decided by its route table (egress-only gateway in private subnets) and security groups.');
    }
    if (node instanceof ec2.CfnRoute && node.destinationIpv6CidrBlock === '::/0' && node.gatewayId !== undefined && isInternetGateway(node.gatewayId)) {
      acknowledge(node, 'VPCNoUnrestrictedRouteToIGW', 'The ::/0 route of a dual-stack public subnet to the internet gateway: IPv6 has no NAT, so this '
        + 'route is how a public subnet (load balancers, NAT gateways) reaches the internet over IPv6. Private subnets route ::/0 to the egress-only gateway.');
    }
    if (node instanceof ec2.CfnVPC && node.node.scope?.node.children.some(c => c instanceof DefaultSecurityGroupLockdown)) {
      acknowledge(node, 'VPCDefaultSecurityGroupClosed', 'The VPC\'s default security group is emptied by DefaultSecurityGroupLockdown (every IPv4 and '
        + 'IPv6 rule, including the ::/0 egress rule aws-cdk-lib\'s own lockdown leaves); the rule recognizes only aws-cdk-lib\'s Custom::VpcRestrictDefaultSG.');
    }
  }
}

/** Whether the subnet's own routes (aws-cdk-lib's and Ipv6OnlySubnet's are its children) lead to an internet gateway. */
function routesToInternetGateway(subnet: ec2.CfnSubnet): boolean {
  return (subnet.node.scope?.node.children ?? []).some(c => c instanceof ec2.CfnRoute && c.gatewayId !== undefined && isInternetGateway(c.gatewayId));
}

function acknowledge(node: IConstruct, rule: string, reason: string): void {
  Validations.of(node).acknowledge(...PACKS.map(pack => ({ id: `${pack}::${pack}-${rule}`, reason })));
}

/** Whether a route's gateway is an internet gateway: an `igw-` id, or a reference to an `AWS::EC2::InternetGateway` of the app. */
function isInternetGateway(gatewayId: string): boolean {
  if (!Token.isUnresolved(gatewayId)) {
    return gatewayId.startsWith('igw-');
  }
  const token = Tokenization.reverseString(gatewayId).firstToken;
  return token !== undefined && Reference.isReference(token) && token.target instanceof ec2.CfnInternetGateway;
}

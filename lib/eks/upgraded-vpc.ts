import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { Ipv6Upgrade } from '../vpc/ipv6-upgrade';

/**
 * The `Ipv6Upgrade` of this app that gives `vpc` its IPv6 block, if any: found by the VPC's
 * `AWS::EC2::VPCCidrBlock`, which the upgrade creates as its child `Ipv6Cidr`. A brownfield VPC
 * (an IPv4 `ec2.Vpc` made dual-stack by the upgrade) carries no IPv6 attribute of its own.
 */
export function ipv6UpgradeOf(vpc: ec2.IVpc, root: IConstruct): Ipv6Upgrade | undefined {
  const block = root.node.findAll().find(c => c instanceof ec2.CfnVPCCidrBlock && c.vpcId === vpc.vpcId && c.node.scope instanceof Ipv6Upgrade);
  return block?.node.scope as Ipv6Upgrade | undefined;
}

/** What an `Ipv6Upgrade` gave one subnet. */
export interface UpgradedSubnet {
  /** The subnet's `AWS::EC2::SubnetCidrBlock`. */
  readonly block: ec2.CfnSubnetCidrBlock;
  /** Whether the upgrade turns on `AssignIpv6AddressOnCreation` for it. */
  readonly autoAssignIpv6: boolean;
  /** Whether the upgrade routes `::/0` from its route table. */
  readonly ipv6DefaultRoute: boolean;
}

/** What `upgrade` gave `subnet`, or `undefined` when the upgrade did not cover it. */
export function upgradedSubnet(upgrade: Ipv6Upgrade, subnet: ec2.ISubnet): UpgradedSubnet | undefined {
  const block = upgrade.node.findAll()
    .find((c): c is ec2.CfnSubnetCidrBlock => c instanceof ec2.CfnSubnetCidrBlock && c.subnetId === subnet.subnetId);
  if (block === undefined) {
    return undefined;
  }
  const routeTableId = subnet.routeTable?.routeTableId;
  return {
    block,
    autoAssignIpv6: block.node.scope?.node.tryFindChild('AssignIpv6OnCreation') !== undefined,
    ipv6DefaultRoute: routeTableId !== undefined && upgrade.node.findAll().some(c => c instanceof ec2.CfnRoute
      && c.routeTableId === routeTableId && c.destinationIpv6CidrBlock === '::/0'),
  };
}

import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { upgradedSubnet } from './upgraded-vpc';
import { invalidProp } from '../core/validation';
import { Ipv6Upgrade } from '../vpc/ipv6-upgrade';
import { isDualStackVpc, vpcIpv6CidrOf } from '../vpc/vpc-ipv6-cidr';

/**
 * The IPv6 CIDR block of the cluster's VPC, or a validation error when the VPC has none or does not
 * say. An `ec2.Vpc` has IPv6 with `ipProtocol: DUAL_STACK`, or from an `Ipv6Upgrade` of this app;
 * its block is read through the block's association, so that what uses it waits for it.
 */
export function vpcIpv6Cidr(scope: IConstruct, id: string, vpc: ec2.IVpc, upgrade?: Ipv6Upgrade): string {
  const block = vpcIpv6CidrOf(vpc) ?? upgrade?.vpcIpv6CidrBlock;
  if (block !== undefined) {
    return block;
  }
  const what = vpc instanceof ec2.Vpc ? `the ec2.Vpc ${vpc.node.path} has no IPv6 CIDR block` : `the imported VPC ${vpc.node.path} does not say its IPv6 CIDR block`;
  return invalidProp(scope, id, `vpc: ${what}; an IPv6 EKS cluster needs a VPC with IPv4 and IPv6 blocks. `
    + 'Use DualStackVpc (or ec2.Vpc with ipProtocol DUAL_STACK), add IPv6 to the VPC with Ipv6Upgrade in this app, '
    + 'or import the VPC with DualStackVpc.fromDualStackVpcAttributes.');
}

/** What a subnet must have for a use: the cluster's ENIs and Fargate pods need an IPv6 block; nodes also auto-assignment. */
export interface SubnetRequirement {
  /** The prop the subnets come from, for the message. */
  readonly prop: string;
  /** Whether instances launched in the subnets need an IPv6 address on their primary interface. */
  readonly autoAssignIpv6: boolean;
  /**
   * Whether the subnets must route `::/0` (nodes that EKS Auto Mode launches: they pull images and
   * reach AWS APIs over IPv6). Checked where the app defines the route tables.
   * @default false
   */
  readonly ipv6Egress?: boolean;
  /** The `Ipv6Upgrade` that made the VPC dual-stack, when one did. */
  readonly upgrade?: Ipv6Upgrade;
}

/**
 * Throws for the first subnet that is on an Outpost, has no IPv6 block, or (for nodes) does not
 * auto-assign IPv6. Subnets defined outside this app (imported) are not known and pass.
 */
export function checkSubnets(scope: IConstruct, id: string, vpc: ec2.IVpc, subnets: ec2.ISubnet[], req: SubnetRequirement): void {
  if (subnets.length === 0) {
    invalidProp(scope, id, `${req.prop}: the selection matches no subnet of the VPC. Select subnets that have IPv4 and IPv6 blocks.`);
  }
  for (const subnet of subnets) {
    const cfn = cfnSubnetOf(subnet);
    if (cfn === undefined) {
      continue;
    }
    const where = `${req.prop}: subnet ${subnet.node.path}`;
    if (cfn.outpostArn !== undefined) {
      invalidProp(scope, id, `${where} is on an AWS Outpost (outpostArn ${cfn.outpostArn}); EKS does not run IPv6 clusters on Outposts. Select subnets in the region.`);
    }
    const upgraded = req.upgrade && upgradedSubnet(req.upgrade, subnet);
    // DualStackVpc and Ipv6Upgrade may give the block through a separate AWS::EC2::SubnetCidrBlock.
    if (!isDualStackVpc(vpc) && cfn.ipv6CidrBlock === undefined && cfn.ipv6Native !== true && upgraded === undefined) {
      invalidProp(scope, id, req.upgrade === undefined
        ? `${where} has no IPv6 CIDR block (ipv6CidrBlock undefined). Give the VPC's subnets IPv6 blocks (DualStackVpc does).`
        : `${where} was not upgraded by ${req.upgrade.node.path}, so it has no IPv6 CIDR block. Select subnets of the VPC's public, private or `
          + 'isolated groups, which the Ipv6Upgrade covers, or give this subnet an IPv6 block.');
    }
    const assign = upgraded !== undefined ? upgraded.autoAssignIpv6 : cfn.assignIpv6AddressOnCreation;
    if (req.autoAssignIpv6 && !Token.isUnresolved(assign) && assign !== true) {
      invalidProp(scope, id, upgraded !== undefined
        ? `${where} gets its IPv6 block from ${req.upgrade!.node.path}, which has assignIpv6AddressOnCreation false; nodes of an IPv6 cluster launched `
          + 'there get no IPv6 address and never become Ready. Leave assignIpv6AddressOnCreation at its default (true) on the Ipv6Upgrade.'
        : `${where} has assignIpv6AddressOnCreation ${String(assign)}; nodes of an IPv6 cluster launched there get no IPv6 address `
          + 'and never become Ready. Set assignIpv6AddressOnCreation: true on the subnet group, or select other subnets.');
    }
    if (req.ipv6Egress && !(upgraded?.ipv6DefaultRoute ?? hasIpv6DefaultRoute(subnet))) {
      invalidProp(scope, id, `${where} has no ::/0 route, so nodes launched there cannot reach ECR, the cluster endpoint or any IPv6 destination. `
        + 'Select private subnets with egress (DualStackVpc routes ::/0 to an egress-only internet gateway), or add the route.');
    }
  }
}

/** Whether the app routes `::/0` from the subnet's route table; `true` when the table is not the app's. */
function hasIpv6DefaultRoute(subnet: ec2.ISubnet): boolean {
  const routeTableId = subnet.routeTable?.routeTableId;
  if (routeTableId === undefined || !(subnet instanceof ec2.Subnet)) {
    return true;
  }
  return Stack.of(subnet).node.findAll().some(c => c instanceof ec2.CfnRoute && c.routeTableId === routeTableId
    && c.destinationIpv6CidrBlock === '::/0');
}

function cfnSubnetOf(subnet: ec2.ISubnet): ec2.CfnSubnet | undefined {
  const child = subnet.node.defaultChild;
  return child instanceof ec2.CfnSubnet ? child : undefined;
}

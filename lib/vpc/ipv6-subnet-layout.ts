import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Ipv6Pool } from './ipv6-pool';

/**
 * /64 slots reserved for each subnet group, one per availability zone. No region has more than
 * six zones, so a group never spills into the next group's slots, and adding a zone later does
 * not move any existing subnet.
 */
export const IPV6_SLOTS_PER_GROUP = 8;

// Fn::Cidr accepts at most 256 blocks.
const FN_CIDR_MAX_COUNT = 256;

/** How many /64 subnets the block can hold, as far as CloudFormation can address them. */
export function addressableSlash64Count(prefixLength: number): number {
  return Math.min(FN_CIDR_MAX_COUNT, 2 ** (64 - prefixLength));
}

/**
 * The /64 at `index` inside the VPC's IPv6 block.
 *
 * The `Fn::Cidr` count depends only on the block's size, never on how many subnets exist, so a
 * subnet's template text does not change when subnets are added: CloudFormation may replace a
 * subnet whose `Ipv6CidrBlock` changes.
 */
export function slash64At(vpcIpv6Cidr: string, index: number, prefixLength: number): string {
  return Fn.select(index, Fn.cidr(vpcIpv6Cidr, addressableSlash64Count(prefixLength), '64'));
}

/**
 * `Fn::Select [0, VPC.Ipv6CidrBlocks]`, with a reference to the block's association so that
 * CloudFormation creates every resource using it after the association. Without it, a resource
 * can read the attribute while the list is still empty and the stack fails. Joining the CIDR with
 * the association id and splitting them again yields the CIDR alone: a CIDR never contains '|'.
 */
export function associatedVpcIpv6Cidr(vpcIpv6CidrBlocks: string[], association: ec2.CfnVPCCidrBlock): string {
  return Fn.select(0, Fn.split('|', Fn.join('|', [Fn.select(0, vpcIpv6CidrBlocks), association.ref])));
}

/** The /64 index of the subnet in `azIndex` of the group in `slot`. */
export function slash64Index(slot: number, azIndex: number): number {
  return slot * IPV6_SLOTS_PER_GROUP + azIndex;
}

/**
 * Gives `ec2.Vpc` a /64 per subnet at an index fixed by the subnet group's slot and the zone,
 * instead of the subnet's position in the whole VPC: appending, removing or reordering groups
 * and adding zones leave every existing subnet's block where it is.
 *
 * `ec2.Vpc` asks for blocks group by group, zone by zone, in the order of its subnet
 * configuration; `groupSlots` lists the slot of each group in that order.
 */
export class DeterministicIpv6Addresses implements ec2.IIpv6Addresses {
  public readonly amazonProvided: boolean;

  constructor(private readonly pool: Ipv6Pool, private readonly groupSlots: number[]) {
    this.amazonProvided = pool.isAmazonProvided;
  }

  public allocateVpcIpv6Cidr(input: ec2.AllocateVpcIpv6CidrRequest): ec2.CfnVPCCidrBlock {
    return this.pool._associate(input.scope, input.vpcId);
  }

  public createIpv6CidrBlocks(input: ec2.CreateIpv6CidrBlocksRequest): string[] {
    const zones = input.subnetCount / this.groupSlots.length;
    const blocks: string[] = [];
    for (let i = 0; i < input.subnetCount; i++) {
      const slot = this.groupSlots[Math.floor(i / zones)];
      blocks.push(slash64At(input.ipv6SelectedCidr, slash64Index(slot, i % zones), this.pool.prefixLength));
    }
    return blocks;
  }

  public allocateSubnetsIpv6Cidr(input: ec2.AllocateIpv6CidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.allocatedSubnets.map((subnet, i) => ({ cidr: subnet.cidr, ipv6Cidr: input.ipv6Cidrs[i] })),
    };
  }
}

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IPV6_SLOTS_PER_GROUP } from './ipv6-subnet-layout';

/**
 * The VPC's IPv4 range is cut into this many equal group slots, and each slot into one range per
 * availability zone (as many as the IPv6 layout has /64s per group). A subnet's range depends only
 * on its group's slot and its zone, never on how many groups or zones exist.
 */
export const IPV4_GROUP_SLOTS = 8;
export const IPV4_ZONES_PER_SLOT = IPV6_SLOTS_PER_GROUP;

// log2 of the two counts above: a slot is the VPC prefix + 3, a zone range the VPC prefix + 6.
const SLOT_BITS = Math.log2(IPV4_GROUP_SLOTS);
const ZONE_BITS = Math.log2(IPV4_ZONES_PER_SLOT);

/** The smallest subnet AWS allows. */
const MIN_SUBNET_PREFIX = 28;

/** The largest VPC range the layout needs: 8 slots x 8 zones of at least a /28. */
export const MAX_IPV4_VPC_PREFIX = MIN_SUBNET_PREFIX - SLOT_BITS - ZONE_BITS;

/** Where a dual-stack group's subnets go in the VPC's IPv4 range. */
export interface Ipv4GroupPlan {
  /** The prefix length of each of the group's subnets. */
  readonly subnetPrefix: number;
  /** The first group slot the group covers (its `slot`). */
  readonly firstSlot: number;
  /** How many consecutive group slots the group covers: 1, or more when its subnets are larger than a zone range. */
  readonly slotCount: number;
}

/** The default subnet prefix: one zone range, /22 in a /16. */
export function defaultIpv4SubnetPrefix(vpcPrefix: number): number {
  return vpcPrefix + SLOT_BITS + ZONE_BITS;
}

/** The largest subnet a group can have: 8 of them fill the VPC. */
export function largestIpv4SubnetPrefix(vpcPrefix: number): number {
  return vpcPrefix + ZONE_BITS;
}

/**
 * The group slots a group with subnets of `subnetPrefix` covers: a subnet larger than a zone
 * range takes the ranges of the next slots too (a /21 in a /16 covers 2 slots, a /20 covers 4).
 */
export function ipv4GroupPlan(vpcPrefix: number, slot: number, subnetPrefix: number): Ipv4GroupPlan {
  const slotCount = 2 ** Math.max(0, defaultIpv4SubnetPrefix(vpcPrefix) - subnetPrefix);
  return { subnetPrefix, firstSlot: slot, slotCount };
}

/** The IPv4 CIDR of the subnet in zone `zone` of a group. */
export function ipv4SubnetCidr(vpcCidr: string, plan: Ipv4GroupPlan, zone: number): string {
  const [address, prefix] = vpcCidr.split('/');
  const vpcPrefix = Number(prefix);
  const slotSize = 2 ** (32 - vpcPrefix - SLOT_BITS);
  const zoneStep = Math.max(2 ** (32 - plan.subnetPrefix), slotSize / IPV4_ZONES_PER_SLOT);
  const network = ipv4ToNumber(address) - (ipv4ToNumber(address) % 2 ** (32 - vpcPrefix));
  return `${numberToIpv4(network + plan.firstSlot * slotSize + zone * zoneStep)}/${plan.subnetPrefix}`;
}

/**
 * Gives `ec2.Vpc` an IPv4 range per subnet fixed by the subnet group's slot and the zone,
 * instead of aws-cdk-lib's even split of the VPC between the groups, which re-carves every subnet
 * when a group or a zone is added.
 *
 * `ec2.Vpc` asks for the ranges group by group, zone by zone, in the order of its subnet
 * configuration; `groups` maps each group name to its plan.
 */
export class DeterministicIpv4Addresses implements ec2.IIpAddresses {
  constructor(private readonly vpcCidr: string, private readonly groups: Map<string, Ipv4GroupPlan>) {}

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const zoneOf = new Map<string, number>();
    return {
      allocatedSubnets: input.requestedSubnets.map(({ configuration }) => {
        const zone = zoneOf.get(configuration.name) ?? 0;
        zoneOf.set(configuration.name, zone + 1);
        return { cidr: ipv4SubnetCidr(this.vpcCidr, this.groups.get(configuration.name)!, zone) };
      }),
    };
  }
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.');
}

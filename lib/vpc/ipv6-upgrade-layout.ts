import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { addressableSlash64Count, IPV6_SLOTS_PER_GROUP, slash64Index } from './ipv6-subnet-layout';
import { describeToken } from '../core/token-description';

/** The block Amazon provides is always a /56. */
export const AMAZON_PROVIDED_PREFIX_LENGTH = 56;

const SLOTS = addressableSlash64Count(AMAZON_PROVIDED_PREFIX_LENGTH) / IPV6_SLOTS_PER_GROUP;

/** The slot of the only group of a subnet type: a third of the /56 for each type. */
export const DEFAULT_TYPE_SLOTS = { Public: 0, Private: 8, Isolated: 16 } as const;

/** The subnets of one type of the upgraded VPC. */
export interface SubnetsOfType {
  readonly name: keyof typeof DEFAULT_TYPE_SLOTS;
  readonly subnets: ec2.ISubnet[];
}

/** Where one subnet's resources go. */
export interface UpgradedSubnet {
  readonly subnet: ec2.ISubnet;
  /**
   * The construct id of the subnet's resources: the subnet id when it is literal (imported),
   * else `<group>Subnet<zone>` (the id aws-cdk-lib's Vpc gives the subnet). Never a position
   * in a list, so a subnet added anywhere moves nobody else's resources.
   */
  readonly key: string;
  /** The /64 index: 8 x the group's slot + the zone's index in the VPC's zone list. */
  readonly index: number;
}

/**
 * Gives every subnet a key and a /64 decided by its group and its zone, never by its position
 * among the VPC's subnets. Throws (with `fail`) where a later change could still move a block.
 */
export function planUpgradedSubnets(vpc: ec2.IVpc, types: SubnetsOfType[], groupSlots: { [group: string]: number } | undefined,
  fail: (message: string) => never): UpgradedSubnet[] {
  const slotOf = new Map<string, number>();
  const groupsOfType = types.map(type => ({ type, groups: groupSubnets(type) }));
  // Before anything else: a misspelled group would otherwise surface as another group's missing slot.
  const groupNames = groupsOfType.flatMap(({ groups }) => [...groups.keys()]);
  for (const [name, slot] of Object.entries(groupSlots ?? {})) {
    if (!groupNames.includes(name)) {
      fail(`subnetGroupSlots: the VPC has no subnet group '${name}'. Its groups are ${groupNames.join(', ')}: remove '${name}' or correct it.`);
    }
    if (Token.isUnresolved(slot)) {
      fail(`subnetGroupSlots: the slot of group '${name}' is ${describeToken(slot)}, unknown until deployment. `
        + `Each subnet's /64 is computed from its slot at synthesis: give a whole number from 0 to ${SLOTS - 1}.`);
    }
  }
  for (const { type, groups } of groupsOfType) {
    const names = [...groups.keys()];
    for (const name of names) {
      const given = groupSlots?.[name];
      if (given === undefined && names.length > 1) {
        const example = names.map((n, i) => `${n}: ${DEFAULT_TYPE_SLOTS[type.name] + i}`).join(', ');
        fail(`subnetGroupSlots: the VPC has ${names.length} ${type.name.toLowerCase()} subnet groups (${names.join(', ')}), and a group's /64s would move if the groups were reordered or one were inserted before another, which a subnet holding a block cannot take. Give each its slot, the first one deployed keeping ${DEFAULT_TYPE_SLOTS[type.name]}: subnetGroupSlots: { ${example} }.`);
      }
      slotOf.set(name, given ?? DEFAULT_TYPE_SLOTS[type.name]);
    }
  }
  const taken = new Map<number, string>();
  for (const [name, slot] of slotOf) {
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) {
      fail(`subnetGroupSlots: slot ${slot} of group '${name}' is not a whole number from 0 to ${SLOTS - 1}: the /56 holds ${SLOTS} groups of ${IPV6_SLOTS_PER_GROUP} /64s.`);
    }
    const other = taken.get(slot);
    if (other !== undefined) {
      fail(`subnetGroupSlots: groups '${other}' and '${name}' both have slot ${slot}. Two groups cannot share /64 blocks: give each group its own slot.`);
    }
    taken.set(slot, name);
  }

  const planned: UpgradedSubnet[] = [];
  const keys = new Set<string>();
  for (const { groups } of groupsOfType) {
    for (const [group, subnets] of groups) {
      for (const subnet of subnets) {
        const zone = vpc.availabilityZones.indexOf(subnet.availabilityZone);
        if (zone < 0 || zone >= IPV6_SLOTS_PER_GROUP) {
          fail(`vpc: subnet ${subnet.node.path} is in zone ${subnet.availabilityZone}, ${zone < 0 ? 'which is not in the VPC\'s availabilityZones' : `the ${zone + 1}th of the VPC's zones`}. Each subnet's /64 is fixed by its zone's place among the first ${IPV6_SLOTS_PER_GROUP} of the VPC's availabilityZones: list its zone there, in the order the zones were added.`);
        }
        const key = Token.isUnresolved(subnet.subnetId) ? `${group}Subnet${zone + 1}` : subnet.subnetId;
        if (keys.has(key)) {
          fail(`vpc: two subnets of group '${group}' are in zone ${subnet.availabilityZone}. A group has one subnet per zone: import each group's subnets with their own subnet group names.`);
        }
        keys.add(key);
        planned.push({ subnet, key, index: slash64Index(slotOf.get(group)!, zone) });
      }
    }
  }
  return planned;
}

/**
 * The subnets of one type by group name. aws-cdk-lib names a subnet `<group>Subnet<n>`, in its
 * own VPCs and in imported ones; a subnet named otherwise belongs to the type's default group.
 */
function groupSubnets(type: SubnetsOfType): Map<string, ec2.ISubnet[]> {
  const groups = new Map<string, ec2.ISubnet[]>();
  for (const subnet of type.subnets) {
    const name = /^(.+)Subnet\d+$/.exec(subnet.node.id)?.[1] ?? type.name;
    groups.set(name, [...groups.get(name) ?? [], subnet]);
  }
  return groups;
}

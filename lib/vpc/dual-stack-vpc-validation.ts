import { Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DualStackSubnetGroup } from './dual-stack-subnet-group';
import type { DualStackVpcProps } from './dual-stack-vpc';
import { parseIpv4Cidr } from '../core/ip-cidr';
import { describeToken } from '../core/token-description';
import { invalidProp } from '../core/validation';

/**
 * The checks of `DualStackVpc` props that aws-cdk-lib's `Vpc` would otherwise pass silently (a
 * range with host bits, more NAT gateways than zones) or answer with a message that names no prop.
 * Runs before the VPC joins the tree.
 */
export function validateDualStackVpcInput(scope: Construct, id: string, props: DualStackVpcProps, groups: DualStackSubnetGroup[]): void {
  const fail = (message: string): never => invalidProp(scope, id, message);

  const cidr = props.ipv4Cidr;
  const parsed = cidr === undefined || Token.isUnresolved(cidr) ? undefined : parseIpv4Cidr(cidr);
  if (parsed?.hostBitsSet) {
    fail(`ipv4Cidr: '${cidr}' has host bits set past its /${parsed.prefixLength} prefix, and EC2 would silently use ${parsed.network}. Give the network address, '${parsed.network}'.`);
  }

  const { maxAzs, availabilityZones } = props;
  if (maxAzs !== undefined && availabilityZones !== undefined) {
    fail(`maxAzs: ${Token.isUnresolved(maxAzs) ? describeToken(maxAzs) : maxAzs} is given together with availabilityZones, which already says how many zones to use. `
      + 'Give one of them.');
  }
  if (maxAzs !== undefined) {
    if (Token.isUnresolved(maxAzs)) {
      fail(`maxAzs: ${describeToken(maxAzs)} is not known at synthesis, and the subnets are laid out per zone then. Give a whole number from 1 to 8.`);
    }
    if (!Number.isInteger(maxAzs) || maxAzs < 1) {
      fail(`maxAzs: ${maxAzs} is not a whole number from 1. Give the number of availability zones to use, 1 to 8 (default 3).`);
    }
  }
  if (availabilityZones !== undefined) {
    if (availabilityZones.length === 0) {
      fail('availabilityZones: the list is empty. Give at least one zone (for example [\'us-east-1a\']), or leave it out for the first maxAzs zones of the region.');
    }
    const duplicate = availabilityZones.find((zone, i) => !Token.isUnresolved(zone) && availabilityZones.indexOf(zone) !== i);
    if (duplicate !== undefined) {
      fail(`availabilityZones: '${duplicate}' is listed twice. A VPC has one subnet per group and zone: list each zone once.`);
    }
  }

  const sanitized = new Map<string, string>();
  for (const [position, group] of groups.entries()) {
    if (!Token.isUnresolved(group.name) && group.name.trim() === '') {
      fail(`subnetGroups[${position}]: name '${group.name}' is empty. Give the group a name (it selects its subnets and names their constructs), for example 'Private'.`);
    }
    // Construct ids become logical ids with everything but letters and digits removed.
    const key = group.name.replace(/[^A-Za-z0-9]/g, '');
    const other = sanitized.get(key);
    if (other !== undefined && other !== group.name) {
      fail(`subnetGroups[${position}]: name '${group.name}' and '${other}' both become '${key}' in CloudFormation logical ids, so their subnets would collide. `
        + 'Give names that differ in letters or digits.');
    }
    sanitized.set(key, group.name);
    // A runtime check: JavaScript and transpile-only builds do not see the deprecation.
    if (group.ipv6Slot !== undefined) {
      fail(`subnetGroups[${position}] '${group.name}': ipv6Slot is no longer read. Rename it to slot (slot: ${group.ipv6Slot}): `
        + 'slot places the group\'s IPv4 ranges as well as its IPv6 /64s (CHANGELOG.md, "Upgrading").');
    }
    const slot = group.slot;
    if (slot !== undefined && Token.isUnresolved(slot)) {
      fail(`subnetGroups[${position}] '${group.name}': slot is ${describeToken(slot)}, not known at synthesis, when the layout is planned. Give a whole number from 0, for example ${position}.`);
    }
  }

  const nat = props.natGateways;
  if (nat !== undefined && !Token.isUnresolved(nat)) {
    if (!Number.isInteger(nat) || nat < 0) {
      fail(`natGateways: ${nat} is not a whole number from 0. Give the number of NAT gateways (0 for IPv6-only egress), or leave it out for one per zone.`);
    }
    const zones = availabilityZones?.length ?? Math.min(maxAzs ?? 3, Stack.of(scope).availabilityZones.length);
    if (nat > zones) {
      fail(`natGateways: ${nat} is more than the ${zones} availability zones of the VPC; a zone holds at most one NAT gateway, and aws-cdk-lib would silently create ${zones}. `
        + `Give at most ${zones}, or use more zones.`);
    }
  }
}

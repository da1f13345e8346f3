import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/*
 * The default subnets of the constructs whose resource is replaced when its subnets change
 * (`DualStackMskCluster`, `DualStackMskServerlessCluster`, `Ipv6EksCluster` and its nodes).
 *
 * aws-cdk-lib's `{ subnetType: PRIVATE_WITH_EGRESS }` takes every private group, so a group
 * appended to the VPC adds subnets to the cluster and replaces it. The default here takes ONE
 * group, the private-with-egress group a later change cannot displace: in a `DualStackVpc` the one
 * with the lowest slot (a group's slot never moves), in any other VPC the first one declared
 * (appending keeps it first). Appending a group therefore changes nothing.
 *
 * Zones cannot be made stable the same way without state outside the template: the default is
 * "every zone", and a zone added to the VPC adds a subnet to the group. The constructs warn at
 * synthesis (see `warnDefaultSubnetsFollowZones`) with the selection that pins today's zones.
 */

/** ec2.Vpc (and Vpc.fromVpcAttributes) name a group's subnets `${group}Subnet${n}`. */
const PRIVATE_SUBNET_ID = /^(.+)Subnet\d+$/;

/** The slots of a `DualStackVpc`'s dual-stack private-with-egress groups, by group name. */
const privateGroupSlots = new WeakMap<ec2.IVpc, ReadonlyMap<string, number>>();

/**
 * Called by `DualStackVpc`: its private-with-egress dual-stack groups and their slots.
 */
export function recordPrivateGroupSlots(vpc: ec2.IVpc, slots: ReadonlyMap<string, number>): void {
  privateGroupSlots.set(vpc, slots);
}

/**
 * The name of the private-with-egress group the default selection takes, or undefined when the
 * VPC's subnets do not say (a custom `IVpc`): then aws-cdk-lib's type selection is used as before.
 */
export function defaultPrivateGroupName(vpc: ec2.IVpc): string | undefined {
  const slots = privateGroupSlots.get(vpc);
  if (slots !== undefined && slots.size > 0) {
    return [...slots.entries()].sort(([, a], [, b]) => a - b)[0][0];
  }
  // Their privateSubnets list the groups in the order they are declared.
  const first = vpc.privateSubnets[0];
  return first === undefined ? undefined : PRIVATE_SUBNET_ID.exec(first.node.id)?.[1];
}

/**
 * The default selection: one private-with-egress group, in every zone.
 */
export function defaultSubnetSelection(vpc: ec2.IVpc): ec2.SubnetSelection {
  const group = defaultPrivateGroupName(vpc);
  return group === undefined ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : { subnetGroupName: group };
}

/** The constructs that warn, each with its own warning id. */
export type DefaultSubnetsConstruct = 'msk' | 'mskServerless' | 'eks' | 'eksNodegroup';

const KINDS: Record<DefaultSubnetsConstruct, { what: string; prop: string; list: boolean; note?: string }> = {
  msk: { what: 'MSK cluster', prop: 'vpcSubnets', list: false },
  mskServerless: { what: 'MSK Serverless cluster', prop: 'vpcSubnets', list: false },
  eks: { what: 'EKS cluster', prop: 'vpcSubnets', list: true },
  // A node group's replacement drains and replaces every node of the group.
  eksNodegroup: { what: 'node group', prop: 'subnets', list: false, note: ' (the default node group: defaultNodegroup.subnets)' },
};

/**
 * The warning id of a construct kind, stable: acknowledge it with
 * `Annotations.of(construct).acknowledgeWarning(id)` once the VPC's zones are final.
 */
export function defaultSubnetsWarningId(kind: DefaultSubnetsConstruct): string {
  return `cdk-ipv6-ready:${kind}:defaultSubnetsFollowZones`;
}

/**
 * Warns that the default selection follows the VPC's zones: a zone added to the VPC adds a subnet
 * and replaces the resource. The message gives the selection that keeps today's subnets.
 */
export function warnDefaultSubnetsFollowZones(scope: Construct, kind: DefaultSubnetsConstruct, vpc: ec2.IVpc, selection: ec2.SubnetSelection): void {
  const { what, prop, list, note } = KINDS[kind];
  const zones = vpc.selectSubnets(selection).availabilityZones;
  const group = selection.subnetGroupName === undefined ? 'subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS' : `subnetGroupName: '${selection.subnetGroupName}'`;
  const pinned = zones.some(z => Token.isUnresolved(z))
    ? `vpc.availabilityZones.slice(0, ${zones.length})`
    : `[${zones.map(z => `'${z}'`).join(', ')}]`;
  const fix = `{ ${group}, availabilityZones: ${pinned} }`;
  Annotations.of(scope).addWarningV2(defaultSubnetsWarningId(kind),
    `${prop} is not set: the ${what} takes the default, the private subnets of every zone of the VPC (${zones.length} today). `
    + `A zone added to the VPC later adds a subnet and REPLACES the ${what}. `
    + `Pin today's zones: ${prop}: ${list ? `[${fix}]` : fix}${note ?? ''}.`);
}

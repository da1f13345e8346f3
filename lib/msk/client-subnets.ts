import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { invalidProp } from '../core/validation';
import { vpcIpv6CidrOf } from '../vpc/vpc-ipv6-cidr';

/**
 * The VPC's IPv6 block, the default source of IPv6 clients: given, or read from the VPC. Throws when
 * there is none, since MSK cannot switch a cluster to dual-stack without one.
 */
export function clientVpcIpv6Cidr(scope: Construct, vpc: ec2.IVpc, given: string | undefined): string {
  const block = given ?? vpcIpv6CidrOf(vpc);
  if (block === undefined) {
    invalidProp(scope, undefined, 'vpc: the VPC has no IPv6 block that this construct can see. MSK dual-stack needs one: use a DualStackVpc, '
      + 'an ec2.Vpc with ipProtocol DUAL_STACK, add one with Ipv6Upgrade, or pass vpcIpv6CidrBlock.');
  }
  return block;
}

/**
 * Checks the client subnets of a dual-stack cluster: distinct zones, each with IPv4 and IPv6.
 * MSK accepts the cluster with subnets that lack IPv6, and then refuses to switch it to DUAL.
 *
 * @returns the `AWS::EC2::SubnetCidrBlock` resources (from `Ipv6Upgrade`) that give subnets their
 * IPv6 block: the switch must wait for them.
 */
export function validateClientSubnets(
  scope: Construct, subnets: ec2.SelectedSubnets, counts: { min: number; max: number },
): ec2.CfnSubnetCidrBlock[] {
  const fail = (message: string): never => invalidProp(scope, undefined, message);
  const count = subnets.subnetIds.length;
  if (count < counts.min || count > counts.max) {
    fail(`vpcSubnets: the selection has ${count} subnets. This cluster takes ${counts.min} to ${counts.max} client subnets in distinct availability zones: select that many (for example with onePerAz).`);
  }
  const zones = subnets.subnets.map(s => s.availabilityZone);
  if (new Set(zones).size !== zones.length) {
    fail(`vpcSubnets: two client subnets share an availability zone (${zones.join(', ')}). Select one subnet per zone (onePerAz: true).`);
  }
  const cfnSubnets = subnets.subnets.map(s => s.node.defaultChild).filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet);
  const ipv6Only = cfnSubnets.filter(s => s.ipv6Native === true);
  if (ipv6Only.length > 0) {
    fail(`vpcSubnets: ${ipv6Only.map(s => s.node.scope!.node.path).join(', ')} ${ipv6Only.length === 1 ? 'is' : 'are'} IPv6-only. MSK client subnets need IPv4 and IPv6: select dual-stack subnets.`);
  }
  const addedBlocks = Stack.of(scope).node.findAll().filter((c): c is ec2.CfnSubnetCidrBlock => c instanceof ec2.CfnSubnetCidrBlock
    && subnets.subnetIds.includes(c.subnetId));
  const noIpv6 = cfnSubnets.filter(s => s.ipv6CidrBlock === undefined && s.ipv6IpamPoolId === undefined
    && !addedBlocks.some(b => b.subnetId === s.ref));
  if (noIpv6.length > 0) {
    fail(`vpcSubnets: ${noIpv6.map(s => s.node.scope!.node.path).join(', ')} ${noIpv6.length === 1 ? 'has' : 'have'} no IPv6 block. Every MSK client subnet needs IPv4 and IPv6, or the switch to dual-stack fails: select dual-stack subnets, or add IPv6 with Ipv6Upgrade first.`);
  }
  if (cfnSubnets.length < subnets.subnets.length) {
    Annotations.of(scope).addWarningV2('cdk-ipv6-ready:Msk.importedSubnets',
      'Some client subnets are imported: whether they have IPv6 blocks cannot be checked at synthesis. Every client subnet needs IPv4 and IPv6, or the cluster cannot go dual-stack.');
  }
  return addedBlocks;
}

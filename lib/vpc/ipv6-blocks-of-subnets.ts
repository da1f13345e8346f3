import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';

/**
 * Every resource in the app that gives one of `subnetIds`, or the VPC holding it, an IPv6
 * block: each `AWS::EC2::SubnetCidrBlock` of those subnets and each IPv6 `AWS::EC2::VPCCidrBlock`
 * of their VPCs, whatever construct made them. Ids are compared as CloudFormation will see them
 * (`Ref`s and literals alike).
 *
 * @param scope where the ids are used (their stack resolves them)
 */
export function ipv6BlocksOfSubnets(scope: IConstruct, subnetIds: string[]): CfnResource[] {
  const key = (where: IConstruct, value: unknown) => JSON.stringify(Stack.of(where).resolve(value));
  const subnets = new Set(subnetIds.map(id => key(scope, id)));
  const all = scope.node.root.node.findAll();
  const vpcs = new Set(all
    .filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet && subnets.has(key(scope, c.ref)))
    .map(s => key(s, s.vpcId)));
  return all.filter((c): c is CfnResource =>
    (c instanceof ec2.CfnSubnetCidrBlock && subnets.has(key(c, c.subnetId)))
    || (c instanceof ec2.CfnVPCCidrBlock && vpcs.has(key(c, c.vpcId)) && isIpv6Block(c)));
}

/** Whether the VPC block is an IPv6 one (Amazon-provided, IPAM, BYOIP pool or a given range). */
export function isIpv6Block(block: ec2.CfnVPCCidrBlock): boolean {
  return !!block.amazonProvidedIpv6CidrBlock || block.ipv6IpamPoolId !== undefined
    || block.ipv6Pool !== undefined || block.ipv6CidrBlock !== undefined;
}

import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';

/**
 * Every resource in the app that gives one of `subnetIds`, or the VPC holding it, an IPv6
 * block: each `AWS::EC2::SubnetCidrBlock` of those subnets and each IPv6 `AWS::EC2::VPCCidrBlock`
 * of their VPCs, whatever construct made them, in whatever stack.
 *
 * @param scope where the ids are used
 */
export function ipv6BlocksOfSubnets(scope: IConstruct, subnetIds: string[]): CfnResource[] {
  const subnets = new Set(subnetIds.map(id => identity(scope, id)));
  const all = scope.node.root.node.findAll();
  const vpcs = new Set(all
    .filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet && subnets.has(identity(c, c.ref)))
    .map(s => identity(s, s.vpcId)));
  return all.filter((c): c is CfnResource =>
    (c instanceof ec2.CfnSubnetCidrBlock && subnets.has(identity(c, c.subnetId)))
    || (c instanceof ec2.CfnVPCCidrBlock && vpcs.has(identity(c, c.vpcId)) && isIpv6Block(c)));
}

/**
 * What an id stands for, the same wherever it is used: the element a reference points to (two
 * stacks of one app can hold elements with the same logical id), a literal as it is, anything
 * else as its stack resolves it.
 */
function identity(where: IConstruct, id: string): string {
  if (!Token.isUnresolved(id)) {
    return `literal:${id}`;
  }
  const token = Tokenization.reverseString(id).firstToken;
  if (token instanceof Reference) {
    return `reference:${token.target.node.path}:${token.displayName}`;
  }
  const stack = Stack.of(where);
  return `${stack.node.path}:${JSON.stringify(stack.resolve(id))}`;
}

/** Whether the VPC block is an IPv6 one (Amazon-provided, IPAM, BYOIP pool or a given range). */
export function isIpv6Block(block: ec2.CfnVPCCidrBlock): boolean {
  return !!block.amazonProvidedIpv6CidrBlock || block.ipv6IpamPoolId !== undefined
    || block.ipv6Pool !== undefined || block.ipv6CidrBlock !== undefined;
}

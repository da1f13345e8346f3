import { CustomResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { MskDualStackSwitch } from '../../../lib';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

const VPC_ID = 'vpc-0123456789abcdef0';

function cluster(stack: Stack, clientSubnets: string[], networkType = 'DUAL') {
  mskCluster(stack, { clientSubnets, connectivityInfo: { networkType } });
  return stack;
}

/** The three kinds of subnet: IPv4-only, IPv6-only and dual-stack. */
function subnets(stack: Stack) {
  return {
    ipv4Only: new ec2.CfnSubnet(stack, 'Ipv4Only', { vpcId: VPC_ID, cidrBlock: '10.0.0.0/24' }).ref,
    ipv6Only: new ec2.CfnSubnet(stack, 'Ipv6Only', { vpcId: VPC_ID, ipv6Native: true, ipv6CidrBlock: '2001:db8::/64' }).ref,
    dualStack: new ec2.CfnSubnet(stack, 'DualStack', { vpcId: VPC_ID, cidrBlock: '10.0.1.0/24', ipv6CidrBlock: '2001:db8:0:1::/64' }).ref,
  };
}

describe('MSK-IPV6-2 every client subnet is dual-stack (plain aws-cdk-lib CfnSubnet, Vpc and aws-msk CfnCluster)', () => {
  test('Noncompliance: an IPv4-only and an IPv6-only subnet, named one by one', () => {
    const stack = newStack();
    const { ipv4Only, ipv6Only, dualStack } = subnets(stack);
    cluster(stack, [ipv4Only, ipv6Only, dualStack]);
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual(['Ipv6Ready-MSK-IPV6-2[Subnet::Ipv4Only] @ Cluster', 'Ipv6Ready-MSK-IPV6-2[Subnet::Ipv6Only] @ Cluster']);
  });

  test('Noncompliance: a cluster without NetworkType that an MskDualStackSwitch switches after creation', () => {
    const stack = newStack();
    const { ipv4Only, dualStack } = subnets(stack);
    const created = mskCluster(stack, { clientSubnets: [ipv4Only, dualStack] });
    new MskDualStackSwitch(stack, 'Switch', { clusterArn: created.attrArn });
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual(['Ipv6Ready-MSK-IPV6-2[Subnet::Ipv4Only] @ Cluster']);
  });

  test('Noncompliance: a known faulty subnet outweighs a literal id', () => {
    const stack = newStack();
    cluster(stack, ['subnet-0aaaaaaaaaaaaaaa1', subnets(stack).ipv4Only]);
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual(['Ipv6Ready-MSK-IPV6-2[Subnet::Ipv4Only] @ Cluster']);
  });

  test('Compliance: dual-stack subnets, with IPv6 on the subnet or through AWS::EC2::SubnetCidrBlock', () => {
    const stack = newStack();
    const { ipv4Only, dualStack } = subnets(stack);
    new ec2.CfnSubnetCidrBlock(stack, 'Ipv4OnlyIpv6', { subnetId: ipv4Only, ipv6CidrBlock: '2001:db8:0:2::/64' });
    cluster(stack, [ipv4Only, dualStack]);
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual([]);
  });

  test('Compliance: the subnets of a DUAL_STACK Vpc, and an IPV4 cluster in IPv4-only subnets', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false });
    cluster(stack, vpc.publicSubnets.map(s => s.subnetId));
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual([]);

    const ipv4 = newStack();
    cluster(ipv4, [subnets(ipv4).ipv4Only], 'IPV4');
    expect(findingsOf(ipv4, 'MSK-IPV6-2')).toEqual([]);
  });

  test('Cannot judge: client subnets that are literal ids', () => {
    const stack = cluster(newStack(), ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2']);
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-2] @ Cluster']);
  });

  test('Cannot judge: a client subnet that a custom resource looks up', () => {
    const stack = newStack();
    const lookup = new CustomResource(stack, 'SubnetLookup', { serviceToken: 'arn:aws:lambda:us-east-1:123456789012:function:lookup' });
    cluster(stack, [lookup.getAttString('SubnetId'), subnets(stack).dualStack]);
    expect(findingsOf(stack, 'MSK-IPV6-2')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-2] @ Cluster']);
  });
});

import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

function vpc(stack: Stack, ipProtocol: ec2.IpProtocol) {
  return new ec2.Vpc(stack, 'Vpc', {
    ipProtocol,
    maxAzs: 2,
    natGateways: 0,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [{ name: 'Brokers', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

function cluster(stack: Stack, clientSubnets: string[], networkType: string) {
  mskCluster(stack, { clientSubnets, connectivityInfo: { networkType } });
  return stack;
}

function inVpc(ipProtocol: ec2.IpProtocol, networkType: string) {
  const stack = newStack();
  return cluster(stack, vpc(stack, ipProtocol).isolatedSubnets.map(s => s.subnetId), networkType);
}

describe('MSK-IPV6-1 a dual-stack cluster\'s VPC has IPv6 (plain aws-cdk-lib Vpc and aws-msk CfnCluster)', () => {
  test('Noncompliance: DUAL in an IPv4-only VPC', () => {
    expect(findingsOf(inVpc(ec2.IpProtocol.IPV4_ONLY, 'DUAL'), 'MSK-IPV6-1')).toEqual(['Ipv6Ready-MSK-IPV6-1 @ Cluster']);
  });

  test('Noncompliance: one subnet the template defines is enough to name the VPC', () => {
    const stack = newStack();
    cluster(stack, ['subnet-0aaaaaaaaaaaaaaa1', vpc(stack, ec2.IpProtocol.IPV4_ONLY).isolatedSubnets[0].subnetId], 'DUAL');
    expect(findingsOf(stack, 'MSK-IPV6-1')).toEqual(['Ipv6Ready-MSK-IPV6-1 @ Cluster']);
  });

  test('Compliance: DUAL in a DUAL_STACK VPC, and IPV4 in an IPv4-only VPC', () => {
    expect(findingsOf(inVpc(ec2.IpProtocol.DUAL_STACK, 'DUAL'), 'MSK-IPV6-1')).toEqual([]);
    expect(findingsOf(inVpc(ec2.IpProtocol.IPV4_ONLY, 'IPV4'), 'MSK-IPV6-1')).toEqual([]);
  });

  test('Compliance: a network type that is an import, in a VPC that would pass as DUAL', () => {
    expect(findingsOf(inVpc(ec2.IpProtocol.DUAL_STACK, Fn.importValue('NetworkType')), 'MSK-IPV6-1')).toEqual([]);
  });

  test('Cannot judge: client subnets that are literal ids', () => {
    const stack = cluster(newStack(), ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'], 'DUAL');
    expect(findingsOf(stack, 'MSK-IPV6-1')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-1] @ Cluster']);
  });

  test('Cannot judge: a network type that is an import, in a VPC that would fail as DUAL', () => {
    expect(findingsOf(inVpc(ec2.IpProtocol.IPV4_ONLY, Fn.importValue('NetworkType')), 'MSK-IPV6-1')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-1] @ Cluster']);
  });
});

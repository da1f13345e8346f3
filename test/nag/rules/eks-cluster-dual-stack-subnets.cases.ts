import { CfnElement } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-5';

describe('EKS-IPV6-5 dual-stack VPC and subnets (aws-eks-v2 Cluster and plain aws-eks CfnCluster)', () => {
  test('Noncompliance 1: aws-eks-v2 IPv6 cluster on an IPv4-only Vpc: the VPC and every subnet named', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    const clusterId = stack.getLogicalId(c.node.defaultChild as CfnElement);
    const subnetIds = [...vpc.publicSubnets, ...vpc.privateSubnets].map(s => stack.getLogicalId(s.node.defaultChild as CfnElement));
    expect(findingsOf(stack, ID)).toEqual([
      ...subnetIds.map(s => `Ipv6Ready-EKS-IPV6-5[Subnet::${s}] @ ${clusterId}`),
      `Ipv6Ready-EKS-IPV6-5[Vpc::${stack.getLogicalId(vpc.node.defaultChild as CfnElement)}] @ ${clusterId}`,
    ].sort());
  });

  test('Noncompliance 2: one subnet of a dual-stack VPC without an IPv6 block', () => {
    const stack = newStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const block = new ec2.CfnVPCCidrBlock(stack, 'Ipv6Block', { vpcId: vpc.ref, amazonProvidedIpv6CidrBlock: true });
    const a = new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24', ipv6CidrBlock: '2001:db8:0:1::/64' });
    const b = new ec2.CfnSubnet(stack, 'B', { vpcId: vpc.ref, cidrBlock: '10.0.1.0/24' });
    a.addResourceDependency(block);
    new eks.CfnCluster(stack, 'Cluster', {
      roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
      resourcesVpcConfig: { subnetIds: [a.ref, b.ref] },
      kubernetesNetworkConfig: { ipFamily: 'ipv6' },
    });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-5[Subnet::B] @ Cluster']);
  });

  test('Compliance: aws-eks-v2 IPv6 cluster on a DUAL_STACK Vpc; an IPv4 cluster on an IPv4-only Vpc', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    expect(findingsOf(stack, ID)).toEqual([]);

    const stack4 = newStack();
    const vpc4 = new ec2.Vpc(stack4, 'Vpc', { maxAzs: 1, restrictDefaultSecurityGroup: false });
    new eksv2.Cluster(stack4, 'C', { version: eksv2.KubernetesVersion.V1_33, vpc: vpc4 });
    expect(findingsOf(stack4, ID)).toEqual([]);
  });

  test('Cannot judge: subnets the template does not define', () => {
    const stack = newStack();
    new eks.CfnCluster(stack, 'Cluster', {
      roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
      resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
      kubernetesNetworkConfig: { ipFamily: 'ipv6' },
    });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-5] @ Cluster']);
  });
});

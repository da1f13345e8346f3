import { CfnElement } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-11';
const OUTPOST = 'arn:aws:outposts:us-east-1:123456789012:outpost/op-0123456789abcdef0';

function cluster(opts: { ipFamily?: string; outpostSubnet?: boolean; outpostConfig?: boolean; literalSubnet?: boolean }) {
  const stack = newStack();
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const a = new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24', ipv6CidrBlock: '2001:db8:0:1::/64' });
  const b = new ec2.CfnSubnet(stack, 'B', {
    vpcId: vpc.ref, cidrBlock: '10.0.1.0/24', ipv6CidrBlock: '2001:db8:0:2::/64', outpostArn: opts.outpostSubnet ? OUTPOST : undefined,
  });
  new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: [a.ref, opts.literalSubnet ? 'subnet-0bbbbbbbbbbbbbbb2' : b.ref] },
    kubernetesNetworkConfig: { ipFamily: opts.ipFamily ?? 'ipv6' },
    outpostConfig: opts.outpostConfig ? { outpostArns: [OUTPOST], controlPlaneInstanceType: 'm5.large' } : undefined,
  });
  return stack;
}

describe('EKS-IPV6-11 not on AWS Outposts (plain aws-eks CfnCluster and aws-eks-v2 Cluster)', () => {
  test('Noncompliance 1: a cluster subnet on an Outpost', () => {
    expect(findingsOf(cluster({ outpostSubnet: true }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-11[Subnet::B] @ Cluster']);
  });

  test('Noncompliance 2: a local cluster (OutpostConfig), even with a subnet the template does not define', () => {
    expect(findingsOf(cluster({ outpostConfig: true, literalSubnet: true }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-11[Cluster::OutpostConfig] @ Cluster']);
  });

  test('Compliance: Region subnets; an IPv4 cluster on an Outpost; aws-eks-v2 IPv6 cluster on a DUAL_STACK Vpc', () => {
    expect(findingsOf(cluster({}), ID)).toEqual([]);
    expect(findingsOf(cluster({ ipFamily: 'ipv4', outpostSubnet: true, outpostConfig: true }), ID)).toEqual([]);
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Noncompliance 3: aws-eks-v2 IPv6 cluster whose VPC subnet is on an Outpost', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 1, restrictDefaultSecurityGroup: false });
    (vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).outpostArn = OUTPOST;
    const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    const subnetId = stack.getLogicalId(vpc.privateSubnets[0].node.defaultChild as CfnElement);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-11[Subnet::${subnetId}] @ ${stack.getLogicalId(c.node.defaultChild as CfnElement)}`]);
  });

  test('Cannot judge: a subnet the template does not define', () => {
    expect(findingsOf(cluster({ literalSubnet: true }), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-11] @ Cluster']);
  });
});

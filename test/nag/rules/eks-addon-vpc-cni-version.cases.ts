import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-2';

function cluster(ipFamily: string, ...addons: Array<Partial<eks.CfnAddonProps>>) {
  const stack = newStack();
  const c = new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily },
  });
  addons.forEach((props, i) => new eks.CfnAddon(stack, `Addon${i}`, { clusterName: c.ref, addonName: 'vpc-cni', ...props }));
  return stack;
}

describe('EKS-IPV6-2 vpc-cni add-on 1.10.1 or later (plain aws-eks CfnCluster and aws-eks-v2 Cluster)', () => {
  test('Noncompliance 1: an IPv6 cluster without a vpc-cni add-on', () => {
    expect(findingsOf(cluster('ipv6', { addonName: 'coredns' }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-2 @ Cluster']);
  });

  test('Noncompliance 2: vpc-cni 1.9.3, the add-on named', () => {
    expect(findingsOf(cluster('ipv6', { addonVersion: 'v1.9.3-eksbuild.1' }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-2[Addon::Addon0] @ Cluster']);
  });

  test('Noncompliance 3: aws-eks-v2 IPv6 cluster on a DUAL_STACK Vpc with a node group, no add-on', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', {
      version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc, defaultCapacityType: eksv2.DefaultCapacityType.NODEGROUP,
    });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-2 @ ${stack.resolve((c.node.defaultChild as eks.CfnCluster).logicalId)}`]);
  });

  test('Compliance: 1.10.1, 1.19.2, no AddonVersion (the EKS default), and IPv4 clusters', () => {
    expect(findingsOf(cluster('ipv6', { addonVersion: 'v1.10.1-eksbuild.1' }), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv6', { addonVersion: 'v1.19.2-eksbuild.1' }), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv6', {}), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv4'), ID)).toEqual([]);
  });

  test('Compliance: aws-eks-v2 Addon vpc-cni v1.19.2', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    new eksv2.Addon(stack, 'VpcCni', { cluster: c, addonName: 'vpc-cni', addonVersion: 'v1.19.2-eksbuild.1' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Compliance: EKS Auto Mode launches every node (aws-eks-v2 default capacity), no add-on needed; with a node group beside it, the add-on is', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_34, ipFamily: eksv2.IpFamily.IP_V6, vpc, defaultCapacityType: eksv2.DefaultCapacityType.AUTOMODE });
    expect(findingsOf(stack, ID)).toEqual([]);
    c.addNodegroupCapacity('Ng', { instanceTypes: [new ec2.InstanceType('m6i.large')] });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-2 @ ${stack.resolve((c.node.defaultChild as eks.CfnCluster).logicalId)}`]);
  });

  test('Cannot judge: an IP family or an add-on version that is an import', () => {
    expect(findingsOf(cluster(Fn.importValue('IpFamily')), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-2] @ Cluster']);
    expect(findingsOf(cluster('ipv6', { addonVersion: Fn.importValue('CniVersion') }), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-2] @ Cluster']);
  });
});

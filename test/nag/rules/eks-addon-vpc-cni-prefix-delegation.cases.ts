import { CfnElement } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-4';
const PREFIX_ON = JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: 'true', ENABLE_IPv6: 'true' } });

function cluster(opts: { ipFamily?: string; configurationValues?: string; addon?: boolean; nodegroup?: boolean }) {
  const stack = newStack();
  const c = new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily: opts.ipFamily ?? 'ipv6' },
  });
  if (opts.addon ?? true) {
    new eks.CfnAddon(stack, 'VpcCni', { clusterName: c.ref, addonName: 'vpc-cni', configurationValues: opts.configurationValues });
  }
  if (opts.nodegroup ?? true) {
    new eks.CfnNodegroup(stack, 'Nodes', { clusterName: c.ref, nodeRole: 'arn:aws:iam::123456789012:role/eks-node', subnets: ['subnet-0aaaaaaaaaaaaaaa1'] });
  } else {
    new eks.CfnFargateProfile(stack, 'Fargate', {
      clusterName: c.ref, podExecutionRoleArn: 'arn:aws:iam::123456789012:role/eks-fargate', selectors: [{ namespace: 'default' }],
    });
  }
  return stack;
}

describe('EKS-IPV6-4 prefix delegation with EC2 nodes (plain aws-eks CfnCluster and aws-eks-v2 Cluster)', () => {
  test('Noncompliance 1: a node group, and a vpc-cni add-on without configuration', () => {
    expect(findingsOf(cluster({}), ID)).toEqual(['Ipv6Ready-EKS-IPV6-4[Addon::VpcCni] @ Cluster']);
  });

  test('Noncompliance 2: a node group and no vpc-cni add-on at all', () => {
    expect(findingsOf(cluster({ addon: false }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-4 @ Cluster']);
  });

  test('Noncompliance 3: aws-eks-v2 IPv6 cluster with a self-managed Auto Scaling group and ENABLE_PREFIX_DELEGATION "false"', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', {
      version: eksv2.KubernetesVersion.V1_33,
      ipFamily: eksv2.IpFamily.IP_V6,
      vpc,
      defaultCapacityType: eksv2.DefaultCapacityType.EC2,
      defaultCapacity: 0,
    });
    c.addAutoScalingGroupCapacity('SelfManaged', { instanceType: new ec2.InstanceType('m5.large'), minCapacity: 1 });
    const addon = new eksv2.Addon(stack, 'VpcCni', { cluster: c, addonName: 'vpc-cni', configurationValues: { env: { ENABLE_PREFIX_DELEGATION: 'false' } } });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-4[Addon::${stack.getLogicalId(addon.node.defaultChild as CfnElement)}] @ ${stack.resolve((c.node.defaultChild as eks.CfnCluster).logicalId)}`]);
  });

  test('Compliance: prefix delegation on; Fargate only; IPv4 clusters', () => {
    expect(findingsOf(cluster({ configurationValues: PREFIX_ON }), ID)).toEqual([]);
    expect(findingsOf(cluster({ nodegroup: false }), ID)).toEqual([]);
    expect(findingsOf(cluster({ ipFamily: 'ipv4' }), ID)).toEqual([]);
  });

  test('Compliance: aws-eks-v2 IPv6 cluster with a node group and prefix delegation on', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', {
      version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc, defaultCapacityType: eksv2.DefaultCapacityType.NODEGROUP,
    });
    new eksv2.Addon(stack, 'VpcCni', { cluster: c, addonName: 'vpc-cni', configurationValues: JSON.parse(PREFIX_ON) });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Cannot judge: ConfigurationValues that is YAML', () => {
    expect(findingsOf(cluster({ configurationValues: 'env:\n  ENABLE_PREFIX_DELEGATION: "true"\n' }), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-4] @ Cluster']);
  });
});

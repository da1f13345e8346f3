import { CfnElement, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-10';

function cluster(ipFamily: string, configurationValues?: string) {
  const stack = newStack();
  const c = new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily },
  });
  new eks.CfnAddon(stack, 'VpcCni', { clusterName: c.ref, addonName: 'vpc-cni', configurationValues });
  return stack;
}

function v2Cluster(env: { [name: string]: string }) {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
  const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
  const addon = new eksv2.Addon(stack, 'VpcCni', { cluster: c, addonName: 'vpc-cni', configurationValues: { env } });
  return {
    stack,
    clusterId: stack.getLogicalId(c.node.defaultChild as CfnElement),
    addonId: stack.getLogicalId(addon.node.defaultChild as CfnElement),
  };
}

describe('EKS-IPV6-10 no custom networking (plain aws-eks CfnAddon and aws-eks-v2 Addon)', () => {
  test('Noncompliance 1: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG "true"', () => {
    expect(findingsOf(cluster('ipv6', JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: 'true', AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' } })), ID))
      .toEqual(['Ipv6Ready-EKS-IPV6-10[Addon::VpcCni] @ Cluster']);
  });

  test('Noncompliance 2: aws-eks-v2 Addon with custom networking', () => {
    const { stack, clusterId, addonId } = v2Cluster({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-10[Addon::${addonId}] @ ${clusterId}`]);
  });

  test('Compliance: prefix delegation only, "false", no configuration, IPv4 cluster with custom networking', () => {
    expect(findingsOf(cluster('ipv6', JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: 'true' } })), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv6', JSON.stringify({ env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'false' } })), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv6'), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv4', JSON.stringify({ env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' } })), ID)).toEqual([]);
    expect(findingsOf(v2Cluster({ ENABLE_PREFIX_DELEGATION: 'true' }).stack, ID)).toEqual([]);
  });

  test('Cannot judge: ConfigurationValues that is an import', () => {
    expect(findingsOf(cluster('ipv6', Fn.importValue('CniConfig')), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-10] @ Cluster']);
  });
});

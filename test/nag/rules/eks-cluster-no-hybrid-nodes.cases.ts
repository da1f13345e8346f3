import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-20';

function cluster(ipFamily: string, hybrid: boolean) {
  const stack = newStack();
  new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily },
    remoteNetworkConfig: hybrid ? { remoteNodeNetworks: [{ cidrs: ['10.80.0.0/16'] }], remotePodNetworks: [{ cidrs: ['10.85.0.0/16'] }] } : undefined,
  });
  return stack;
}

describe('EKS-IPV6-20 no EKS Hybrid Nodes on an IPv6 cluster (plain aws-eks CfnCluster and aws-eks-v2 Cluster)', () => {
  test('Noncompliance 1: an IPv6 CfnCluster with a RemoteNetworkConfig', () => {
    expect(findingsOf(cluster('ipv6', true), ID)).toEqual(['Ipv6Ready-EKS-IPV6-20[Cluster::RemoteNetworkConfig] @ Cluster']);
  });

  test('Noncompliance 2: an aws-eks-v2 IPv6 cluster with remoteNodeNetworks', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', {
      version: eksv2.KubernetesVersion.V1_34, ipFamily: eksv2.IpFamily.IP_V6, vpc, remoteNodeNetworks: [{ cidrs: ['10.80.0.0/16'] }],
    });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-20[Cluster::RemoteNetworkConfig] @ ${stack.resolve((c.node.defaultChild as eks.CfnCluster).logicalId)}`]);
  });

  test('Compliance: an IPv6 cluster without hybrid nodes; hybrid nodes on an IPv4 cluster', () => {
    expect(findingsOf(cluster('ipv6', false), ID)).toEqual([]);
    expect(findingsOf(cluster('ipv4', true), ID)).toEqual([]);
  });

  test('Cannot judge: an IP family that is an import', () => {
    expect(findingsOf(cluster(Fn.importValue('IpFamily'), true), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-20] @ Cluster']);
  });
});

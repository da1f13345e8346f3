import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import { newStack } from './support';

/** An EKS cluster of `ipFamily` (L1; `null` leaves it out) in a dual-stack aws-cdk-lib Vpc. */
export function eksStack(ipFamily: string | null = 'ipv6') {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
  return { stack, vpc, cluster: eksCluster(stack, vpc.privateSubnets, ipFamily) };
}

/** An EKS cluster `Cluster` of `ipFamily` (L1; `null` leaves it out) in the given subnets. */
export function eksCluster(scope: Construct, subnets: ec2.ISubnet[], ipFamily: string | null = 'ipv6') {
  return new eks.CfnCluster(scope, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: subnets.map(s => s.subnetId) },
    kubernetesNetworkConfig: ipFamily === null ? undefined : { ipFamily },
  });
}

/** A managed node group `Nodes` of the cluster named `clusterName`. */
export function nodegroup(scope: Construct, clusterName: string, subnets: string[], props: Partial<eks.CfnNodegroupProps> = {}) {
  return new eks.CfnNodegroup(scope, 'Nodes', {
    clusterName,
    nodeRole: 'arn:aws:iam::123456789012:role/eks-node',
    subnets,
    ...props,
  });
}

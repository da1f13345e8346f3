import { CfnElement } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Stack } from 'aws-cdk-lib/core';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-14';

function cluster(stack: Stack, ipFamily = 'ipv6') {
  return new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily },
  });
}

function nodegroup(stack: Stack, c: eks.CfnCluster, role: iam.IRole) {
  new eks.CfnNodegroup(stack, 'Nodes', { clusterName: c.ref, nodeRole: role.roleArn, subnets: ['subnet-0aaaaaaaaaaaaaaa1'] });
}

function nodeRole(stack: Stack, actions: string[], managed: iam.IManagedPolicy[] = []) {
  const role = new iam.Role(stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: managed });
  role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
  return role;
}

describe('EKS-IPV6-14 the VPC CNI role has the IPv6 permissions (plain aws-eks CfnNodegroup/CfnAddon and aws-eks-v2 Cluster)', () => {
  test('Noncompliance: a node role with only ec2:AssignIpv6Addresses, each missing action named', () => {
    const stack = newStack();
    const c = cluster(stack);
    nodegroup(stack, c, nodeRole(stack, ['ec2:AssignIpv6Addresses']));
    expect(findingsOf(stack, ID)).toEqual([
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:CreateTags] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstanceTypes] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstances] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeNetworkInterfaces] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSecurityGroups] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSubnets] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeTags] @ Cluster',
    ]);
  });

  test('Noncompliance: the IRSA role of the add-on lacks ec2:AssignIpv6Addresses, though the node role has everything', () => {
    const stack = newStack();
    const c = cluster(stack);
    nodegroup(stack, c, nodeRole(stack, ['ec2:*']));
    const irsa = new iam.CfnRole(stack, 'CniRole', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE' } }] },
      policies: [{ policyName: 'cni', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:CreateTags'], Resource: '*' }] } }],
    });
    new eks.CfnAddon(stack, 'VpcCni', { clusterName: c.ref, addonName: 'vpc-cni', serviceAccountRoleArn: irsa.attrArn });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-14[Action::ec2:AssignIpv6Addresses] @ Cluster']);
  });

  test('Compliance: wildcards on the node role; a pod identity role for kube-system/aws-node; IPv4 clusters; no EC2 capacity', () => {
    const stack1 = newStack();
    nodegroup(stack1, cluster(stack1), nodeRole(stack1, ['ec2:Describe*', 'ec2:AssignIpv6Addresses', 'ec2:CreateTags']));
    expect(findingsOf(stack1, ID)).toEqual([]);

    const stack2 = newStack();
    const c2 = cluster(stack2);
    const podRole = new iam.Role(stack2, 'PodRole', { assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com') });
    new iam.ManagedPolicy(stack2, 'Ipv6Cni', { roles: [podRole], statements: [new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] })] });
    new eks.CfnPodIdentityAssociation(stack2, 'AwsNode', { clusterName: c2.ref, namespace: 'kube-system', serviceAccount: 'aws-node', roleArn: podRole.roleArn });
    nodegroup(stack2, c2, nodeRole(stack2, ['s3:GetObject']));
    expect(findingsOf(stack2, ID)).toEqual([]);

    const stack3 = newStack();
    nodegroup(stack3, cluster(stack3, 'ipv4'), nodeRole(stack3, ['s3:GetObject']));
    expect(findingsOf(stack3, ID)).toEqual([]);

    const stack4 = newStack();
    cluster(stack4);
    expect(findingsOf(stack4, ID)).toEqual([]);
  });

  test('Cannot judge: aws-eks-v2 default node group, whose role has AmazonEKS_CNI_Policy (AWS-managed) and an inline AssignIpv6Addresses', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', {
      version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc, defaultCapacityType: eksv2.DefaultCapacityType.NODEGROUP,
    });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-CannotJudge[EKS-IPV6-14] @ ${stack.getLogicalId(c.node.defaultChild as CfnElement)}`]);
  });

  test('Noncompliance: aws-eks-v2 node group whose role has no managed policy and misses the Describe actions', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const c = new eksv2.Cluster(stack, 'C', { version: eksv2.KubernetesVersion.V1_33, ipFamily: eksv2.IpFamily.IP_V6, vpc });
    c.addNodegroupCapacity('Nodes', { nodeRole: nodeRole(stack, ['ec2:AssignIpv6Addresses', 'ec2:CreateTags', 'ec2:DescribeInstances', 'ec2:DescribeTags', 'ec2:DescribeNetworkInterfaces']) });
    const id = stack.getLogicalId(c.node.defaultChild as CfnElement);
    expect(findingsOf(stack, ID)).toEqual([
      `Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstanceTypes] @ ${id}`,
      `Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSecurityGroups] @ ${id}`,
      `Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSubnets] @ ${id}`,
    ]);
  });
});

describe('EKS-IPV6-14 from VPC CNI 1.22, subnet discovery needs ec2:DescribeSubnets and ec2:DescribeSecurityGroups', () => {
  const BEFORE_DISCOVERY = ['ec2:AssignIpv6Addresses', 'ec2:DescribeInstances', 'ec2:DescribeTags', 'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeInstanceTypes', 'ec2:CreateTags'];

  function withAddon(version: string | undefined, actions: string[]) {
    const stack = newStack();
    const c = cluster(stack);
    const role = nodeRole(stack, actions);
    nodegroup(stack, c, role);
    new eks.CfnAddon(stack, 'VpcCni', { clusterName: c.ref, addonName: 'vpc-cni', addonVersion: version, serviceAccountRoleArn: role.roleArn });
    return findingsOf(stack, ID);
  }

  test.each(['v1.22.1-eksbuild.1', 'v1.23.0-eksbuild.2', undefined])('Noncompliance: add-on version %s with the older policy', version => {
    expect(withAddon(version, BEFORE_DISCOVERY)).toEqual([
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSecurityGroups] @ Cluster',
      'Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSubnets] @ Cluster',
    ]);
  });

  test('Compliance: add-on version 1.21 with the older policy; 1.22 with both Describe actions', () => {
    expect(withAddon('v1.21.1-eksbuild.3', BEFORE_DISCOVERY)).toEqual([]);
    expect(withAddon('v1.22.1-eksbuild.1', [...BEFORE_DISCOVERY, 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'])).toEqual([]);
  });
});

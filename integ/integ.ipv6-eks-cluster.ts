// Ipv6EksCluster with its default managed node group, then checked through the EKS and EC2 APIs:
//
//   eks:DescribeCluster   -> status ACTIVE, kubernetesNetworkConfig.ipFamily ipv6, serviceIpv6Cidr a
//                            unique local /108 (fd..::/108), equal to the construct's serviceIpv6Cidr
//   eks:DescribeAddon     -> vpc-cni ACTIVE with ENABLE_IPv6 and ENABLE_PREFIX_DELEGATION "true" in its
//                            configurationValues; eks-pod-identity-agent ACTIVE (the CNI's credentials)
//   eks:DescribeNodegroup -> the default node group ACTIVE
//   ec2:DescribeInstances -> a running node of that group (tag eks:nodegroup-name) has an IPv6 address
//                            on its network interface, and the /80 prefix the CNI delegates to pods
//
// Expect about 30 minutes against a real account (control plane 10-15, node group 5-10, add-ons).
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { assertAtPath, assertEksClusterIpv6, EKS_TEST_CONTEXT, integStack, TEST_OPTIONS } from './support';
import { Ipv6EksCluster } from '../lib/eks/ipv6-eks-cluster';
import { DualStackVpc } from '../lib/vpc';

// The AL2023 default of new CDK apps: see EKS_TEST_CONTEXT.
const app = new App({ context: EKS_TEST_CONTEXT });
const stack = integStack(app, 'Ipv6EksCluster', 'ipv6-eks-cluster');

// Two zones; one NAT gateway, since nodes still reach some AWS endpoints over IPv4.
const vpc = new DualStackVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
// The defaults: Kubernetes 1.36, private endpoint, vpc-cni for IPv6 on its pod identity role,
// two m6i.large nodes in the private subnets.
const cluster = new Ipv6EksCluster(stack, 'Cluster', { vpc });

const integ = new IntegTest(app, 'Ipv6EksClusterTest', { testCases: [stack], ...TEST_OPTIONS });
const assertions = integ.assertions;
// Add-on health and the CNI's prefixes follow the nodes: eventually consistent.
const wait = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) };

assertEksClusterIpv6(assertions, cluster.clusterName, cluster.serviceIpv6Cidr);

assertions.awsApiCall('EKS', 'describeAddon', { clusterName: cluster.clusterName, addonName: 'vpc-cni' }).expect(ExpectedResult.objectLike({
  addon: {
    addonName: 'vpc-cni',
    status: 'ACTIVE',
    configurationValues: Match.serializedJson(Match.objectLike({
      env: Match.objectLike({ ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' }),
    })),
  },
})).waitForAssertions(wait);
// aws-eks-v2 installs it (the cluster's eksPodIdentityAgent); the add-on's Ref is not its name.
assertions.awsApiCall('EKS', 'describeAddon', { clusterName: cluster.clusterName, addonName: 'eks-pod-identity-agent' })
  .expect(ExpectedResult.objectLike({ addon: { addonName: 'eks-pod-identity-agent', status: 'ACTIVE' } }))
  .waitForAssertions(wait);

// The CloudFormation attribute, not `nodegroupName` (which is the resource's Ref, "cluster/group",
// unless the @aws-cdk/aws-eks:nodegroupNameAttribute feature flag is on).
const nodegroupName = (cluster.defaultNodegroup!.node.defaultChild as eks.CfnNodegroup).attrNodegroupName;
assertions.awsApiCall('EKS', 'describeNodegroup', { clusterName: cluster.clusterName, nodegroupName })
  .expect(ExpectedResult.objectLike({ nodegroup: { nodegroupName, status: 'ACTIVE' } }));

// EKS tags a managed node group's instances with eks:nodegroup-name. In the IPv6 family the CNI
// uses the primary network interface only: its IPv6 address (the subnet assigns it) is the node's,
// and the /80 prefix delegated to it holds the pods' addresses. One value per call: a
// DescribeInstances response is far over the 4 KB an assertion may return (see assertAtPath).
const nodes = {
  Filters: [
    { Name: 'tag:eks:nodegroup-name', Values: [nodegroupName] },
    { Name: 'instance-state-name', Values: ['running'] },
  ],
};
const eni = 'Reservations.0.Instances.0.NetworkInterfaces.0';
assertAtPath(assertions, 'EC2', 'describeInstances', nodes, `${eni}.Ipv6Addresses.0.Ipv6Address`, ExpectedResult.stringLikeRegexp('^[0-9a-f]{1,4}:[0-9a-f:]+$'));
assertAtPath(assertions, 'EC2', 'describeInstances', nodes, `${eni}.Ipv6Prefixes.0.Ipv6Prefix`, ExpectedResult.stringLikeRegexp('/80$'), wait);

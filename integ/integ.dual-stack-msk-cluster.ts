// DualStackMskCluster and DualStackMskServerlessCluster, created in one deployment: MSK creates
// both as IPv4 clusters, and each construct's MskDualStackSwitch (Custom::MskDualStackSwitch)
// switches it to DUAL before the stack completes. Then, through the Kafka and EC2 APIs:
//
//   kafka:DescribeClusterV2   -> ClusterInfo.State ACTIVE, network type DUAL
//                                (Provisioned.BrokerNodeGroupInfo.ConnectivityInfo / Serverless.ConnectivityInfo)
//   kafka:GetBootstrapBrokers -> BootstrapBrokerStringSaslIamIpv6 (provisioned: bi6- brokers) on 20098,
//                                BootstrapBrokerStringSaslIam on 9098, both equal to the custom
//                                resource's bootstrapBrokersIpv6 / bootstrapBrokersIpv4 attributes
//   kafka:ListClusterOperationsV2 -> an UPDATE_CONNECTIVITY operation in UPDATE_COMPLETE, the one
//                                the switch waited for
//   ec2:DescribeSecurityGroups -> each cluster's security group admits 20098 from the VPC's IPv6 /56
//
// Expect about an hour against a real account: the provisioned cluster takes 20-30 minutes to
// create and about as long to switch (two kafka.m7g.large brokers); the serverless one minutes.
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy } from 'aws-cdk-lib';
import { assertMskClusterDualStack, assertSecurityGroupAdmits, integStack, TEST_OPTIONS } from './support';
import { DualStackMskCluster } from '../lib/msk/dual-stack-msk-cluster';
import { DualStackMskServerlessCluster } from '../lib/msk/dual-stack-msk-serverless-cluster';
import { DualStackVpc } from '../lib/vpc';

const app = new App();
const stack = integStack(app, 'DualStackMskCluster', 'dual-stack-msk-cluster');

// Brokers need no internet access: no NAT gateway (the VPC warns that private subnets have no IPv4 egress).
const vpc = new DualStackVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

// The defaults (IAM authentication, TLS, Kafka 3.8.x, one kafka.m7g.large per private subnet),
// except the removal policy: both clusters default to RETAIN_ON_UPDATE_OR_DELETE, and their
// switches then refuse to delete the stack while the clusters exist. integStack's removal-policy
// aspect sets DESTROY on every resource anyway; stating it here also turns the refusal off.
const cluster = new DualStackMskCluster(stack, 'Provisioned', { vpc, removalPolicy: RemovalPolicy.DESTROY });
const serverless = new DualStackMskServerlessCluster(stack, 'Serverless', { vpc, removalPolicy: RemovalPolicy.DESTROY });

const integ = new IntegTest(app, 'DualStackMskClusterTest', { testCases: [stack], ...TEST_OPTIONS });

assertMskClusterDualStack(integ.assertions, cluster, 'Provisioned');
assertMskClusterDualStack(integ.assertions, serverless, 'Serverless');
for (const brokers of [cluster, serverless]) {
  // The construct's own group (allowVpcClients, the default): IPv6 clients of the VPC on the IPv6 IAM port.
  assertSecurityGroupAdmits(integ.assertions, brokers.connections.securityGroups[0].securityGroupId, 20098, { ipv6Cidr: vpc.vpcIpv6CidrBlock });
}

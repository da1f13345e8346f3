// The reference architecture (examples/reference-architecture.ts) as it is: a DualStackVpc, a
// DualStackMskCluster and an Ipv6EksCluster whose pods may reach the brokers. Deployed, then:
//
//   kafka:DescribeClusterV2    -> ACTIVE, network type DUAL
//   kafka:GetBootstrapBrokers  -> bi6- IPv6 IAM brokers on 20098, IPv4 on 9098, equal to the
//                                 construct's bootstrapBrokersIpv6 / bootstrapBrokersIpv4 (its stack outputs)
//   eks:DescribeCluster        -> ACTIVE, ipFamily ipv6, a unique local service /108
//   ec2:DescribeSecurityGroups -> the brokers' group admits 20098 from the VPC's IPv6 range and from
//                                 the EKS cluster security group (managed nodes, so the pods)
//
// The stack class builds its own stack, so it gets integStack's name and cleanup through
// integStackProps and removeEverythingOnDelete: its MSK cluster, KMS key and log groups default
// to RETAIN and are deleted with the stack here. Expect well over an hour against a real account,
// with the example's defaults: two zones (the stack is environment-agnostic), a NAT gateway in
// each, a kafka.m7g.large broker in each and two m6i.large nodes.
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App } from 'aws-cdk-lib';
import {
  assertEksClusterIpv6, assertMskClusterDualStack, assertSecurityGroupAdmits, EKS_TEST_CONTEXT, integStackProps,
  removeEverythingOnDelete, TEST_OPTIONS,
} from './support';
import { ReferenceArchitectureStack } from '../examples/reference-architecture';

// The AL2023 default of new CDK apps: see EKS_TEST_CONTEXT.
const app = new App({ context: EKS_TEST_CONTEXT });
const stack = new ReferenceArchitectureStack(app, 'ReferenceArchitecture', integStackProps('reference-architecture'));
removeEverythingOnDelete(stack);

const integ = new IntegTest(app, 'ReferenceArchitectureTest', { testCases: [stack], ...TEST_OPTIONS });

assertMskClusterDualStack(integ.assertions, stack.kafka, 'Provisioned');
assertEksClusterIpv6(integ.assertions, stack.kubernetes.clusterName, stack.kubernetes.serviceIpv6Cidr);
assertSecurityGroupAdmits(integ.assertions, stack.kafka.connections.securityGroups[0].securityGroupId, 20098, {
  ipv6Cidr: stack.vpc.vpcIpv6CidrBlock,
  securityGroupId: stack.kubernetes.cluster.clusterSecurityGroupId,
});

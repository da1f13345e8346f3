// MskDualStackUpgrade switching an existing IPv4 MSK cluster to dual-stack.
//
// In real life the switch is an UPDATE of a cluster that already runs IPv4: MSK sets
// NetworkType DUAL in place, and the construct must not replace the cluster. A test that
// created the cluster with NetworkType DUAL from the start would prove nothing about that, so
// the test has two phases on one CloudFormation stack (see `upgradeTest` in ./support.ts):
//
//   Test case 1 (MskDualStackUpgradeBefore): a DualStackVpc and an IPv4 aws-msk CfnCluster
//     (Kafka 3.8.x, 2 x kafka.m7g.large, IAM authentication). Deployed and left in place.
//   Test case 2 (MskDualStackUpgradeAfter): the same stack plus MskDualStackUpgrade, deployed as
//     an update of test case 1's stack. Then:
//       kafka:DescribeClusterV2  -> ClusterInfo.Provisioned.BrokerNodeGroupInfo.ConnectivityInfo.NetworkType = DUAL
//       kafka:GetBootstrapBrokers -> BootstrapBrokerStringSaslIamIpv6 contains the IPv6 (bi6-) brokers
//     and every stack is destroyed.
//
// Expect about an hour against a real account: creating a cluster takes 20-30 minutes, switching
// it to dual-stack about as long.
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { STACK_NAME_PREFIX, upgradeTest } from './support';
import { MskDualStackUpgrade } from '../lib/msk/msk-dual-stack-upgrade';
import { DualStackVpc } from '../lib/vpc';

const app = new App();

const { afterParts: { cluster }, assertions } = upgradeTest(app, 'MskDualStackUpgrade', 'msk-dual-stack-upgrade', (stack: Stack, upgraded: boolean) => {
  // Brokers need no internet access: no NAT gateway (the VPC warns that private subnets have no IPv4 egress).
  const vpc = new DualStackVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const brokers = new ec2.SecurityGroup(stack, 'Brokers', { vpc, allowAllOutbound: false, description: 'MSK brokers' });
  brokers.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(9098), 'IPv4 clients, SASL/IAM');
  const ipv4Cluster = new msk.CfnCluster(stack, 'Cluster', {
    clusterName: `${STACK_NAME_PREFIX}-msk`,
    kafkaVersion: '3.8.x',
    numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: {
      instanceType: 'kafka.m7g.large',
      clientSubnets: vpc.privateSubnets.map(s => s.subnetId),
      securityGroups: [brokers.securityGroupId],
    },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  if (upgraded) {
    new MskDualStackUpgrade(stack, 'DualStack', { cluster: ipv4Cluster, ipv6ClientCidrs: [vpc.vpcIpv6CidrBlock] });
  }
  return { cluster: ipv4Cluster };
});

assertions.awsApiCall('Kafka', 'describeClusterV2', { ClusterArn: cluster.attrArn })
  .expect(ExpectedResult.objectLike({
    ClusterInfo: {
      State: 'ACTIVE',
      Provisioned: { BrokerNodeGroupInfo: { ConnectivityInfo: { NetworkType: 'DUAL' } } },
    },
  }))
  // CloudFormation reports the update complete when MSK does; the wait only covers the
  // eventual consistency of the read API.
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

assertions.awsApiCall('Kafka', 'getBootstrapBrokers', { ClusterArn: cluster.attrArn })
  .expect(ExpectedResult.objectLike({
    BootstrapBrokerStringSaslIamIpv6: Match.stringLikeRegexp('bi6-'),
  }));

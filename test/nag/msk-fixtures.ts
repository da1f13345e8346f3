import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';

/**
 * A minimal `AWS::MSK::Cluster` named `Cluster`: Kafka 3.6.0, two brokers on kafka.m7g.large in two
 * literal subnets. `brokers` overrides BrokerNodeGroupInfo settings, `props` the others.
 */
export function mskCluster(
  stack: Stack,
  brokers: Partial<msk.CfnCluster.BrokerNodeGroupInfoProperty> = {},
  props: Partial<msk.CfnClusterProps> = {},
) {
  return new msk.CfnCluster(stack, 'Cluster', {
    clusterName: 'c',
    kafkaVersion: '3.6.0',
    numberOfBrokerNodes: 2,
    ...props,
    brokerNodeGroupInfo: {
      clientSubnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
      instanceType: 'kafka.m7g.large',
      ...brokers,
    },
  });
}

/** A DUAL_STACK aws-cdk-lib Vpc and a broker security group with no ingress yet. */
export function brokerNetwork(stack: Stack) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false });
  const brokers = new ec2.SecurityGroup(stack, 'Brokers', { vpc });
  return { vpc, brokers, clientSubnets: vpc.publicSubnets.map(s => s.subnetId) };
}

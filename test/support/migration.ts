import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { Ipv6Upgrade, MskDualStackUpgrade } from 'cdk-ipv6-ready';

/**
 * The migration of the source documents, with the library's defaults: an IPv4 aws-cdk-lib Vpc
 * gets IPv6 (`Ipv6Upgrade`) and its IPv4 MSK cluster goes dual-stack (`MskDualStackUpgrade`).
 * Imported by package name, as the packed smoke test (test/packed) runs it on the tarball.
 */
export function migrateLegacyVpcAndKafka(stack: Construct) {
  const legacy = new ec2.Vpc(stack, 'Legacy', { maxAzs: 2 });
  const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc: legacy });
  const brokers = new ec2.SecurityGroup(stack, 'Brokers', { vpc: legacy, allowAllOutbound: false });
  const cluster = new msk.CfnCluster(stack, 'Kafka', {
    clusterName: 'orders',
    kafkaVersion: '3.8.x',
    numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: {
      instanceType: 'kafka.m7g.large',
      clientSubnets: legacy.privateSubnets.map(s => s.subnetId),
      securityGroups: [brokers.securityGroupId],
    },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  new MskDualStackUpgrade(stack, 'KafkaDualStack', { cluster, ipv6ClientCidrs: [upgrade.vpcIpv6CidrBlock] });
  return { legacy, cluster };
}

/**
 * An IPv4-only aws-cdk-lib Vpc with two private groups (App, Data) in `zones` of 3 zones:
 * reservedAzs keeps its IPv4 layout when a zone is added.
 */
export function twoPrivateGroupsVpc(scope: Construct, id: string, zones: number): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    maxAzs: zones,
    reservedAzs: 3 - zones,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
    ],
  });
}

import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { BrokerInstanceType } from './broker-instance-type';
import type { DualStackMskClusterProps } from './dual-stack-msk-cluster';
import { KafkaVersion } from './kafka-version';
import { parseIpv4Cidr, parseIpv6Cidr } from '../core/ip-cidr';
import { mskClusterKindOfArn } from '../core/msk-cluster-arn';
import { invalidProp } from '../core/validation';

/** The largest EBS volume of a Standard broker, in GiB (MSK developer guide, "broker storage"). */
const MAX_EBS_VOLUME_GIB = 16384;
/** The default quota of brokers per provisioned cluster (MSK developer guide, "Amazon MSK quota"); adjustable. */
const BROKERS_PER_CLUSTER_QUOTA = 30;

/**
 * The checks of `DualStackMskCluster` props that CloudFormation or MSK would otherwise reject at
 * deploy time (or, for a cluster name, report only as a validation warning). Runs before any child
 * of the cluster exists.
 */
export function validateMskClusterInput(
  scope: IConstruct, props: DualStackMskClusterProps, kafkaVersion: KafkaVersion, instanceType: BrokerInstanceType,
): void {
  const fail = (message: string): never => invalidProp(scope, undefined, message);
  const version = kafkaVersion.version;
  if (!Token.isUnresolved(version) && kafkaVersion.supportsDualStack === undefined) {
    fail(`kafkaVersion: '${version}' is not a Kafka version MSK names (such as '3.8.x' or '3.9.x.kraft'). Use a KafkaVersion constant, e.g. KafkaVersion.V3_8_X.`);
  }
  const type = instanceType.name;
  if (!Token.isUnresolved(type) && !/^(kafka|express)\.[a-z0-9]+\.[a-z0-9]+$/.test(type)) {
    fail(`instanceType: '${type}' is not an MSK broker type, which starts with 'kafka.' (Standard) or 'express.' (Express). `
      + `Use e.g. BrokerInstanceType.KAFKA_M7G_LARGE${/^[a-z0-9]+\.[a-z0-9]+$/.test(type) ? ` or BrokerInstanceType.of('kafka.${type}')` : ''}.`);
  }
  const brokers = props.numberOfBrokerNodes;
  if (brokers !== undefined && !Token.isUnresolved(brokers) && brokers > BROKERS_PER_CLUSTER_QUOTA) {
    Annotations.of(scope).addWarningV2('cdk-ipv6-ready:mskBrokerQuota', `numberOfBrokerNodes: ${brokers} is above MSK's default quota of `
      + `${BROKERS_PER_CLUSTER_QUOTA} brokers per cluster; the deployment fails unless the account's quota was raised (Service Quotas, Amazon MSK).`);
  }
  for (const arn of props.clientAuthentication?.mutualTlsCertificateAuthorityArns ?? []) {
    if (!Token.isUnresolved(arn) && !/^arn:[a-z-]+:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[0-9a-f-]+$/.test(arn)) {
      fail(`clientAuthentication.mutualTlsCertificateAuthorityArns: '${arn}' is not the ARN of an AWS Private CA (arn:<partition>:acm-pca:<region>:<account>:`
        + 'certificate-authority/<id>). MSK verifies client certificates against AWS Private CA only: give its ARN.');
    }
  }
  const name = props.clusterName;
  if (name !== undefined && !Token.isUnresolved(name) && !/^[0-9A-Za-z-]{1,64}$/.test(name)) {
    fail(`clusterName: '${name}' is not an MSK cluster name: 1 to 64 letters, digits and hyphens. Rename it (e.g. '${name.replace(/[^0-9A-Za-z-]/g, '-').slice(0, 64) || 'kafka'}'), or leave it out.`);
  }
  const size = props.ebsVolumeSize;
  if (size !== undefined && !Token.isUnresolved(size) && (!Number.isInteger(size) || size < 1 || size > MAX_EBS_VOLUME_GIB)) {
    fail(`ebsVolumeSize: ${size} GiB is not a whole number from 1 to ${MAX_EBS_VOLUME_GIB}, the sizes of an MSK broker's EBS volume. Give one in that range (default 1000).`);
  }
  if (props.securityGroups !== undefined && props.securityGroups.length === 0) {
    fail('securityGroups: the list is empty, and MSK needs at least one broker security group. Give your groups, or leave securityGroups out for a new one.');
  }
}

/**
 * Throws for IPv6 client ranges that are not IPv6 CIDRs, or that are all of IPv6 however they are
 * written (`::/0`, `0::0/0`).
 */
export function validateIpv6ClientCidrs(scope: IConstruct, cidrs: string[]): void {
  for (const cidr of cidrs) {
    if (Token.isUnresolved(cidr)) {
      continue;
    }
    const parsed = parseIpv6Cidr(cidr);
    if (parsed === undefined) {
      invalidProp(scope, undefined, `ipv6ClientCidrs: '${cidr}' is not an IPv6 CIDR${parseIpv4Cidr(cidr) ? ' (it is IPv4; IPv4 clients keep the rules they have)' : ''}. `
        + 'Give IPv6 ranges, such as the VPC\'s IPv6 block.');
    }
    if (parsed.prefixLength === 0) {
      invalidProp(scope, undefined, `ipv6ClientCidrs: '${cidr}' is ::/0, which admits every IPv6 address on the internet to the brokers. Give the VPC's IPv6 block or your clients' ranges.`);
    }
  }
}

/**
 * The client subnets of a cluster that is switched to dual-stack, defined in this app, that have no
 * IPv6 block and get none from an `AWS::EC2::SubnetCidrBlock` (`Ipv6Upgrade`) anywhere in the app:
 * MSK refuses the switch for them. Read at synthesis, when every construct of the app exists.
 */
export function clientSubnetsWithoutIpv6(scope: IConstruct, clientSubnets: string[]): string[] {
  const all = scope.node.root.node.findAll();
  const blocks = all.filter((c): c is ec2.CfnSubnetCidrBlock => c instanceof ec2.CfnSubnetCidrBlock);
  const missing = all.filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet && clientSubnets.includes(c.ref))
    .filter(s => s.ipv6CidrBlock === undefined && s.ipv6IpamPoolId === undefined && s.ipv6Native !== true && !blocks.some(b => b.subnetId === s.ref));
  return missing.length === 0 ? [] : [`cluster: client subnet${missing.length === 1 ? '' : 's'} ${missing.map(s => s.node.path).join(', ')} `
    + `${missing.length === 1 ? 'has' : 'have'} no IPv6 block, and no Ipv6Upgrade in the app gives ${missing.length === 1 ? 'it' : 'them'} one; MSK refuses to switch a `
    + 'cluster whose client subnets lack IPv6. Add an Ipv6Upgrade for the VPC (it gives every subnet a block), or give the subnets IPv6 blocks.'];
}

/**
 * Throws when the cluster ARN is of the other kind than declared: the switch would ask for the
 * wrong EC2 permissions, and MSK would refuse the update halfway through the deployment.
 */
export function validateClusterArnKind(scope: IConstruct, clusterArn: string, declared: 'PROVISIONED' | 'SERVERLESS'): void {
  const kind = Token.isUnresolved(clusterArn) ? undefined : mskClusterKindOfArn(clusterArn);
  if (kind !== undefined && kind !== declared) {
    invalidProp(scope, undefined, `clusterKind: ${declared} is declared, but clusterArn '${clusterArn}' is the ARN of a ${kind.toLowerCase()} cluster `
      + `(it ends in ${kind === 'SERVERLESS' ? '-s<n>' : '-<n>'}). Set clusterKind: MskClusterKind.${kind}.`);
  }
}

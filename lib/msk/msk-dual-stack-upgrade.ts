import { Aspects, IAspect, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct, IConstruct } from 'constructs';
import { clientSubnetsWithoutIpv6, validateIpv6ClientCidrs } from './msk-input-validation';
import { OPEN_INGRESS_FINDING } from '../core/aws-solutions-findings';
import { mskListeners } from '../core/msk-ports';
import { invalidProp } from '../core/validation';
import { MSK_BROKER_TYPES_WITHOUT_DUAL_STACK } from '../prerequisites/msk/msk-dual-stack-broker-type';
import { kafkaVersionSupportsDualStack, MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION } from '../prerequisites/msk/msk-dual-stack-kafka-version';
import { MSK_NETWORK_TYPES } from '../prerequisites/msk/msk-network-type-value';
import { ipv6BlocksOfSubnets } from '../vpc/ipv6-blocks-of-subnets';

/**
 * Properties of an MskDualStackUpgrade.
 */
export interface MskDualStackUpgradeProps {
  /**
   * The IPv4 cluster of this app to switch to dual-stack: an `aws-msk` `CfnCluster`, or the
   * `node.defaultChild` of an alpha `Cluster`.
   */
  readonly cluster: msk.CfnCluster;

  /**
   * The IPv6 ranges whose clients may connect, each on the IPv6 port of every enabled
   * authentication method. Usually the VPC's IPv6 block (`DualStackVpc.vpcIpv6CidrBlock`,
   * `Ipv6Upgrade.vpcIpv6CidrBlock`). Never `::/0` unless the brokers are meant to be public.
   */
  readonly ipv6ClientCidrs: string[];
}

/**
 * Switches an existing IPv4 MSK cluster of this app to dual-stack in place.
 *
 * It changes only `BrokerNodeGroupInfo.ConnectivityInfo.NetworkType` to `DUAL`, which
 * CloudFormation updates without replacing the cluster, and adds the IPv6 ingress rules to the
 * cluster's existing security groups as separate `AWS::EC2::SecurityGroupIngress` resources:
 * a new security group, or changed client subnets, would replace the cluster.
 *
 * The switch is one way: MSK cannot return a cluster to IPv4 only. Every client subnet must
 * already have an IPv6 block (see `Ipv6Upgrade`), the cluster must run Kafka 3.6.0 or later, and
 * not on `kafka.t3.small`. Existing IPv4 clients keep working; IPv6 clients use the new `bi6-`
 * bootstrap brokers on ports 20092-20098.
 *
 * The switch waits for every IPv6 block of the client subnets and of their VPC that the app
 * creates (`AWS::EC2::SubnetCidrBlock`, `AWS::EC2::VPCCidrBlock`, from `Ipv6Upgrade` or any other
 * construct), so the upgrade and the switch can go in one deployment: MSK refuses the switch
 * while a client subnet has no IPv6.
 */
export class MskDualStackUpgrade extends Construct {
  /** The IPv6 ports opened: one per client authentication method of the cluster. */
  public readonly ipv6Ports: number[];

  constructor(scope: Construct, id: string, props: MskDualStackUpgradeProps) {
    super(scope, id);
    const cluster = props.cluster;
    // The cluster's own property values are kept as they are (tokens included); only the
    // structure must be literal for the construct to read and change it.
    const structure = {
      brokerNodeGroupInfo: cluster.brokerNodeGroupInfo,
      clientAuthentication: cluster.clientAuthentication,
      encryptionInfo: cluster.encryptionInfo,
    };
    for (const [name, value] of Object.entries(structure)) {
      if (Token.isUnresolved(value)) {
        invalidProp(this, undefined, `cluster: ${cluster.node.path} has a ${name} that is a token, which cannot be read or changed at synthesis. Give it as an object.`);
      }
    }
    const brokers = cluster.brokerNodeGroupInfo as msk.CfnCluster.BrokerNodeGroupInfoProperty;
    const auth = (cluster.clientAuthentication ?? {}) as msk.CfnCluster.ClientAuthenticationProperty;
    const encryption = cluster.encryptionInfo as msk.CfnCluster.EncryptionInfoProperty | undefined;
    const connectivity = (brokers.connectivityInfo ?? {}) as msk.CfnCluster.ConnectivityInfoProperty;
    this.validate(props, cluster, brokers, connectivity);
    // An Ipv6Upgrade may be created after this construct: judged once the app is complete.
    this.node.addValidation({ validate: () => clientSubnetsWithoutIpv6(this, (brokers.clientSubnets ?? []) as string[]) });

    const sasl = (auth.sasl ?? {}) as msk.CfnCluster.SaslProperty;
    const clientBroker = (encryption?.encryptionInTransit as msk.CfnCluster.EncryptionInTransitProperty | undefined)?.clientBroker ?? 'TLS';
    const listeners = mskListeners({
      iam: enabled((sasl.iam as msk.CfnCluster.IamProperty | undefined)?.enabled),
      scram: enabled((sasl.scram as msk.CfnCluster.ScramProperty | undefined)?.enabled),
      mutualTls: auth.tls !== undefined && (auth.tls as msk.CfnCluster.TlsProperty).enabled !== false,
      // No client authentication at all means unauthenticated clients.
      unauthenticated: auth.unauthenticated === undefined ? auth.sasl === undefined && auth.tls === undefined
        : enabled((auth.unauthenticated as msk.CfnCluster.UnauthenticatedProperty).enabled),
      clientBroker,
    });
    this.ipv6Ports = listeners.map(l => l.ipv6);

    // Children and changes from here on: every check has passed.
    cluster.brokerNodeGroupInfo = { ...brokers, connectivityInfo: { ...connectivity, networkType: 'DUAL' } };
    const groups = (brokers.securityGroups ?? []) as string[];
    groups.forEach((groupId, g) => {
      for (const listener of listeners) {
        props.ipv6ClientCidrs.forEach((cidrIpv6, c) => {
          const ingress = new ec2.CfnSecurityGroupIngress(this, `Group${g}${listener.listener}Ipv6From${c}`, {
            groupId,
            ipProtocol: 'tcp',
            fromPort: listener.ipv6,
            toPort: listener.ipv6,
            cidrIpv6,
            description: `IPv6 clients, ${listener.listener}`,
          });
          // A literal source is judged by the rule (and ::/0 was refused above); a reference it cannot read.
          if (Token.isUnresolved(cidrIpv6)) {
            Validations.of(ingress).acknowledge({
              id: OPEN_INGRESS_FINDING,
              reason: `The rule cannot read the source, a reference given in ipv6ClientCidrs (such as a VPC's IPv6 block); it opens only the IPv6 port ${listener.ipv6} of the ${listener.listener} listener.`,
            });
          }
        });
      }
    });

    // At synthesis, so that blocks added to the app after this construct are found too.
    Aspects.of(this).add(new SwitchAfterIpv6Blocks(this, cluster, (brokers.clientSubnets ?? []) as string[]));
  }

  private validate(props: MskDualStackUpgradeProps, cluster: msk.CfnCluster,
    brokers: msk.CfnCluster.BrokerNodeGroupInfoProperty, connectivity: msk.CfnCluster.ConnectivityInfoProperty) {
    const fail = (message: string): never => invalidProp(this, undefined, message);
    const networkType = connectivity.networkType;
    if (networkType === 'DUAL') {
      fail(`cluster: ${cluster.node.path} is already dual-stack (NetworkType DUAL). Remove the MskDualStackUpgrade.`);
    }
    if (networkType !== undefined && !MSK_NETWORK_TYPES.includes(networkType)) {
      fail(`cluster: ${cluster.node.path} has NetworkType '${networkType}', which CloudFormation does not accept: the values are ${MSK_NETWORK_TYPES.join(' and ')}. Set it to IPV4 (or remove it) and let this construct switch it to DUAL.`);
    }
    const version = cluster.kafkaVersion;
    if (!Token.isUnresolved(version) && kafkaVersionSupportsDualStack(version) === false) {
      fail(`cluster: ${cluster.node.path} runs Kafka ${version}; MSK offers dual-stack from ${MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION.join('.')}. Upgrade the Kafka version first, in a separate deployment.`);
    }
    if (MSK_BROKER_TYPES_WITHOUT_DUAL_STACK.includes(brokers.instanceType)) {
      fail(`cluster: ${cluster.node.path} uses ${brokers.instanceType}, on which MSK has no dual-stack. Change the broker type first, in a separate deployment.`);
    }
    if (connectivity.vpcConnectivity !== undefined) {
      fail(`cluster: ${cluster.node.path} uses multi-VPC private connectivity, which MSK does not offer with dual-stack. Turn it off first, or keep the cluster IPv4.`);
    }
    if (props.ipv6ClientCidrs.length === 0) {
      fail('ipv6ClientCidrs: the list is empty, so no IPv6 client could reach the brokers. Give the VPC\'s IPv6 block or the ranges of your IPv6 clients.');
    }
    validateIpv6ClientCidrs(this, props.ipv6ClientCidrs);
    if (!Array.isArray(brokers.securityGroups) || brokers.securityGroups.length === 0) {
      fail(`cluster: ${cluster.node.path} has no security groups in its template. IPv6 ingress must go onto the cluster's existing groups (a new group would replace the cluster): give the cluster its security groups explicitly.`);
    }
  }
}

/** Makes the cluster, whose update is the switch, depend on the IPv6 blocks of its client subnets. */
class SwitchAfterIpv6Blocks implements IAspect {
  constructor(private readonly owner: IConstruct, private readonly cluster: msk.CfnCluster, private readonly clientSubnets: string[]) {}

  public visit(node: IConstruct): void {
    if (node === this.owner) {
      this.cluster.node.addDependency(...ipv6BlocksOfSubnets(this.cluster, this.clientSubnets));
    }
  }
}

function enabled(value: unknown): boolean {
  return value === true;
}

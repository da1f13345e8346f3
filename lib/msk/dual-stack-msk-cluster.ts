import { Names, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { BrokerInstanceType } from './broker-instance-type';
import { clientVpcIpv6Cidr, validateClientSubnets } from './client-subnets';
import { IDualStackMskCluster } from './dual-stack-msk-cluster-ref';
import { ImportedDualStackMskCluster } from './imported-msk-cluster';
import { KafkaVersion } from './kafka-version';
import { ClientBrokerEncryption, MskClientAuthentication, MskMonitoringLevel } from './msk-client-authentication';
import { addClusterOutputs, DualStackMskClusterBase, DualStackMskConnections, mskListenerOf, refuseStackDeletionWhileRetained } from './msk-cluster-base';
import { MskDualStackSwitch, MskListener } from './msk-dual-stack-switch';
import { validateMskClusterInput } from './msk-input-validation';
import { defaultSubnetSelection, warnDefaultSubnetsFollowZones } from '../core/default-subnet-selection';
import { finalProperties } from '../core/final-properties';
import { logEncryptionKey } from '../core/log-encryption-key';
import { checkLogEncryptionKey } from '../core/log-encryption-key-check';
import { mskListeners } from '../core/msk-ports';
import { invalidProp } from '../core/validation';
import { MSK_BROKER_TYPES_WITHOUT_DUAL_STACK } from '../prerequisites/msk/msk-dual-stack-broker-type';
import { MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION } from '../prerequisites/msk/msk-dual-stack-kafka-version';
import { MSK_NETWORK_TYPES } from '../prerequisites/msk/msk-network-type-value';

/**
 * Properties of a DualStackMskCluster.
 */
export interface DualStackMskClusterProps {
  /** The VPC. It needs an IPv6 block: a `DualStackVpc`, an `ec2.Vpc` with `DUAL_STACK`, or any VPC with `vpcIpv6CidrBlock`. */
  readonly vpc: ec2.IVpc;

  /**
   * The client subnets: 2 or 3, in distinct availability zones, each with IPv4 and IPv6.
   * Changing them later replaces the cluster, and so does a zone added to the VPC while the
   * default selection is used (a warning, `cdk-ipv6-ready:msk:defaultSubnetsFollowZones`, says so):
   * select the zones (`availabilityZones`) before you add one.
   * @default - the private-with-egress subnets of one group, in every zone: a `DualStackVpc`'s
   * group with the lowest slot, another VPC's first declared group (appending a group changes nothing)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The VPC's IPv6 range, the default source of IPv6 clients.
   * @default - read from the VPC (`DualStackVpc`, or an `ec2.Vpc` with `DUAL_STACK`)
   */
  readonly vpcIpv6CidrBlock?: string;

  /**
   * The cluster name. Changing it replaces the cluster.
   * @default - a name made from the construct path
   */
  readonly clusterName?: string;

  /**
   * The Apache Kafka version, 3.6.0 or later.
   * @default KafkaVersion.V3_8_X
   */
  readonly kafkaVersion?: KafkaVersion;

  /**
   * The broker instance type. Not `kafka.t3.small`, on which MSK has no dual-stack.
   * @default BrokerInstanceType.KAFKA_M7G_LARGE
   */
  readonly instanceType?: BrokerInstanceType;

  /**
   * The number of brokers, a multiple of the number of client subnets.
   * @default - one per client subnet
   */
  readonly numberOfBrokerNodes?: number;

  /**
   * The EBS volume of each Standard broker, in GiB. Express brokers have managed storage.
   * @default 1000
   */
  readonly ebsVolumeSize?: number;

  /**
   * How clients authenticate.
   * @default - IAM only
   */
  readonly clientAuthentication?: MskClientAuthentication;

  /**
   * Encryption between clients and brokers.
   * @default ClientBrokerEncryption.TLS
   */
  readonly clientBrokerEncryption?: ClientBrokerEncryption;

  /**
   * The KMS key that encrypts the data volumes. Adding, changing or removing it later replaces
   * the cluster (`EncryptionInfo.EncryptionAtRest` is create-only), although
   * cloudformation-diff calls that an update: `cdk-ipv6-ready replacements` catches it.
   * @default - an AWS-managed key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where broker logs go. Pass `false` to `brokerLogs` to send none.
   * @default - a new log group encrypted with `logEncryptionKey`, with the cluster's removal policy
   */
  readonly brokerLogGroup?: logs.ILogGroup;

  /**
   * Whether brokers send their logs to CloudWatch Logs.
   * @default true
   */
  readonly brokerLogs?: boolean;

  /**
   * The KMS key that encrypts the broker log group the construct creates (not a `brokerLogGroup` of
   * yours): a symmetric encryption key of the stack's region, not an alias; an imported key needs
   * `logEncryptionKeyPolicyAllowsLogs`.
   * @default - a new key with yearly rotation
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * Says that the key policy of an imported `logEncryptionKey` already lets CloudWatch Logs use the
   * key (the service principal `logs.<region>.amazonaws.com`, with the
   * `kms:EncryptionContext:aws:logs:arn` condition): its policy cannot be extended from here, so an
   * imported key is refused without it.
   * @default false
   */
  readonly logEncryptionKeyPolicyAllowsLogs?: boolean;

  /**
   * How much monitoring the cluster sends to CloudWatch.
   * @default MskMonitoringLevel.DEFAULT
   */
  readonly monitoringLevel?: MskMonitoringLevel;

  /**
   * Kafka server properties (`server.properties` text) for a cluster configuration.
   * @default - MSK's defaults
   */
  readonly serverProperties?: string;

  /**
   * The security groups of the brokers. Changing them later replaces the cluster.
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Admit clients from the VPC's IPv4 range (9xxx ports) and IPv6 range (20xxx ports) on the
   * ports of the enabled authentication methods. Turn it off to admit only what you allow
   * through `connections`.
   * @default true
   */
  readonly allowVpcClients?: boolean;

  /**
   * What happens to the cluster, its configuration and the log group it creates when they leave
   * the stack. The default keeps them on deletion and replacement but lets a failed first
   * deployment's rollback delete them (CloudFormation's `RetainExceptOnCreate`), so no running
   * cluster is left behind to bill. While the stack retains the cluster, deleting the stack is
   * refused before CloudFormation reaches the cluster and its network: delete the cluster first,
   * or deploy with `RemovalPolicy.DESTROY` and then destroy.
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Stack outputs with the cluster ARN and the IPv4 and IPv6 bootstrap broker strings of the
   * primary listener.
   * @default false
   */
  readonly outputs?: boolean;
}

/**
 * What `DualStackMskCluster.fromClusterAttributes` knows of an MSK cluster made elsewhere
 * (provisioned or serverless), for example one switched with `MskDualStackSwitch`.
 */
export interface DualStackMskClusterAttributes {
  /** The cluster's ARN: `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
  readonly clusterArn: string;

  /**
   * The security groups of the brokers (or of a serverless cluster's endpoints), for `connections`.
   * @default - none: reading `connections` throws
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The client listeners the cluster has enabled: `connections.allowDefaultPortFrom` opens the
   * IPv4 and IPv6 port of each, and the default port is the first one's IPv4 port.
   * @default [MskListener.SASL_IAM]
   */
  readonly listeners?: MskListener[];

  /**
   * The IPv4 bootstrap broker string of the primary listener, such as
   * `MskDualStackSwitch.bootstrapBrokersIpv4(MskListener.SASL_IAM)`.
   * @default - none: reading `bootstrapBrokersIpv4` throws
   */
  readonly bootstrapBrokersIpv4?: string;

  /**
   * The IPv6 bootstrap broker string of the primary listener, such as
   * `MskDualStackSwitch.bootstrapBrokersIpv6(MskListener.SASL_IAM)`.
   * @default - none: reading `bootstrapBrokersIpv6` throws
   */
  readonly bootstrapBrokersIpv6?: string;
}

/**
 * An Amazon MSK provisioned cluster that serves IPv4 and IPv6 clients (network type `DUAL`).
 *
 * MSK creates clusters as IPv4 only: its create API rejects `DUAL`, and the MSK developer guide
 * offers dual-stack for existing clusters through `UpdateConnectivity`. So the cluster is created
 * without a network type, and an `MskDualStackSwitch` switches it in the same deployment, waiting
 * until it is `ACTIVE` again. The switch is one way. The template never states `DUAL` for this
 * cluster: CloudFormation would pass it to the create API.
 *
 * Clients: the 9xxx port of each enabled authentication method from IPv4 sources, the 20xxx port
 * from IPv6 sources, with the `bi6-` bootstrap brokers (`bootstrapBrokersIpv6`).
 */
export class DualStackMskCluster extends DualStackMskClusterBase {
  /**
   * A cluster made elsewhere (provisioned or serverless), with `connections`, the `grant*`
   * methods and the bootstrap brokers of this library's clusters. An attribute that was not
   * given throws when it is used.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attributes: DualStackMskClusterAttributes): IDualStackMskCluster {
    return new ImportedDualStackMskCluster(scope, id, attributes);
  }

  /** The cluster's ARN. */
  public readonly clusterArn: string;
  /** The cluster's name. */
  public readonly clusterName: string;
  /** The enabled client listeners; the last one is the primary listener. */
  public readonly listeners: MskListener[];
  /** The client ports of the enabled listeners, IPv4 (9xxx) and IPv6 (20xxx). */
  public readonly clientPorts: number[];
  /** The broker security groups: `allowDefaultPortFrom` opens the IPv4 and IPv6 port of every listener. */
  public readonly connections: ec2.Connections;
  /** The underlying CloudFormation resource. */
  public readonly cfnCluster: msk.CfnCluster;
  /** What switches the cluster to dual-stack, with the bootstrap brokers of every listener. */
  public readonly dualStackSwitch: MskDualStackSwitch;
  /** The IPv4 bootstrap broker string of the primary listener (SASL/IAM by default, ports 9xxx). */
  public readonly bootstrapBrokersIpv4: string;
  /** The IPv6 bootstrap broker string of the primary listener (`bi6-` host names, ports 20xxx). */
  public readonly bootstrapBrokersIpv6: string;

  constructor(scope: Construct, id: string, props: DualStackMskClusterProps) {
    super(scope, id);
    const kafkaVersion = props.kafkaVersion ?? KafkaVersion.V3_8_X;
    const instanceType = props.instanceType ?? BrokerInstanceType.KAFKA_M7G_LARGE;
    const auth = props.clientAuthentication ?? {};
    const encryption = props.clientBrokerEncryption ?? ClientBrokerEncryption.TLS;
    checkLogEncryptionKey(this, undefined, props.logEncryptionKey, props.logEncryptionKeyPolicyAllowsLogs);
    const subnetSelection = props.vpcSubnets ?? defaultSubnetSelection(props.vpc);
    const subnets = props.vpc.selectSubnets(subnetSelection);
    const listenerSettings = {
      iam: auth.iam ?? true,
      scram: auth.scram ?? false,
      mutualTls: (auth.mutualTlsCertificateAuthorityArns ?? []).length > 0,
      unauthenticated: auth.unauthenticated ?? false,
      clientBroker: encryption,
    };
    const ports = mskListeners(listenerSettings);
    const ipv6Cidr = clientVpcIpv6Cidr(this, props.vpc, props.vpcIpv6CidrBlock);
    validateMskClusterInput(this, props, kafkaVersion, instanceType);
    const addedIpv6Blocks = this.validate(props, kafkaVersion, instanceType, subnets, listenerSettings);
    if (props.vpcSubnets === undefined) {
      warnDefaultSubnetsFollowZones(this, 'msk', props.vpc, subnetSelection);
    }
    this.listeners = ports.map(mskListenerOf);
    this.clientPorts = ports.flatMap(p => [p.ipv4, p.ipv6]);

    // Children from here on: every prop has been checked.
    this.connections = DualStackMskConnections.ofCluster(this, {
      ...props, vpcIpv6Cidr: ipv6Cidr, ports, description: `Brokers of ${this.node.path}`,
    });

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
    const configuration = props.serverProperties === undefined ? undefined : new msk.CfnConfiguration(this, 'Configuration', {
      name: Names.uniqueResourceName(this, { maxLength: 64, separator: '-' }),
      serverProperties: props.serverProperties,
      kafkaVersionsList: [kafkaVersion.version],
    });
    // MSK does not delete a configuration that a (retained) cluster uses.
    configuration?.applyRemovalPolicy(removalPolicy);
    const logGroup = (props.brokerLogs ?? true)
      ? props.brokerLogGroup ?? new logs.LogGroup(this, 'BrokerLogs', {
        retention: logs.RetentionDays.TWO_YEARS,
        removalPolicy,
        encryptionKey: logEncryptionKey(this, 'LogKey', props.logEncryptionKey, `Encrypts the broker logs of ${this.node.path}`, removalPolicy),
      })
      : undefined;

    this.cfnCluster = new msk.CfnCluster(this, 'Resource', {
      clusterName: props.clusterName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' }),
      kafkaVersion: kafkaVersion.version,
      numberOfBrokerNodes: props.numberOfBrokerNodes ?? subnets.subnetIds.length,
      brokerNodeGroupInfo: {
        instanceType: instanceType.name,
        clientSubnets: subnets.subnetIds,
        securityGroups: this.connections.securityGroups.map(sg => sg.securityGroupId),
        storageInfo: instanceType.isExpress ? undefined : { ebsStorageInfo: { volumeSize: props.ebsVolumeSize ?? 1000 } },
      },
      clientAuthentication: {
        sasl: { iam: { enabled: listenerSettings.iam }, scram: { enabled: listenerSettings.scram } },
        tls: listenerSettings.mutualTls ? { enabled: true, certificateAuthorityArnList: auth.mutualTlsCertificateAuthorityArns } : undefined,
        unauthenticated: { enabled: listenerSettings.unauthenticated },
      },
      encryptionInfo: {
        encryptionInTransit: { clientBroker: encryption, inCluster: true },
        encryptionAtRest: props.encryptionKey ? { dataVolumeKmsKeyId: props.encryptionKey.keyArn } : undefined,
      },
      enhancedMonitoring: props.monitoringLevel ?? MskMonitoringLevel.DEFAULT,
      configurationInfo: configuration
        ? { arn: configuration.attrArn, revision: Token.asNumber(configuration.attrLatestRevisionRevision) }
        : undefined,
      loggingInfo: logGroup ? { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: logGroup.logGroupName } } } : undefined,
    });
    this.cfnCluster.applyRemovalPolicy(removalPolicy);
    this.clusterArn = this.cfnCluster.attrArn;
    this.clusterName = this.cfnCluster.clusterName;

    this.dualStackSwitch = new MskDualStackSwitch(this, 'DualStack', {
      clusterArn: this.clusterArn,
      requiredListeners: this.listeners,
      refuseStackDeletionWhileClusterExists: true,
    });
    refuseStackDeletionWhileRetained(this.dualStackSwitch, this.cfnCluster);
    // Subnets that get their IPv6 block from an Ipv6Upgrade in the same deployment must have it first.
    this.dualStackSwitch.node.addDependency(...addedIpv6Blocks);
    const primary = this.listeners[this.listeners.length - 1];
    this.bootstrapBrokersIpv4 = this.dualStackSwitch.bootstrapBrokersIpv4(primary);
    this.bootstrapBrokersIpv6 = this.dualStackSwitch.bootstrapBrokersIpv6(primary);
    if (props.outputs ?? false) {
      addClusterOutputs(this, this.clusterArn, { ipv4: this.bootstrapBrokersIpv4, ipv6: this.bootstrapBrokersIpv6, listener: primary });
    }

    // Escape hatches can still change the connectivity after this point.
    this.node.addValidation({ validate: () => this.validateConnectivity(listenerSettings.unauthenticated) });
  }

  private validateConnectivity(unauthenticated: boolean): string[] {
    const properties = finalProperties(this.cfnCluster);
    const cfnConnectivity = properties.BrokerNodeGroupInfo?.ConnectivityInfo ?? {};
    const connectivity = {
      networkType: cfnConnectivity.NetworkType,
      vpcConnectivity: cfnConnectivity.VpcConnectivity,
      publicAccess: cfnConnectivity.PublicAccess && { type: cfnConnectivity.PublicAccess.Type },
    };
    const errors: string[] = [];
    const networkType = connectivity.networkType;
    if (networkType === 'DUAL_STACK') {
      errors.push(`networkType: 'DUAL_STACK' is not a value CloudFormation accepts (it takes ${MSK_NETWORK_TYPES.join(' or ')}), and this construct sets neither: `
        + 'MSK creates clusters as IPv4 only, and the construct switches them to DUAL after creation. Remove the override.');
    } else if (networkType !== undefined) {
      errors.push(`networkType: '${networkType}' is set on the cluster. MSK creates clusters as IPv4 only, and this construct switches them to DUAL after creation: remove the override.`);
    }
    if (connectivity.vpcConnectivity !== undefined) {
      errors.push('vpcConnectivity: multi-VPC private connectivity is set, and MSK offers dual-stack only without it. Remove it, or use an IPv4 cluster.');
    }
    const publicAccess = connectivity.publicAccess?.type;
    if (publicAccess !== undefined && publicAccess !== 'DISABLED' && unauthenticated) {
      errors.push(`publicAccess: '${publicAccess}' with unauthenticated clients would let anyone on the internet use the cluster, and MSK refuses it. Turn off unauthenticated clients, or keep public access DISABLED.`);
    }
    return errors;
  }

  private validate(
    props: DualStackMskClusterProps, kafkaVersion: KafkaVersion, instanceType: BrokerInstanceType,
    subnets: ec2.SelectedSubnets,
    listeners: { iam: boolean; scram: boolean; mutualTls: boolean; unauthenticated: boolean; clientBroker: string },
  ): ec2.CfnSubnetCidrBlock[] {
    const fail = (message: string): never => invalidProp(this, undefined, message);
    if (kafkaVersion.supportsDualStack === false) {
      fail(`kafkaVersion: '${kafkaVersion.version}' has no dual-stack connectivity. MSK supports IPv6 from Kafka ${MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION.join('.')}: use KafkaVersion.V3_6_0 or later (V3_8_X is MSK's recommended version).`);
    }
    if (MSK_BROKER_TYPES_WITHOUT_DUAL_STACK.includes(instanceType.name)) {
      fail(`instanceType: ${instanceType.name} has no dual-stack connectivity. Use kafka.m7g.large or larger, or an Express broker type.`);
    }
    const addedIpv6Blocks = validateClientSubnets(this, subnets, { min: 2, max: 3 });
    const count = subnets.subnetIds.length;
    const brokers = props.numberOfBrokerNodes;
    if (brokers !== undefined && !Token.isUnresolved(brokers) && (brokers < count || brokers % count !== 0)) {
      fail(`numberOfBrokerNodes: ${brokers} is not a multiple of the ${count} client subnets. MSK places the same number of brokers in each zone: use ${count}, ${2 * count}, ...`);
    }
    if (!listeners.iam && !listeners.scram && !listeners.mutualTls && !listeners.unauthenticated) {
      fail('clientAuthentication: every method is off, so no client could connect. Turn on iam (the default), scram, mutual TLS or, knowingly, unauthenticated.');
    }
    if (listeners.clientBroker !== ClientBrokerEncryption.TLS && !listeners.unauthenticated) {
      fail(`clientBrokerEncryption: ${listeners.clientBroker} allows plaintext, which only unauthenticated clients use. Keep TLS, or turn on unauthenticated clients.`);
    }
    if (props.ebsVolumeSize !== undefined && instanceType.isExpress) {
      fail(`ebsVolumeSize: Express brokers (${instanceType.name}) have storage that MSK manages. Remove ebsVolumeSize, or choose a Standard (kafka.*) broker type.`);
    }
    return addedIpv6Blocks;
  }
}

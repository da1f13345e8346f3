import { CfnDeletionPolicy, CfnOutput, CfnResource, Fn, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { listenerNameOf } from './bootstrap-broker-fields';
import { IDualStackMskCluster } from './dual-stack-msk-cluster-ref';
import { MskDualStackSwitch, MskListener } from './msk-dual-stack-switch';
import { OPEN_INGRESS_FINDING } from '../core/aws-solutions-findings';
import { MskClientPorts } from '../core/msk-ports';
import { acknowledgeUnreadableIngress } from '../core/unreadable-ingress-findings';

/**
 * What the provisioned, serverless and imported dual-stack clusters share: connections that open
 * the IPv4 and IPv6 port of each listener, and grants for IAM-authenticated clients.
 */
export abstract class DualStackMskClusterBase extends Construct implements IDualStackMskCluster {
  /** The cluster's ARN. */
  public abstract readonly clusterArn: string;
  /** The broker security groups: `allowDefaultPortFrom` opens the IPv4 and IPv6 port of every listener. */
  public abstract readonly connections: ec2.Connections;
  /** The IPv4 bootstrap broker string of the primary listener (ports 9xxx). */
  public abstract readonly bootstrapBrokersIpv4: string;
  /** The IPv6 bootstrap broker string of the primary listener (`bi6-` host names, ports 20xxx). */
  public abstract readonly bootstrapBrokersIpv6: string;

  /**
   * Lets `grantee` connect to the cluster with IAM authentication and describe it.
   */
  public grantConnect(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
      resourceArns: [this.clusterArn],
    });
  }

  /**
   * Lets `grantee` read a topic as a member of a consumer group (IAM authentication).
   *
   * @param topicName the topic; a trailing `*` matches a prefix
   * @param consumerGroup the consumer group; a trailing `*` matches a prefix
   */
  public grantReadTopic(grantee: iam.IGrantable, topicName: string, consumerGroup: string): iam.Grant {
    return this.grantConnect(grantee)
      .combine(iam.Grant.addToPrincipal({
        grantee,
        actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        resourceArns: [this.resourceArn('topic', topicName)],
      }))
      .combine(iam.Grant.addToPrincipal({
        grantee,
        actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
        resourceArns: [this.resourceArn('group', consumerGroup)],
      }));
  }

  /**
   * Lets `grantee` write to a topic (IAM authentication), idempotently too.
   *
   * Idempotent producers, the default of Kafka clients from 3.0, also need
   * `kafka-cluster:WriteDataIdempotently`, which IAM grants on the cluster only: the MSK developer
   * guide lists its required resource as `cluster`, and notes that `WriteData` on one topic does not
   * imply it.
   *
   * @param topicName the topic; a trailing `*` matches a prefix
   */
  public grantWriteTopic(grantee: iam.IGrantable, topicName: string): iam.Grant {
    return this.grantConnect(grantee)
      .combine(iam.Grant.addToPrincipal({
        grantee,
        actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
        resourceArns: [this.resourceArn('topic', topicName)],
      }))
      .combine(iam.Grant.addToPrincipal({ grantee, actions: ['kafka-cluster:WriteDataIdempotently'], resourceArns: [this.clusterArn] }));
  }

  /**
   * Lets `grantee` look up the bootstrap broker strings, IPv4 and IPv6 (`kafka:GetBootstrapBrokers`).
   */
  public grantBootstrapBrokers(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['kafka:GetBootstrapBrokers'], resourceArns: [this.clusterArn] });
  }

  /**
   * The ARN of a topic or group of this cluster: `arn:...:kafka:region:account:topic/<cluster name>/<cluster uuid>/<name>`.
   */
  private resourceArn(kind: 'topic' | 'group', name: string): string {
    // The cluster ARN ends in cluster/<name>/<uuid>.
    const parts = Fn.split('/', this.clusterArn);
    return Stack.of(this).formatArn({
      service: 'kafka',
      resource: kind,
      resourceName: Fn.join('/', [Fn.select(1, parts), Fn.select(2, parts), name]),
    });
  }
}

/** What the connections of a cluster are made from (its props, and what it derived from them). */
interface ClusterConnectionsOptions {
  readonly vpc: ec2.IVpc;
  readonly vpcIpv6Cidr: string;
  readonly ports: MskClientPorts[];
  /** The description of the security group the cluster creates when none is given. */
  readonly description: string;
  readonly securityGroups?: ec2.ISecurityGroup[];
  readonly allowVpcClients?: boolean;
}

/**
 * The brokers' connections: a peer is admitted on the IPv4 port of each listener when it is an
 * IPv4 range, the IPv6 port when it is an IPv6 range, and both when it is a security group.
 */
export class DualStackMskConnections extends ec2.Connections {
  /**
   * The connections of a cluster: the given security groups, or one it creates (`description`),
   * admitting the VPC's IPv4 and IPv6 ranges unless `allowVpcClients` is false.
   */
  public static ofCluster(cluster: Construct, options: ClusterConnectionsOptions): DualStackMskConnections {
    const ownGroup = options.securityGroups === undefined
      ? new ec2.SecurityGroup(cluster, 'SecurityGroup', { vpc: options.vpc, description: options.description, allowAllOutbound: false })
      : undefined;
    const connections = new DualStackMskConnections(options.securityGroups ?? [ownGroup!], options.ports);
    if (options.allowVpcClients ?? true) {
      connections.allowVpcClients(options.vpc.vpcCidrBlock, options.vpcIpv6Cidr, ownGroup);
    }
    return connections;
  }

  /** The connections of a cluster made elsewhere: its security groups, with the ports of its listeners. */
  public static of(securityGroups: ec2.ISecurityGroup[], ports: MskClientPorts[]): DualStackMskConnections {
    return new DualStackMskConnections(securityGroups, ports);
  }

  private constructor(securityGroups: ec2.ISecurityGroup[], private readonly ports: MskClientPorts[]) {
    super({ securityGroups, defaultPort: ec2.Port.tcp(ports[0].ipv4) });
  }

  public allowDefaultPortFrom(other: ec2.IConnectable, description?: string): void {
    const rule = isPeer(other) ? other.toIngressRuleConfig() : {};
    for (const listener of this.ports) {
      if (rule.cidrIpv6 === undefined) {
        this.allowFrom(other, ec2.Port.tcp(listener.ipv4), description);
      }
      if (rule.cidrIp === undefined) {
        this.allowFrom(other, ec2.Port.tcp(listener.ipv6), description);
      }
    }
  }

  /**
   * Admits the VPC's IPv4 range on each listener's IPv4 port and its IPv6 range on the IPv6 port.
   *
   * @param ownGroup the security group the cluster created, if it did: AwsSolutions-EC23 cannot read
   * the VPC's ranges (intrinsic functions) and reports an error on it, acknowledged there.
   */
  private allowVpcClients(ipv4Cidr: string, ipv6Cidr: string, ownGroup?: ec2.ISecurityGroup): void {
    for (const listener of this.ports) {
      this.allowFrom(ec2.Peer.ipv4(ipv4Cidr), ec2.Port.tcp(listener.ipv4), `IPv4 clients in the VPC, ${listener.listener}`);
      this.allowFrom(ec2.Peer.ipv6(ipv6Cidr), ec2.Port.tcp(listener.ipv6), `IPv6 clients in the VPC, ${listener.listener}`);
    }
    if (ownGroup !== undefined) {
      Validations.of(ownGroup).acknowledge({
        id: OPEN_INGRESS_FINDING,
        reason: 'The sources are the VPC\'s own IPv4 and IPv6 blocks, set by this construct (references EC23 cannot resolve), never 0.0.0.0/0 or ::/0.',
      });
      acknowledgeUnreadableIngress(ownGroup, `The group admits the broker ports (${this.ports.map(p => `${p.ipv4}/${p.ipv6}`).join(', ')}) from the VPC's IPv4 and IPv6 blocks and from security groups`);
    }
  }
}

function isPeer(x: ec2.IConnectable): x is ec2.IConnectable & ec2.IPeer {
  return typeof (x as Partial<ec2.IPeer>).toIngressRuleConfig === 'function';
}

/** The switch's name for a listener of `lib/core/msk-ports`. */
export function mskListenerOf(ports: MskClientPorts): MskListener {
  return listenerNameOf(ports) as MskListener;
}

/**
 * Has the switch (made with `refuseStackDeletionWhileClusterExists`) refuse a stack deletion only
 * while the stack retains the cluster, as its deletion policy finally says: an aspect such as
 * `RemovalPolicies.of(stack).destroy()` may change it after the construct chose.
 */
export function refuseStackDeletionWhileRetained(dualStackSwitch: MskDualStackSwitch, cluster: CfnResource): void {
  (dualStackSwitch.resource.node.defaultChild as CfnResource).addPropertyOverride('RefuseStackDeletionWhileClusterExists',
    Lazy.string({ produce: () => (cluster.cfnOptions.deletionPolicy === CfnDeletionPolicy.DELETE ? undefined : 'true') }));
}

/** The stack outputs of a cluster: its ARN and the bootstrap brokers of its primary listener. */
export function addClusterOutputs(cluster: Construct, clusterArn: string, brokers: { ipv4: string; ipv6: string; listener: string }): void {
  const path = cluster.node.path;
  new CfnOutput(cluster, 'ClusterArnOutput', { value: clusterArn, description: `ARN of ${path}` });
  new CfnOutput(cluster, 'BootstrapBrokersIpv4', { value: brokers.ipv4, description: `IPv4 bootstrap brokers of ${path} (${brokers.listener})` });
  new CfnOutput(cluster, 'BootstrapBrokersIpv6', { value: brokers.ipv6, description: `IPv6 bootstrap brokers of ${path} (${brokers.listener})` });
}

import { Arn, CustomResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { bootstrapBrokerField } from './bootstrap-broker-fields';
import { validateClusterArn } from './cluster-arn';
import { DualStackSwitchProvider } from './dual-stack-switch-provider';
import { validateClusterArnKind } from './msk-input-validation';
import { wildcardResourceFindingOf } from '../core/aws-solutions-findings';
import { MSK_DUAL_STACK_SWITCH_TYPE } from '../core/msk-dual-stack-switch-type';

/**
 * The kind of MSK cluster a switch turns dual-stack: MSK asks the caller for different EC2
 * permissions for each.
 */
export enum MskClusterKind {
  /** A provisioned cluster (`AWS::MSK::Cluster`). */
  PROVISIONED = 'PROVISIONED',
  /** A serverless cluster (`AWS::MSK::ServerlessCluster`). */
  SERVERLESS = 'SERVERLESS',
}

/**
 * A client listener of an MSK cluster, which has a bootstrap broker string per address family.
 */
export enum MskListener {
  /** Unauthenticated plaintext: 9092 and 20092. */
  PLAINTEXT = 'PLAINTEXT',
  /** TLS, unauthenticated or mutual TLS: 9094 and 20094. */
  TLS = 'TLS',
  /** SASL/SCRAM: 9096 and 20096. */
  SASL_SCRAM = 'SASL_SCRAM',
  /** SASL/IAM: 9098 and 20098. */
  SASL_IAM = 'SASL_IAM',
}

/**
 * Properties of an MskDualStackSwitch.
 */
export interface MskDualStackSwitchProps {
  /**
   * The ARN of the cluster to switch, in this stack's account and region. It may belong to
   * this app or to nothing managed by CloudFormation at all.
   */
  readonly clusterArn: string;

  /**
   * Whether the cluster is provisioned or serverless.
   * @default MskClusterKind.PROVISIONED
   */
  readonly clusterKind?: MskClusterKind;

  /**
   * Listeners whose IPv4 and IPv6 bootstrap broker strings must exist once the cluster is
   * dual-stack, besides those of every listener the cluster has enabled (which the switch reads
   * from `DescribeClusterV2` and always requires): the deployment fails if MSK does not return
   * one of them, instead of handing an empty string to whatever reads it.
   * @default - the listeners the cluster has enabled
   */
  readonly requiredListeners?: MskListener[];

  /**
   * Refuse to delete the stack while the cluster exists, with a message that says what to do.
   * For a cluster the stack retains: its brokers' network interfaces keep the client subnets and
   * security groups in use, so deleting them (and the VPC) would fail. Creation rollbacks and
   * removing the switch from the app are not refused.
   * The guard reads the stack's status (DescribeStacks): if that stays denied past IAM's
   * propagation, the deletion fails saying so, rather than going ahead unchecked.
   * @default false
   */
  readonly refuseStackDeletionWhileClusterExists?: boolean;
}

/**
 * Switches an MSK cluster to dual-stack (network type `DUAL`) through the Kafka API, and reads
 * its IPv4 and IPv6 bootstrap broker strings.
 *
 * For clusters that CloudFormation cannot switch: a brand-new cluster (MSK's create API accepts
 * only `IPV4`, so it is created IPv4 and switched in the same deployment), a serverless cluster
 * (`AWS::MSK::ServerlessCluster` has no network type property) and a cluster this app does not
 * manage, given by ARN. An existing `CfnCluster` of the app is better switched in its template,
 * with `MskDualStackUpgrade`.
 *
 * On create, a custom resource waits for the cluster to be `ACTIVE`, calls `UpdateConnectivity`
 * with the network type alone and the version it just read, and waits until that operation has
 * succeeded (`ListClusterOperationsV2`, and `DescribeClusterOperationV2` to tell it by its target
 * network type from other connectivity changes) and the cluster reads `ACTIVE` and `DUAL`; then it reads
 * `GetBootstrapBrokers` (with an SDK bundled in the function, which knows the IPv6 fields) and
 * fails if a string of an enabled listener is missing. Throttling and server errors are retried
 * with backoff, a stale cluster version is read again, a conflicting operation is waited out, and
 * the wait ends after 50 minutes with the last state or error seen; access denied is retried for
 * six minutes (IAM propagation), then fails naming the action and the role; an unknown cluster or
 * another refused request fails at once, with MSK's own message.
 * It never switches the cluster back on delete: MSK cannot take a cluster back to IPv4.
 *
 * Every client subnet of the cluster must have an IPv6 block before the switch, the cluster must
 * run Kafka 3.6.0 or later, and not on `kafka.t3.small`; MSK rejects the update otherwise.
 */
export class MskDualStackSwitch extends Construct {
  /** The custom resource. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MskDualStackSwitchProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const kind = props.clusterKind ?? MskClusterKind.PROVISIONED;
    validateClusterArn(this, 'clusterArn', props.clusterArn, { sameEnvironment: true });
    validateClusterArnKind(this, props.clusterArn, kind);

    const provider = DualStackSwitchProvider.of(this);
    const grant = new iam.Policy(this, 'Permissions', {
      statements: [
        new iam.PolicyStatement({
          actions: ['kafka:DescribeClusterV2', 'kafka:ListClusterOperationsV2', 'kafka:UpdateConnectivity', 'kafka:GetBootstrapBrokers'],
          resources: [props.clusterArn],
        }),
        // Only DescribeClusterOperationV2 shows an operation's target network type, which tells the
        // switch's own UPDATE_CONNECTIVITY operation from public or ZooKeeper access changes.
        new iam.PolicyStatement({ actions: ['kafka:DescribeClusterOperationV2'], resources: ['*'] }),
        ...ec2PermissionsFor(kind, stack),
        // The stack's status tells a deletion of the stack from a rollback.
        ...(props.refuseStackDeletionWhileClusterExists ? [new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [stack.stackId] })] : []),
      ],
    });
    grant.attachToRole(provider.handlerRole);
    Validations.of(grant).acknowledge(...ec2WildcardReasons(kind, stack));

    const fields = (props.requiredListeners ?? []).flatMap(l => [bootstrapBrokerField(l, false), bootstrapBrokerField(l, true)]);
    this.resource = new CustomResource(this, 'Resource', {
      resourceType: MSK_DUAL_STACK_SWITCH_TYPE,
      serviceToken: provider.serviceToken,
      properties: {
        ClusterArn: props.clusterArn,
        RequiredBootstrapBrokers: fields.length > 0 ? fields : undefined,
        RefuseStackDeletionWhileClusterExists: props.refuseStackDeletionWhileClusterExists ? 'true' : undefined,
      },
    });
    // The handler calls the Kafka API only once its permissions exist.
    this.resource.node.addDependency(grant);
  }

  /** The bootstrap broker string of a listener for IPv4 clients (9xxx ports). */
  public bootstrapBrokersIpv4(listener: MskListener): string {
    return this.resource.getAttString(bootstrapBrokerField(listener, false));
  }

  /** The bootstrap broker string of a listener for IPv6 clients (20xxx ports, `bi6-` host names). */
  public bootstrapBrokersIpv6(listener: MskListener): string {
    return this.resource.getAttString(bootstrapBrokerField(listener, true));
  }
}

/**
 * The EC2 actions MSK performs with the caller's credentials while it switches the cluster, as
 * the dual-stack pages of the MSK developer guide list them.
 */
function ec2PermissionsFor(kind: MskClusterKind, stack: Stack): iam.PolicyStatement[] {
  return [
    // DescribeSubnets has no resource-level permissions: '*' is the only resource IAM accepts.
    new iam.PolicyStatement({ actions: ['ec2:DescribeSubnets'], resources: ['*'] }),
    kind === MskClusterKind.SERVERLESS
      // The cluster's VPC endpoints, with the subnets and security groups they are in; MSK names none in advance.
      ? new iam.PolicyStatement({
        actions: ['ec2:ModifyVpcEndpoint'],
        resources: SERVERLESS_EC2_TYPES.map(type => ec2Arn(stack, type)),
      })
      // MSK tags the brokers' network interfaces with the caller's credentials while it switches them.
      // Only there, and only through an AWS service (aws:ViaAWSService): the handler's own code cannot
      // tag, so it cannot add a tag that some other policy (the Load Balancer Controller's, say) trusts.
      : new iam.PolicyStatement({
        actions: ['ec2:CreateTags'],
        resources: [ec2Arn(stack, 'network-interface')],
        conditions: { Bool: { 'aws:ViaAWSService': 'true' } },
      }),
  ];
}

const SERVERLESS_EC2_TYPES = ['vpc-endpoint', 'subnet', 'security-group'];

/** Every EC2 resource of `type` in the stack's account and region. */
function ec2Arn(stack: Stack, type: string): string {
  return Arn.format({ service: 'ec2', resource: type, resourceName: '*' }, stack);
}

/** Why each wildcard resource of `ec2PermissionsFor` is there, for AwsSolutions-IAM5. */
function ec2WildcardReasons(kind: MskClusterKind, stack: Stack) {
  const iam5 = (resource: string, reason: string) => ({ id: wildcardResourceFindingOf(stack, resource), reason });
  // One finding for every '*' of the policy: the reason covers both actions that have it.
  const describe = iam5('*', 'Read-only actions without resource-level permissions (the Service Authorization Reference lists no resource type for them): '
    + 'ec2:DescribeSubnets, which MSK calls with the caller\'s credentials to check the client subnets\' IPv6 blocks, and '
    + 'kafka:DescribeClusterOperationV2, which returns one cluster operation\'s description (its target network type).');
  return kind === MskClusterKind.SERVERLESS
    ? [describe, ...SERVERLESS_EC2_TYPES.map(type => iam5(ec2Arn(stack, type),
      'ec2:ModifyVpcEndpoint on the serverless cluster\'s endpoints, which MSK owns and does not name in advance; limited to this account and region.'))]
    : [describe, iam5(ec2Arn(stack, 'network-interface'), 'ec2:CreateTags only, on network interfaces of this account and region (MSK\'s broker '
      + 'interfaces, whose ids are not known in advance), and only in requests an AWS service makes on the role\'s behalf (aws:ViaAWSService), as MSK '
      + 'does during UpdateConnectivity: the handler\'s own calls cannot tag.')];
}


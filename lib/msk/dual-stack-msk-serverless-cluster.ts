import { Names, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { clientVpcIpv6Cidr, validateClientSubnets } from './client-subnets';
import { addClusterOutputs, DualStackMskClusterBase, DualStackMskConnections, refuseStackDeletionWhileRetained } from './msk-cluster-base';
import { MskClusterKind, MskDualStackSwitch, MskListener } from './msk-dual-stack-switch';
import { defaultSubnetSelection, warnDefaultSubnetsFollowZones } from '../core/default-subnet-selection';
import { MSK_SASL_IAM_PORTS } from '../core/msk-ports';

/**
 * Properties of a DualStackMskServerlessCluster.
 */
export interface DualStackMskServerlessClusterProps {
  /** The VPC. It needs an IPv6 block: a `DualStackVpc`, an `ec2.Vpc` with `DUAL_STACK`, or any VPC with `vpcIpv6CidrBlock`. */
  readonly vpc: ec2.IVpc;

  /**
   * The client subnets: 2 to 5, in distinct availability zones, each with IPv4 and IPv6.
   * Changing them later replaces the cluster, and so does a zone added to the VPC while the
   * default selection is used (a warning, `cdk-ipv6-ready:mskServerless:defaultSubnetsFollowZones`,
   * says so): select the zones (`availabilityZones`) before you add one.
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
   * The security groups of the cluster's endpoints. Changing them later replaces the cluster.
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Admit IAM clients from the VPC's IPv4 range (port 9098) and IPv6 range (port 20098).
   * @default true
   */
  readonly allowVpcClients?: boolean;

  /**
   * What happens to the cluster when it leaves the stack. The default keeps it on deletion and
   * replacement but lets a failed first deployment's rollback delete it (`RetainExceptOnCreate`);
   * while the stack retains the cluster, deleting the stack is refused (see `DualStackMskCluster`).
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Stack outputs with the cluster ARN and its IPv4 and IPv6 bootstrap broker strings.
   * @default false
   */
  readonly outputs?: boolean;
}

/**
 * An Amazon MSK Serverless cluster (IAM authentication) that serves IPv4 and IPv6 clients.
 *
 * `AWS::MSK::ServerlessCluster` has no network type property, so an `MskDualStackSwitch` calls
 * `UpdateConnectivity` after creation, with the EC2 permissions MSK asks of the caller for
 * serverless clusters (`ec2:DescribeSubnets`, `ec2:ModifyVpcEndpoint`). The switch is one way.
 */
export class DualStackMskServerlessCluster extends DualStackMskClusterBase {
  /** The cluster's ARN. */
  public readonly clusterArn: string;
  /** The endpoints' security groups: `allowDefaultPortFrom` opens 9098 to IPv4 peers and 20098 to IPv6 peers. */
  public readonly connections: ec2.Connections;
  /** The underlying CloudFormation resource. */
  public readonly cfnCluster: msk.CfnServerlessCluster;
  /** What switches the cluster to dual-stack. */
  public readonly dualStackSwitch: MskDualStackSwitch;
  /** The IPv4 bootstrap broker string (SASL/IAM, port 9098). */
  public readonly bootstrapBrokersIpv4: string;
  /** The IPv6 bootstrap broker string (SASL/IAM, port 20098). */
  public readonly bootstrapBrokersIpv6: string;

  constructor(scope: Construct, id: string, props: DualStackMskServerlessClusterProps) {
    super(scope, id);
    const subnetSelection = props.vpcSubnets ?? defaultSubnetSelection(props.vpc);
    const subnets = props.vpc.selectSubnets(subnetSelection);
    const ipv6Cidr = clientVpcIpv6Cidr(this, props.vpc, props.vpcIpv6CidrBlock);
    const addedIpv6Blocks = validateClientSubnets(this, subnets, { min: 2, max: 5 });
    if (props.vpcSubnets === undefined) {
      warnDefaultSubnetsFollowZones(this, 'mskServerless', props.vpc, subnetSelection);
    }

    // Children from here on: every prop has been checked.
    this.connections = DualStackMskConnections.ofCluster(this, {
      ...props, vpcIpv6Cidr: ipv6Cidr, ports: [MSK_SASL_IAM_PORTS], description: `Endpoints of ${this.node.path}`,
    });

    this.cfnCluster = new msk.CfnServerlessCluster(this, 'Resource', {
      clusterName: props.clusterName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' }),
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [{ subnetIds: subnets.subnetIds, securityGroups: this.connections.securityGroups.map(sg => sg.securityGroupId) }],
    });
    this.cfnCluster.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    this.clusterArn = this.cfnCluster.attrArn;

    this.dualStackSwitch = new MskDualStackSwitch(this, 'DualStack', {
      clusterArn: this.clusterArn,
      clusterKind: MskClusterKind.SERVERLESS,
      requiredListeners: [MskListener.SASL_IAM],
      refuseStackDeletionWhileClusterExists: true,
    });
    refuseStackDeletionWhileRetained(this.dualStackSwitch, this.cfnCluster);
    this.dualStackSwitch.node.addDependency(...addedIpv6Blocks);
    this.bootstrapBrokersIpv4 = this.dualStackSwitch.bootstrapBrokersIpv4(MskListener.SASL_IAM);
    this.bootstrapBrokersIpv6 = this.dualStackSwitch.bootstrapBrokersIpv6(MskListener.SASL_IAM);
    if (props.outputs ?? false) {
      addClusterOutputs(this, this.clusterArn, { ipv4: this.bootstrapBrokersIpv4, ipv6: this.bootstrapBrokersIpv6, listener: MskListener.SASL_IAM });
    }
  }
}

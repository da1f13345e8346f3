import { Annotations, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { isIpv6Block } from './ipv6-blocks-of-subnets';
import { associatedVpcIpv6Cidr, slash64At } from './ipv6-subnet-layout';
import { AMAZON_PROVIDED_PREFIX_LENGTH, planUpgradedSubnets, SubnetsOfType } from './ipv6-upgrade-layout';
import { wildcardResourceFinding } from '../core/aws-solutions-findings';
import { encryptManagedLogGroups, functionOfRole } from '../core/log-encryption-key';
import { acknowledgeSdkCallFunction } from '../core/sdk-call-function';
import { invalidProp } from '../core/validation';

/**
 * Properties of an `Ipv6Upgrade`.
 */
export interface Ipv6UpgradeProps {
  /**
   * The IPv4-only VPC to upgrade: an `ec2.Vpc` of this app, or one imported with
   * `ec2.Vpc.fromVpcAttributes`.
   *
   * An imported VPC needs the route table id of every public subnet, and of every private
   * subnet when the egress-only internet gateway is created: the `::/0` routes go into those
   * tables. Whether an imported VPC already has an IPv6 block cannot be checked at synthesis:
   * upgrade only VPCs that have none.
   */
  readonly vpc: ec2.IVpc;

  /**
   * The internet gateway that public subnets send `::/0` to, `igw-...`.
   *
   * @default - the VPC's own gateway when `vpc` is an `ec2.Vpc`; required when the VPC is
   * imported and has public subnets
   */
  readonly internetGatewayId?: string;

  /**
   * Whether new network interfaces in the upgraded subnets get an IPv6 address.
   *
   * EKS nodes in an IPv6 cluster fail to join without one.
   *
   * @default true
   */
  readonly assignIpv6AddressOnCreation?: boolean;

  /**
   * Whether to create an egress-only internet gateway and send the private subnets' `::/0` to
   * it: outbound IPv6 without a NAT gateway, nothing inbound.
   *
   * @default true when the VPC has private subnets
   */
  readonly egressOnlyInternetGateway?: boolean;

  /**
   * The slot of each subnet group: subnet `z` (the z-th of the VPC's availability zones) of the
   * group in slot `s` gets the /64 with index `8 * s + z` of the /56, slots 0-31.
   *
   * Required for every group of a subnet type that has more than one group: their /64s would
   * otherwise depend on the groups' order, and a subnet cannot take a new block while it holds
   * one. Group names are the `name`s of the VPC's `subnetConfiguration` (imported VPCs: the
   * `*SubnetNames`).
   *
   * @default - the only public group in slot 0, the only private group in slot 8, the only
   * isolated group in slot 16
   */
  readonly subnetGroupSlots?: { [groupName: string]: number };
}

const VPC_IPV6_CIDR_PATH = 'Vpcs.0.Ipv6CidrBlockAssociationSet.0.Ipv6CidrBlock';

interface SubnetKind extends SubnetsOfType {
  readonly route?: Route;
}

type Route = 'internet gateway' | 'egress-only internet gateway';

/**
 * Adds IPv6 to an existing IPv4-only VPC without replacing any of its resources: the first step
 * of a move to dual-stack.
 *
 * Setting `Ipv6CidrBlock` on an existing `AWS::EC2::Subnet` may replace the subnet and
 * everything in it, so the construct only adds resources:
 *
 * - an Amazon-provided /56 for the VPC (`AWS::EC2::VPCCidrBlock`);
 * - a /64 for each subnet (`AWS::EC2::SubnetCidrBlock`);
 * - a custom resource per subnet that turns on `AssignIpv6AddressOnCreation`, and off again
 *   when the construct is removed;
 * - `::/0` to the internet gateway in the public subnets' route tables, and to a new
 *   egress-only internet gateway in the private subnets' route tables. Isolated subnets get no
 *   default route. A route table shared by several subnets gets one route.
 *
 * Subnet layout: subnet `z` (the z-th of the VPC's availability zones) of the group in slot
 * `s` gets the /64 with index `8 * s + z`. The only public group has slot 0, the only private
 * group slot 8, the only isolated group slot 16; a type with several groups needs
 * `subnetGroupSlots`. Each subnet's resources are keyed by the subnet (its id when literal,
 * else `<group>Subnet<zone>`), never by its position in a list: adding zones or groups moves no
 * block, route or auto-assign resource of another subnet. A subnet cannot take a new block
 * while it holds one, so the construct refuses what could still move one.
 *
 * Only network interfaces created after the upgrade get IPv6 addresses. Security groups that
 * should allow IPv6 need IPv6 rules (`allowAllIpv6Outbound` for egress), and custom network ACLs
 * need IPv6 entries.
 *
 * To order other resources after the upgrade, make them depend on this construct.
 */
export class Ipv6Upgrade extends Construct {
  /**
   * The VPC's IPv6 block, a /56.
   */
  public readonly vpcIpv6CidrBlock: string;

  /**
   * The egress-only internet gateway the private subnets send `::/0` to.
   *
   * @default - none: the VPC has no private subnets, or `egressOnlyInternetGateway` is false
   */
  public readonly egressOnlyInternetGatewayId?: string;

  private readonly subnetIpv6CidrBlocks = new Map<string, string>();

  constructor(scope: Construct, id: string, props: Ipv6UpgradeProps) {
    super(scope, id);
    const vpc = props.vpc;

    const existingBlock = findIpv6CidrBlockOf(vpc, this.node.root);
    if (existingBlock !== undefined) {
      invalidProp(this, undefined, `vpc: ${describeVpc(vpc)} already has an IPv6 CIDR block (${existingBlock}): it is already dual-stack. Ipv6Upgrade only upgrades IPv4-only VPCs; remove it.`);
    }

    const hasPrivateSubnets = vpc.privateSubnets.length > 0;
    const createEgressOnlyGateway = (props.egressOnlyInternetGateway ?? true) && hasPrivateSubnets;
    if (props.egressOnlyInternetGateway === true && !hasPrivateSubnets) {
      Annotations.of(this).addWarningV2('cdk-ipv6-ready:Ipv6Upgrade.egressOnlyGatewayUnused',
        'egressOnlyInternetGateway is true, but the VPC has no private subnets: no egress-only internet gateway is created.');
    }

    const types: SubnetKind[] = [
      { name: 'Public', subnets: vpc.publicSubnets, route: 'internet gateway' },
      { name: 'Private', subnets: vpc.privateSubnets, route: createEgressOnlyGateway ? 'egress-only internet gateway' : undefined },
      { name: 'Isolated', subnets: vpc.isolatedSubnets },
    ];
    const planned = planUpgradedSubnets(vpc, types, props.subnetGroupSlots, message => invalidProp(this, undefined, message));
    for (const type of types) {
      if (type.route !== undefined) {
        for (const subnet of type.subnets) {
          if (routeTableIdOf(subnet) === undefined) {
            invalidProp(this, undefined, `vpc: ${type.name.toLowerCase()} subnet ${describeSubnet(subnet)} has no route table id, so its ::/0 route to the ${type.route} has nowhere to go. Import the VPC with ${type.name.toLowerCase()}SubnetRouteTableIds.`);
          }
        }
      }
    }

    const internetGatewayId = vpc.publicSubnets.length > 0 ? this.internetGatewayIdOf(props) : undefined;
    if (props.internetGatewayId !== undefined && vpc.publicSubnets.length === 0) {
      Annotations.of(this).addWarningV2('cdk-ipv6-ready:Ipv6Upgrade.internetGatewayUnused',
        `internetGatewayId '${props.internetGatewayId}' is not used: the VPC has no public subnets.`);
    }

    Annotations.of(this).addWarningV2('cdk-ipv6-ready:Ipv6Upgrade.existingInterfaces',
      'Only network interfaces created after the upgrade get IPv6 addresses: existing instances keep IPv4 only. '
      + 'Give an existing interface an address with `aws ec2 assign-ipv6-addresses --network-interface-id eni-... --ipv6-address-count 1`, or replace the instances.');

    // Children from here on: every check above has passed.

    const vpcCidrBlock = new ec2.CfnVPCCidrBlock(this, 'Ipv6Cidr', { vpcId: vpc.vpcId, amazonProvidedIpv6CidrBlock: true });
    this.vpcIpv6CidrBlock = this.readVpcIpv6CidrBlock(vpc, vpcCidrBlock);

    if (createEgressOnlyGateway) {
      this.egressOnlyInternetGatewayId = new ec2.CfnEgressOnlyInternetGateway(this, 'EgressOnlyInternetGateway', { vpcId: vpc.vpcId }).ref;
    }

    const routedTables = new Map<string, Route>();
    for (const type of types) {
      type.subnets.forEach(subnet => {
        const { key, index } = planned.find(p => p.subnet === subnet)!;
        const subnetScope = new Construct(this, key);
        const ipv6CidrBlock = slash64At(this.vpcIpv6CidrBlock, index, AMAZON_PROVIDED_PREFIX_LENGTH);
        this.subnetIpv6CidrBlocks.set(subnet.subnetId, ipv6CidrBlock);

        const subnetCidrBlock = new ec2.CfnSubnetCidrBlock(subnetScope, 'Ipv6Cidr', { subnetId: subnet.subnetId, ipv6CidrBlock });
        // A GetAtt on the VPC does not wait for the association; the subnet's block must.
        subnetCidrBlock.node.addDependency(vpcCidrBlock);

        if (props.assignIpv6AddressOnCreation ?? true) {
          this.assignIpv6OnCreation(subnetScope, subnet).node.addDependency(subnetCidrBlock);
        }

        if (type.route === undefined) {
          return;
        }
        const routeTableId = routeTableIdOf(subnet)!;
        const routedTo = routedTables.get(routeTableId);
        if (routedTo !== undefined) {
          if (routedTo !== type.route) {
            Annotations.of(this).addWarningV2('cdk-ipv6-ready:Ipv6Upgrade.sharedRouteTable',
              `${type.name} subnet ${describeSubnet(subnet)} shares its route table with a subnet whose ::/0 goes to the ${routedTo}, so its IPv6 traffic does too. Give public and private subnets separate route tables.`);
          }
          return;
        }
        routedTables.set(routeTableId, type.route);
        const toInternetGateway = type.route === 'internet gateway';
        // Keyed by the table when its id is literal (imported tables may be shared), else by the
        // subnet (an ec2.Vpc gives each subnet its own table): never by which subnet came first.
        const routeScope = Token.isUnresolved(routeTableId) ? subnetScope : new Construct(this, routeTableId);
        const route = new ec2.CfnRoute(routeScope, 'Ipv6DefaultRoute', {
          routeTableId,
          destinationIpv6CidrBlock: '::/0',
          gatewayId: toInternetGateway ? internetGatewayId : undefined,
          egressOnlyInternetGatewayId: toInternetGateway ? undefined : this.egressOnlyInternetGatewayId,
        });
        // No IPv6 route before the VPC has IPv6 addresses to route.
        route.node.addDependency(vpcCidrBlock);
        if (toInternetGateway) {
          // On a first deployment, the route must wait for the gateway's attachment.
          route.node.addDependency(subnet.internetConnectivityEstablished);
        }
      });
    }
    acknowledgeSdkCallFunction(this);
    // With @aws-cdk/aws-lambda:useCdkManagedLogGroup, aws-cdk-lib gives the SDK-call function a log
    // group in the template: encrypted, unless a DualStackVpc or another construct already did.
    const functions = this.node.findAll().filter((c): c is cr.AwsCustomResource => c instanceof cr.AwsCustomResource).map(functionOfRole);
    encryptManagedLogGroups([...new Set(functions)].filter((f): f is IConstruct => f !== undefined), this, 'LogKey',
      `Encrypts the logs of the SDK calls of ${this.node.path}`);
  }

  /**
   * The /64 this construct gave `subnet`.
   *
   * @param subnet one of the upgraded VPC's public, private or isolated subnets
   */
  public ipv6CidrBlockOf(subnet: ec2.ISubnet): string {
    const block = this.subnetIpv6CidrBlocks.get(subnet.subnetId);
    if (block === undefined) {
      invalidProp(this, undefined, `ipv6CidrBlockOf: subnet ${describeSubnet(subnet)} was not upgraded by this Ipv6Upgrade. Pass one of the upgraded VPC's publicSubnets, privateSubnets or isolatedSubnets.`);
    }
    return block;
  }

  private internetGatewayIdOf(props: Ipv6UpgradeProps): string {
    const id = props.internetGatewayId ?? (props.vpc instanceof ec2.Vpc ? props.vpc.internetGatewayId : undefined);
    if (id === undefined) {
      invalidProp(this, undefined, `internetGatewayId: the VPC ${describeVpc(props.vpc)} has public subnets, but no internet gateway id was given and none can be read from the VPC. Set internetGatewayId to the VPC's internet gateway, igw-...`);
    }
    // A token (the gateway of an ec2.Vpc, an imported value) cannot be judged at synthesis.
    if (!Token.isUnresolved(id) && !/^igw-[0-9a-f]+$/.test(id)) {
      invalidProp(this, undefined, `internetGatewayId: '${id}' is not an internet gateway id. Public subnets route ::/0 to the VPC's internet gateway: set internetGatewayId to its id, igw-...`);
    }
    return id;
  }

  private readVpcIpv6CidrBlock(vpc: ec2.IVpc, vpcCidrBlock: ec2.CfnVPCCidrBlock): string {
    const cfnVpc = vpc.node.defaultChild;
    if (cfnVpc instanceof ec2.CfnVPC) {
      return associatedVpcIpv6Cidr(cfnVpc.attrIpv6CidrBlocks, vpcCidrBlock);
    }
    // An imported VPC has no resource to GetAtt, and AWS::EC2::VPCCidrBlock returns no CIDR.
    const describeVpcs: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeVpcs',
      parameters: { VpcIds: [vpc.vpcId] },
      physicalResourceId: cr.PhysicalResourceId.of(vpc.vpcId),
      outputPaths: [VPC_IPV6_CIDR_PATH],
    };
    const reader = new cr.AwsCustomResource(this, 'ReadIpv6Cidr', {
      onCreate: describeVpcs,
      onUpdate: describeVpcs,
      // ec2:DescribeVpcs has no resource-level permissions: IAM only accepts '*' for it.
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    reader.node.addDependency(vpcCidrBlock);
    Validations.of(reader).acknowledge({
      id: wildcardResourceFinding('*'),
      reason: 'ec2:DescribeVpcs supports no resource-level permissions: IAM accepts only "*" for it. The statement allows that one read-only action.',
    });
    return reader.getResponseField(VPC_IPV6_CIDR_PATH);
  }

  // The existing subnet cannot set AssignIpv6AddressOnCreation itself: it would have to depend
  // on its own SubnetCidrBlock.
  private assignIpv6OnCreation(scope: Construct, subnet: ec2.ISubnet): cr.AwsCustomResource {
    const assign = (value: boolean): cr.AwsSdkCall => ({
      service: 'EC2',
      action: 'modifySubnetAttribute',
      parameters: { SubnetId: subnet.subnetId, AssignIpv6AddressOnCreation: { Value: value } },
      physicalResourceId: cr.PhysicalResourceId.of(subnet.subnetId),
    });
    return new cr.AwsCustomResource(scope, 'AssignIpv6OnCreation', {
      onCreate: assign(true),
      onUpdate: assign(true),
      // Turned off before the subnet's block is removed: the subnet is left as it was.
      onDelete: assign(false),
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [Stack.of(this).formatArn({ service: 'ec2', resource: 'subnet', resourceName: subnet.subnetId })],
      }),
      installLatestAwsSdk: false,
    });
  }
}

/** The IPv6 block already associated with `vpc` in this app, as a construct path. */
function findIpv6CidrBlockOf(vpc: ec2.IVpc, root: IConstruct): string | undefined {
  const block = root.node.findAll().find(c => c instanceof ec2.CfnVPCCidrBlock && c.vpcId === vpc.vpcId && isIpv6Block(c));
  if (block !== undefined) {
    return block.node.path;
  }
  const cfnSubnet = [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets]
    .map(s => s.node.defaultChild)
    .find(c => c instanceof ec2.CfnSubnet && c.ipv6CidrBlock !== undefined);
  return cfnSubnet?.node.path;
}

/** The subnet's route table id; `undefined` when it was imported without one. */
function routeTableIdOf(subnet: ec2.ISubnet): string | undefined {
  try {
    return subnet.routeTable.routeTableId || undefined;
  } catch {
    return undefined;
  }
}

function describeVpc(vpc: ec2.IVpc): string {
  return describe(vpc.vpcId, vpc);
}

function describeSubnet(subnet: ec2.ISubnet): string {
  return describe(subnet.subnetId, subnet);
}

/** The literal id, or the construct path when the id is only known at deployment. */
function describe(id: string, construct: IConstruct): string {
  return Token.isUnresolved(id) ? `at '${construct.node.path}'` : `'${id}'`;
}

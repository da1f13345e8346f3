import { Annotations, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DefaultSecurityGroupLockdown } from './default-security-group-lockdown';
import { DualStackSubnetGroup } from './dual-stack-subnet-group';
import { IDualStackVpc, DualStackVpcAttributes } from './dual-stack-vpc-attributes';
import { validateDualStackVpcInput } from './dual-stack-vpc-validation';
import { encryptVpcLogGroups } from './flow-log-encryption';
import { ImportedDualStackVpc } from './imported-dual-stack-vpc';
import { DeterministicIpv4Addresses, defaultIpv4SubnetPrefix, IPV4_GROUP_SLOTS, IPV4_ZONES_PER_SLOT, Ipv4GroupPlan, ipv4GroupPlan, largestIpv4SubnetPrefix, MAX_IPV4_VPC_PREFIX } from './ipv4-subnet-layout';
import { Ipv6OnlySubnet } from './ipv6-only-subnet';
import { Ipv6Pool } from './ipv6-pool';
import { addressableSlash64Count, associatedVpcIpv6Cidr, DeterministicIpv6Addresses, IPV6_SLOTS_PER_GROUP, slash64At, slash64Index } from './ipv6-subnet-layout';
import { OPEN_INGRESS_FINDING } from '../core/aws-solutions-findings';
import { recordPrivateGroupSlots } from '../core/default-subnet-selection';
import { finalProperties } from '../core/final-properties';
import { checkLogEncryptionKey } from '../core/log-encryption-key-check';
import { invalidProp } from '../core/validation';

/**
 * Properties of a DualStackVpc.
 */
export interface DualStackVpcProps {
  /**
   * The VPC's name tag.
   * @default - the construct path
   */
  readonly vpcName?: string;

  /**
   * The VPC's IPv4 range, /16 to /22: the layout cuts it into 8 group slots of 8 zone ranges
   * each (see `DualStackSubnetGroup.cidrMask`).
   * @default '10.0.0.0/16'
   */
  readonly ipv4Cidr?: string;

  /**
   * Where the VPC's IPv6 block comes from.
   * @default Ipv6Pool.amazonProvided()
   */
  readonly ipv6Pool?: Ipv6Pool;

  /**
   * How many availability zones to use, 1 to 8 (the layout gives each group 8 zone ranges). Not
   * together with `availabilityZones`.
   * @default 3
   */
  readonly maxAzs?: number;

  /**
   * The availability zones to use.
   * @default - the first `maxAzs` zones of the stack's region
   */
  readonly availabilityZones?: string[];

  /**
   * The subnet groups. Every group but an IPv6-only one has IPv4 and IPv6.
   * @default - a public and a private (with egress) group
   */
  readonly subnetGroups?: DualStackSubnetGroup[];

  /**
   * How many NAT gateways to create for IPv4 egress (and NAT64). Zero is an IPv6-first design:
   * private subnets reach the internet over IPv6 through the egress-only gateway, at no NAT cost.
   * @default - one per availability zone when there is a private group or a NAT64 group
   */
  readonly natGateways?: number;

  /**
   * Where the NAT gateways go.
   * @default - the public subnets
   */
  readonly natGatewaySubnets?: ec2.SubnetSelection;

  /**
   * Gateway endpoints to create.
   * @default - S3 (dual-stack) and DynamoDB (IPv4: its gateway endpoints do not route IPv6), free of charge
   */
  readonly gatewayEndpoints?: { [id: string]: ec2.GatewayVpcEndpointOptions };

  /**
   * Flow logs to create. Pass `{}` for none.
   * @default - one flow log of all traffic to a new CloudWatch Logs group, encrypted with
   * `logEncryptionKey` and retained when the stack is deleted
   */
  readonly flowLogs?: { [id: string]: ec2.FlowLogOptions };

  /**
   * The KMS key that encrypts the log groups the VPC creates for its flow logs, and the log group
   * of the Lambda function that locks down its default security group (where the app creates one,
   * `@aws-cdk/aws-lambda:useCdkManagedLogGroup`). A symmetric encryption key of the stack's
   * region, not an alias; an imported key needs `logEncryptionKeyPolicyAllowsLogs`.
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
   * Remove every rule, IPv4 and IPv6, from the VPC's default security group, so nothing can use it
   * by accident.
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;

  /**
   * Whether instances get DNS host names.
   * @default true
   */
  readonly enableDnsHostnames?: boolean;

  /**
   * Whether the Amazon DNS server answers in the VPC.
   * @default true
   */
  readonly enableDnsSupport?: boolean;
}

const DEFAULT_IPV4_CIDR = '10.0.0.0/16';
const DEFAULT_SUBNET_GROUPS: DualStackSubnetGroup[] = [
  { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
  { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
];
const EIGW_ID = 'EIGW6'; // the id aws-cdk-lib's Vpc gives its egress-only gateway

interface PlannedGroup {
  readonly group: DualStackSubnetGroup;
  readonly slot: number;
  /** Where its IPv4 subnets go; none for an IPv6-only group. */
  readonly ipv4?: Ipv4GroupPlan;
}

/**
 * A VPC in which every subnet has IPv4 and IPv6, or IPv6 only.
 *
 * It is an `ec2.Vpc` (so every construct that takes an `IVpc` takes it) and adds what that one
 * lacks for IPv6: IPv6-only subnets, DNS64 with NAT64, an IPv4 and /64 layout that does not move
 * when groups or zones are added, IPAM and BYOIP pools, dual-stack interface endpoints, a default
 * security group without the IPv6 rule, and an IPv6 CIDR attribute that is safe to use anywhere.
 */
export class DualStackVpc extends ec2.Vpc implements IDualStackVpc {
  /**
   * Imports a dual-stack VPC defined elsewhere, keeping its IPv6 attributes.
   */
  public static fromDualStackVpcAttributes(scope: Construct, id: string, attrs: DualStackVpcAttributes): IDualStackVpc {
    return new ImportedDualStackVpc(scope, id, attrs);
  }

  public readonly vpcIpv6CidrBlock: string;
  public readonly ipv6OnlySubnets: ec2.ISubnet[] = [];

  /**
   * The egress-only internet gateway, when a private subnet needs one.
   */
  public readonly egressOnlyInternetGatewayId?: string;

  /**
   * The association of the IPv6 block with the VPC. Resources that read the VPC's
   * `Ipv6CidrBlocks` attribute must depend on it; `vpcIpv6CidrBlock` already does.
   */
  public readonly ipv6CidrBlockAssociation: ec2.CfnVPCCidrBlock;

  private readonly ipv6OnlyGroups = new Map<string, ec2.ISubnet[]>();

  constructor(scope: Construct, id: string, props: DualStackVpcProps = {}) {
    const ipv4Cidr = props.ipv4Cidr ?? DEFAULT_IPV4_CIDR;
    const pool = props.ipv6Pool ?? Ipv6Pool.amazonProvided();
    const groups = props.subnetGroups ?? DEFAULT_SUBNET_GROUPS;
    validateDualStackVpcInput(scope, id, props, groups);
    checkLogEncryptionKey(scope, id, props.logEncryptionKey, props.logEncryptionKeyPolicyAllowsLogs);
    const planned = validateProps(scope, id, props, ipv4Cidr, pool, groups);
    const dualStack = planned.filter(p => !p.group.ipv6Only);
    const natGatewayProvider = ec2.NatProvider.gateway();

    super(scope, id, {
      vpcName: props.vpcName,
      ipAddresses: new DeterministicIpv4Addresses(ipv4Cidr, new Map(dualStack.map(p => [p.group.name, p.ipv4!]))),
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      ipv6Addresses: new DeterministicIpv6Addresses(pool, dualStack.map(p => p.slot)),
      maxAzs: props.maxAzs,
      availabilityZones: props.availabilityZones,
      subnetConfiguration: dualStack.map(({ group, ipv4 }) => ({
        name: group.name,
        subnetType: group.subnetType,
        cidrMask: ipv4!.subnetPrefix,
        reserved: group.reserved,
        mapPublicIpOnLaunch: group.subnetType === ec2.SubnetType.PUBLIC ? group.mapPublicIpOnLaunch ?? false : undefined,
        ipv6AssignAddressOnCreation: group.assignIpv6AddressOnCreation ?? true,
      })),
      // aws-cdk-lib counts only its own private groups when it picks the default; NAT64 from
      // IPv6-only groups needs gateways too. It caps the count at the number of zones.
      natGateways: props.natGateways ?? (groups.some(g => g.nat64 && !g.reserved) ? IPV6_SLOTS_PER_GROUP : undefined),
      natGatewaySubnets: props.natGatewaySubnets ?? natGatewayGroup(dualStack),
      natGatewayProvider,
      gatewayEndpoints: props.gatewayEndpoints ?? {
        // S3 gateway endpoints route IPv6 too (since November 2025); DynamoDB's are IPv4 only.
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3, ipAddressType: ec2.VpcEndpointIpAddressType.DUALSTACK },
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
      flowLogs: props.flowLogs ?? { FlowLogs: { trafficType: ec2.FlowLogTrafficType.ALL } },
      // Replaced by DefaultSecurityGroupLockdown, which also revokes the IPv6 rule.
      restrictDefaultSecurityGroup: false,
      enableDnsHostnames: props.enableDnsHostnames ?? true,
      enableDnsSupport: props.enableDnsSupport ?? true,
    });

    recordPrivateGroupSlots(this, new Map(dualStack
      .filter(p => p.group.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS && !p.group.reserved)
      .map(p => [p.group.name, p.slot])));
    this.ipv6CidrBlockAssociation = this.node.findChild('ipv6cidr') as ec2.CfnVPCCidrBlock;
    this.vpcIpv6CidrBlock = associatedVpcIpv6Cidr(this.vpcIpv6CidrBlocks, this.ipv6CidrBlockAssociation);

    const natGateways = natGatewayProvider.configuredGateways;
    if (natGateways.length === 0 && this.privateSubnets.length > 0) {
      Annotations.of(this).addWarningV2('cdk-ipv6-ready:DualStackVpc.noIpv4Egress',
        'The private subnets have no NAT gateway: they reach the internet over IPv6 only (egress-only internet gateway). IPv4-only destinations, including AWS endpoints without IPv6, are unreachable from them. Set natGateways, or add dual-stack interface endpoints for the AWS services they call.');
    }
    for (const { group } of dualStack) {
      if (!group.reserved) {
        this.configureDualStackGroup(group, natGateways);
      }
    }

    const needsEgressOnlyGateway = this.privateSubnets.length > 0
      || planned.some(p => p.group.ipv6Only && !p.group.reserved && p.group.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS);
    this.egressOnlyInternetGatewayId = this.reconcileEgressOnlyGateway(needsEgressOnlyGateway);

    for (const { group, slot } of planned) {
      if (group.ipv6Only && !group.reserved) {
        this.createIpv6OnlyGroup(group, slot, pool, natGateways);
      }
    }

    const lockdown = (props.restrictDefaultSecurityGroup ?? true) ? new DefaultSecurityGroupLockdown(this, 'DefaultSecurityGroupLockdown', {
      defaultSecurityGroupId: this.vpcDefaultSecurityGroup,
      after: this.ipv6CidrBlockAssociation,
    }) : undefined;
    encryptVpcLogGroups(this, props.logEncryptionKey, lockdown?.functions ?? []);
    this.refuseSubnetBlockOverrides();
  }

  /**
   * The subnets' blocks are the layout's (they never move when groups or zones are added); an
   * escape hatch that sets one would break that, or overlap another subnet. Judged on the final
   * properties, as DualStackMskCluster judges its own escape hatches.
   */
  private refuseSubnetBlockOverrides(): void {
    const stack = Stack.of(this);
    const subnets = this.node.findAll().filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet);
    const planned = subnets.map(subnet => ({
      subnet,
      blocks: { CidrBlock: stack.resolve(subnet.cidrBlock), Ipv6CidrBlock: stack.resolve(subnet.ipv6CidrBlock) },
    }));
    this.node.addValidation({
      validate: () => planned.flatMap(({ subnet, blocks }) => {
        const final = finalProperties(subnet);
        return (Object.keys(blocks) as Array<keyof typeof blocks>)
          .filter(name => JSON.stringify(final[name]) !== JSON.stringify(blocks[name]))
          .map(name => `${name}: subnet ${subnet.node.path} has ${JSON.stringify(final[name]) ?? 'none'} from an escape hatch, where the VPC's layout gives it `
            + `${JSON.stringify(blocks[name]) ?? 'none'}. A DualStackVpc places every block so that adding groups or zones moves none: remove the override, `
            + 'and change the layout with ipv4Cidr, ipv6Pool, or the group\'s cidrMask or slot.');
      }),
    });
  }

  /**
   * The IPv6 block of one of this VPC's subnets.
   */
  public ipv6CidrBlockOf(subnet: ec2.ISubnet): string {
    const own = [...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets, ...this.ipv6OnlySubnets];
    if (!own.includes(subnet) || !(subnet instanceof ec2.Subnet)) {
      invalidProp(this, undefined, `ipv6CidrBlockOf: subnet ${subnet.node.path} is not a subnet of this VPC. Pass one of vpc.publicSubnets, privateSubnets, isolatedSubnets or ipv6OnlySubnets.`);
    }
    return Fn.select(0, subnet.subnetIpv6CidrBlocks);
  }

  /**
   * Adds an interface endpoint that is dual-stack by default: IPv4 and IPv6 addresses, A and AAAA
   * records, and (when `open`, the default) a security group admitting the VPC's IPv4 and IPv6
   * ranges on the service port. aws-cdk-lib's admits IPv4 only.
   *
   * The service must support dual-stack endpoints; pass `ipAddressType: IPV4` for one that does not.
   */
  public addInterfaceEndpoint(id: string, options: ec2.InterfaceVpcEndpointOptions): ec2.InterfaceVpcEndpoint {
    const endpoint = super.addInterfaceEndpoint(id, {
      ipAddressType: ec2.VpcEndpointIpAddressType.DUALSTACK,
      dnsRecordIpType: options.ipAddressType === undefined || options.ipAddressType === ec2.VpcEndpointIpAddressType.DUALSTACK
        ? ec2.VpcEndpointDnsRecordIpType.DUALSTACK
        : undefined,
      ...options,
    });
    if (options.open ?? true) {
      endpoint.connections.allowDefaultPortFrom(ec2.Peer.ipv6(this.vpcIpv6CidrBlock), 'from the VPC IPv6 range');
    }
    const ownGroup = options.securityGroups === undefined ? endpoint.node.tryFindChild('SecurityGroup') : undefined;
    if (ownGroup !== undefined && (options.open ?? true)) {
      Validations.of(ownGroup).acknowledge({
        id: OPEN_INGRESS_FINDING,
        reason: 'The rule cannot read the ingress sources, which are references: they are the VPC\'s own IPv4 and IPv6 blocks on the service port, '
          + 'not 0.0.0.0/0 or ::/0. The endpoint made this security group, and nothing else adds rules to it.',
      });
    }
    return endpoint;
  }

  protected selectSubnetObjects(selection: ec2.SubnetSelection = {}): ec2.ISubnet[] {
    const name = selection.subnetGroupName;
    // ec2.Vpc selects the NAT gateway subnets in its constructor, before this class's fields exist.
    const ipv6Only = name === undefined ? undefined : this.ipv6OnlyGroups?.get(name);
    if (ipv6Only === undefined) {
      return super.selectSubnetObjects(selection);
    }
    return super.selectSubnetObjects({ ...selection, subnetGroupName: undefined, subnets: ipv6Only });
  }

  private configureDualStackGroup(group: DualStackSubnetGroup, natGateways: ec2.GatewayConfig[]) {
    const nat64 = group.nat64 ?? false;
    for (const subnet of this.selectSubnets({ subnetGroupName: group.name }).subnets as ec2.Subnet[]) {
      const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
      cfn.privateDnsNameOptionsOnLaunch = {
        HostnameType: 'resource-name',
        EnableResourceNameDnsARecord: true,
        EnableResourceNameDnsAAAARecord: true,
      };
      if (group.dns64 ?? nat64) {
        cfn.enableDns64 = true;
      }
      if (nat64) {
        subnet.addIpv6Nat64Route(natGatewayFor(subnet, natGateways));
      }
    }
  }

  /**
   * aws-cdk-lib creates its egress-only gateway for every dual-stack VPC unless a feature flag
   * says otherwise, and never for IPv6-only subnets: keep one exactly when a subnet routes to it.
   */
  private reconcileEgressOnlyGateway(needed: boolean): string | undefined {
    const existing = this.node.tryFindChild(EIGW_ID) as ec2.CfnEgressOnlyInternetGateway | undefined;
    if (!needed) {
      if (existing) {
        this.node.tryRemoveChild(EIGW_ID);
      }
      return undefined;
    }
    return (existing ?? new ec2.CfnEgressOnlyInternetGateway(this, EIGW_ID, { vpcId: this.vpcId })).ref;
  }

  private createIpv6OnlyGroup(group: DualStackSubnetGroup, slot: number, pool: Ipv6Pool, natGateways: ec2.GatewayConfig[]) {
    const nat64 = group.nat64 ?? false;
    const subnets = this.availabilityZones.map((availabilityZone, zone) => {
      const subnet = new Ipv6OnlySubnet(this, `${group.name}Subnet${zone + 1}`, {
        vpcId: this.vpcId,
        availabilityZone,
        ipv6CidrBlock: slash64At(this.vpcIpv6CidrBlock, slash64Index(slot, zone), pool.prefixLength),
        enableDns64: group.dns64 ?? nat64,
      });
      switch (group.subnetType) {
        case ec2.SubnetType.PUBLIC:
          subnet.addIpv6DefaultInternetRoute(this.internetGatewayId!, this.node.findChild('VPCGW') as ec2.CfnVPCGatewayAttachment);
          break;
        case ec2.SubnetType.PRIVATE_WITH_EGRESS:
          subnet.addIpv6DefaultEgressOnlyInternetRoute(this.egressOnlyInternetGatewayId!);
          break;
        default:
          break;
      }
      if (nat64) {
        subnet.addIpv6Nat64Route(natGatewayFor(subnet, natGateways));
      }
      return subnet;
    });
    this.ipv6OnlyGroups.set(group.name, subnets);
    this.ipv6OnlySubnets.push(...subnets);
  }
}

/**
 * aws-cdk-lib puts the gateways in the first public subnets in subnet-group order, so a public
 * group inserted before the others would move them (and replace them). The public group in the
 * lowest slot keeps them: slots of deployed groups never change.
 */
function natGatewayGroup(dualStack: PlannedGroup[]): ec2.SubnetSelection | undefined {
  const publicGroups = dualStack.filter(p => p.group.subnetType === ec2.SubnetType.PUBLIC && !p.group.reserved);
  const lowest = publicGroups.sort((a, b) => a.slot - b.slot)[0];
  return lowest && { subnetGroupName: lowest.group.name };
}

function natGatewayFor(subnet: ec2.ISubnet, gateways: ec2.GatewayConfig[]): string {
  return (gateways.find(g => g.az === subnet.availabilityZone) ?? gateways[0]).gatewayId;
}

/**
 * Checks every prop before any resource exists, and gives each group its IPv6 slot.
 */
function validateProps(
  scope: Construct, id: string, props: DualStackVpcProps,
  ipv4Cidr: string, pool: Ipv6Pool, groups: DualStackSubnetGroup[],
): PlannedGroup[] {
  const fail = (message: string): never => invalidProp(scope, id, message);

  const vpcPrefix = parseIpv4CidrPrefix(ipv4Cidr, fail);
  if (vpcPrefix < 16 || vpcPrefix > MAX_IPV4_VPC_PREFIX) {
    fail(`ipv4Cidr: '${ipv4Cidr}' has a /${vpcPrefix} prefix. The layout gives ${IPV4_GROUP_SLOTS} group slots of ${IPV4_ZONES_PER_SLOT} zones each a fixed range of at least a /28, which needs /16 to /${MAX_IPV4_VPC_PREFIX}: use a prefix in that range, for example '10.0.0.0/16'.`);
  }
  for (const problem of pool._problems()) {
    fail(problem);
  }

  const zones = props.availabilityZones?.length ?? props.maxAzs;
  if (zones !== undefined && !Token.isUnresolved(zones) && zones > IPV6_SLOTS_PER_GROUP) {
    fail(`maxAzs: ${zones} availability zones do not fit the layout, which gives each subnet group ${IPV6_SLOTS_PER_GROUP} zone ranges (IPv4 and /64). Use at most ${IPV6_SLOTS_PER_GROUP} zones (no region has more than six).`);
  }

  if (groups.length === 0) {
    fail('subnetGroups: the list is empty. Give at least one subnet group, or leave subnetGroups out for a public and a private group.');
  }

  const names = new Set<string>();
  const ipv6Slots = new Map<number, string>();
  const ipv4Slots = new Map<number, string>();
  const capacity = addressableSlash64Count(pool.prefixLength);
  const planned = groups.map((group, position) => {
    const where = `subnetGroups[${position}] '${group.name}'`;
    if (names.has(group.name)) {
      fail(`subnetGroups: the name '${group.name}' is used by two groups. Subnet group names select subnets and name constructs: make them unique.`);
    }
    names.add(group.name);

    const slot = group.slot ?? position;
    if (Token.isUnresolved(slot) || !Number.isInteger(slot) || slot < 0) {
      fail(`${where}: slot ${slot} is not a whole number from 0. Give the group's place in the layout, for example ${position}.`);
    }
    const other = ipv6Slots.get(slot);
    if (other !== undefined) {
      fail(`${where}: slot ${slot} is already the slot of group '${other}'. Two groups cannot share /64 blocks: give each group its own slot.`);
    }
    ipv6Slots.set(slot, group.name);
    const lastIndex = slash64Index(slot, IPV6_SLOTS_PER_GROUP - 1);
    if (lastIndex >= capacity) {
      fail(`${where}: slot ${slot} needs /64 blocks up to index ${lastIndex}, but the VPC's /${pool.prefixLength} IPv6 block holds ${capacity} /64 subnets (${capacity / IPV6_SLOTS_PER_GROUP} groups of ${IPV6_SLOTS_PER_GROUP}). Use fewer subnet groups or lower slots, or a larger IPv6 block (a shorter IPAM netmask length).`);
    }
    const ipv4 = group.ipv6Only ? undefined : planIpv4(group, where, slot, vpcPrefix, ipv4Slots, fail);

    const isolated = group.subnetType === ec2.SubnetType.PRIVATE_ISOLATED;
    const nat64 = group.nat64 ?? false;
    if ((group.dns64 ?? nat64) && !nat64) {
      fail(`${where}: dns64 is true but nat64 is not. DNS64 answers IPv4-only names with 64:ff9b::/96 addresses that only a NAT64 route reaches; without it, connections to IPv4-only names hang. Set nat64: true as well, or leave dns64 out.`);
    }
    if (nat64 && isolated) {
      fail(`${where}: nat64 is true on a PRIVATE_ISOLATED group, which has no route out. Use PRIVATE_WITH_EGRESS for a group that reaches IPv4-only destinations through NAT64.`);
    }
    if (nat64 && (props.natGateways === 0 || !hasDualStackPublicGroup(groups))) {
      fail(`${where}: nat64 is true, but the VPC will have no NAT gateway (natGateways: ${props.natGateways ?? 'default'}, ${hasDualStackPublicGroup(groups) ? 'with' : 'without'} a dual-stack PUBLIC group to hold one). NAT64 translates through a NAT gateway: set natGateways to 1 or more and keep a dual-stack PUBLIC group, or set nat64: false.`);
    }
    if (group.mapPublicIpOnLaunch && group.subnetType !== ec2.SubnetType.PUBLIC) {
      fail(`${where}: mapPublicIpOnLaunch is true on a ${group.subnetType} group. Only public subnets can map public IPv4 addresses: remove it or make the group PUBLIC.`);
    }
    if (group.ipv6Only) {
      if (group.mapPublicIpOnLaunch) {
        fail(`${where}: mapPublicIpOnLaunch is true on an IPv6-only group, which has no IPv4 addresses to map. Remove mapPublicIpOnLaunch, or make the group dual-stack (ipv6Only: false).`);
      }
      if (group.cidrMask !== undefined) {
        fail(`${where}: cidrMask ${group.cidrMask} is set on an IPv6-only group, which has no IPv4 range. Remove cidrMask; the group gets /64s only.`);
      }
      if (group.assignIpv6AddressOnCreation === false) {
        fail(`${where}: assignIpv6AddressOnCreation is false on an IPv6-only group; an interface without an IPv6 address there has no address at all. Remove the setting.`);
      }
      if (group.subnetType === ec2.SubnetType.PUBLIC && !hasDualStackPublicGroup(groups)) {
        fail(`${where}: a PUBLIC IPv6-only group needs a dual-stack PUBLIC group in the VPC, which brings the internet gateway. Add one, or make this group PRIVATE_WITH_EGRESS (egress-only gateway).`);
      }
    }
    return { group, slot, ipv4 };
  });

  if (!planned.some(p => !p.group.ipv6Only)) {
    fail('subnetGroups: every group is IPv6-only. A VPC needs at least one dual-stack group: AWS services such as NAT gateways, MSK and the EKS control plane need IPv4 in their subnets.');
  }
  return planned;
}

/**
 * The group's IPv4 subnet size and the group slots it covers, which no other dual-stack group may
 * cover: the slot decides the range, never the group's position or the number of groups.
 */
function planIpv4(group: DualStackSubnetGroup, where: string, slot: number, vpcPrefix: number,
  taken: Map<number, string>, fail: (message: string) => never): Ipv4GroupPlan {
  const largest = Math.max(16, largestIpv4SubnetPrefix(vpcPrefix));
  const subnetPrefix = group.cidrMask ?? defaultIpv4SubnetPrefix(vpcPrefix);
  if (Token.isUnresolved(subnetPrefix) || !Number.isInteger(subnetPrefix) || subnetPrefix < largest || subnetPrefix > 28) {
    fail(`${where}: cidrMask ${subnetPrefix} does not fit. In a /${vpcPrefix} VPC a subnet's IPv4 prefix is /${largest} (${IPV4_ZONES_PER_SLOT} zones fill the VPC) to /28.`);
  }
  const plan = ipv4GroupPlan(vpcPrefix, slot, subnetPrefix);
  const last = slot + plan.slotCount - 1;
  const covers = plan.slotCount === 1 ? `slot ${slot}` : `slots ${slot}-${last}`;
  if (last >= IPV4_GROUP_SLOTS) {
    fail(`${where}: its IPv4 subnets (/${subnetPrefix}) need ${covers}, but the VPC's IPv4 range has ${IPV4_GROUP_SLOTS} group slots (0-${IPV4_GROUP_SLOTS - 1}). Give it a lower slot, smaller subnets (a larger cidrMask), or make it IPv6-only.`);
  }
  for (let s = slot; s <= last; s++) {
    const other = taken.get(s);
    if (other !== undefined) {
      fail(`${where}: its IPv4 subnets (/${subnetPrefix}) need ${covers}, and slot ${s} holds the IPv4 range of group '${other}'. Give this group a free slot (slot), or smaller subnets (a larger cidrMask).`);
    }
    taken.set(s, group.name);
  }
  return plan;
}

function hasDualStackPublicGroup(groups: DualStackSubnetGroup[]): boolean {
  return groups.some(g => g.subnetType === ec2.SubnetType.PUBLIC && !g.ipv6Only && !g.reserved);
}

function parseIpv4CidrPrefix(cidr: string, fail: (message: string) => never): number {
  if (Token.isUnresolved(cidr)) {
    fail('ipv4Cidr: the value is a token. The subnets are laid out from the range at synthesis: give a literal CIDR such as \'10.0.0.0/16\'.');
  }
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match || match.slice(1, 5).some(octet => Number(octet) > 255)) {
    fail(`ipv4Cidr: '${cidr}' is not an IPv4 CIDR. Write it as four octets and a prefix length, for example '10.0.0.0/16'.`);
  }
  return Number(match![5]);
}

import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IDependable } from 'constructs';
import { DualStackVpcAttributes, IDualStackVpc } from './dual-stack-vpc-attributes';
import { invalidProp } from '../core/validation';

/**
 * A dual-stack VPC imported by attributes. aws-cdk-lib's imported VPC does the IPv4 work (its
 * class is not exported, so it is wrapped, not extended); this adds the IPv6 attributes.
 */
export class ImportedDualStackVpc extends Resource implements IDualStackVpc {
  public readonly vpcIpv6CidrBlock: string;
  public readonly ipv6OnlySubnets: ec2.ISubnet[];
  private readonly vpc: ec2.IVpc;
  private readonly subnetIpv6Cidrs = new Map<string, string>();

  constructor(scope: Construct, id: string, attrs: DualStackVpcAttributes) {
    super(scope, id);
    const ipv6OnlyIds = attrs.ipv6OnlySubnetIds ?? [];
    if (ipv6OnlyIds.length > 0 && ipv6OnlyIds.length !== attrs.availabilityZones.length) {
      invalidProp(scope, id, `ipv6OnlySubnetIds: ${ipv6OnlyIds.length} ids for ${attrs.availabilityZones.length} availability zones. Give one IPv6-only subnet per zone, in availabilityZones order.`);
    }
    this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', attrs);
    this.vpcIpv6CidrBlock = attrs.vpcIpv6CidrBlock;
    this.ipv6OnlySubnets = ipv6OnlyIds.map((subnetId, i) => ec2.Subnet.fromSubnetAttributes(this, `Ipv6OnlySubnet${i + 1}`, {
      subnetId,
      availabilityZone: attrs.availabilityZones[i],
      routeTableId: attrs.ipv6OnlySubnetRouteTableIds?.[i],
    }));
    const lists: Array<[ec2.ISubnet[], string[] | undefined]> = [
      [this.vpc.publicSubnets, attrs.publicSubnetIpv6CidrBlocks],
      [this.vpc.privateSubnets, attrs.privateSubnetIpv6CidrBlocks],
      [this.vpc.isolatedSubnets, attrs.isolatedSubnetIpv6CidrBlocks],
      [this.ipv6OnlySubnets, attrs.ipv6OnlySubnetIpv6CidrBlocks],
    ];
    for (const [subnets, cidrs] of lists) {
      subnets.forEach((subnet, i) => {
        if (cidrs?.[i] !== undefined) {
          this.subnetIpv6Cidrs.set(subnet.subnetId, cidrs[i]);
        }
      });
    }
  }

  public ipv6CidrBlockOf(subnet: ec2.ISubnet): string {
    const cidr = this.subnetIpv6Cidrs.get(subnet.subnetId);
    if (cidr === undefined) {
      invalidProp(this, undefined, `ipv6CidrBlockOf: no IPv6 CIDR block is known for subnet ${subnet.subnetId}. Pass the subnet's block in the matching *SubnetIpv6CidrBlocks attribute of fromDualStackVpcAttributes.`);
    }
    return cidr;
  }

  public get vpcId(): string { return this.vpc.vpcId; }
  public get vpcArn(): string { return this.vpc.vpcArn; }
  public get vpcCidrBlock(): string { return this.vpc.vpcCidrBlock; }
  public get vpcRef(): ec2.VPCReference { return this.vpc.vpcRef; }
  public get publicSubnets(): ec2.ISubnet[] { return this.vpc.publicSubnets; }
  public get privateSubnets(): ec2.ISubnet[] { return this.vpc.privateSubnets; }
  public get isolatedSubnets(): ec2.ISubnet[] { return this.vpc.isolatedSubnets; }
  public get availabilityZones(): string[] { return this.vpc.availabilityZones; }
  public get vpnGatewayId(): string | undefined { return this.vpc.vpnGatewayId; }
  public get internetConnectivityEstablished(): IDependable { return this.vpc.internetConnectivityEstablished; }

  public selectSubnets(selection?: ec2.SubnetSelection): ec2.SelectedSubnets {
    return this.vpc.selectSubnets(selection);
  }
  public enableVpnGateway(options: ec2.EnableVpnGatewayOptions): void {
    this.vpc.enableVpnGateway(options);
  }
  public addVpnConnection(id: string, options: ec2.VpnConnectionOptions): ec2.VpnConnection {
    return this.vpc.addVpnConnection(id, options);
  }
  public addClientVpnEndpoint(id: string, options: ec2.ClientVpnEndpointOptions): ec2.ClientVpnEndpoint {
    return this.vpc.addClientVpnEndpoint(id, options);
  }
  public addGatewayEndpoint(id: string, options: ec2.GatewayVpcEndpointOptions): ec2.GatewayVpcEndpoint {
    return this.vpc.addGatewayEndpoint(id, options);
  }
  public addInterfaceEndpoint(id: string, options: ec2.InterfaceVpcEndpointOptions): ec2.InterfaceVpcEndpoint {
    return this.vpc.addInterfaceEndpoint(id, options);
  }
  public addFlowLog(id: string, options?: ec2.FlowLogOptions): ec2.FlowLog {
    return this.vpc.addFlowLog(id, options);
  }
}

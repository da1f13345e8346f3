import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * A VPC whose subnets have IPv6, as `DualStackVpc` builds it or as it is imported.
 */
export interface IDualStackVpc extends ec2.IVpc {
  /**
   * The VPC's IPv6 CIDR block.
   * @attribute
   */
  readonly vpcIpv6CidrBlock: string;

  /**
   * The IPv6-only subnets. They are in none of `publicSubnets`, `privateSubnets` and
   * `isolatedSubnets`.
   */
  readonly ipv6OnlySubnets: ec2.ISubnet[];

  /**
   * The IPv6 CIDR block of one of the VPC's subnets.
   */
  ipv6CidrBlockOf(subnet: ec2.ISubnet): string;
}

/**
 * Attributes to import a dual-stack VPC: aws-cdk-lib's VPC attributes plus the IPv6 ones.
 * Each `*Ipv6CidrBlocks` list is in the order of the matching subnet id list.
 */
export interface DualStackVpcAttributes extends ec2.VpcAttributes {
  /**
   * The VPC's IPv6 CIDR block.
   */
  readonly vpcIpv6CidrBlock: string;

  /**
   * The IPv6 CIDR blocks of the public subnets.
   * @default - asking for one throws
   */
  readonly publicSubnetIpv6CidrBlocks?: string[];

  /**
   * The IPv6 CIDR blocks of the private subnets.
   * @default - asking for one throws
   */
  readonly privateSubnetIpv6CidrBlocks?: string[];

  /**
   * The IPv6 CIDR blocks of the isolated subnets.
   * @default - asking for one throws
   */
  readonly isolatedSubnetIpv6CidrBlocks?: string[];

  /**
   * The ids of the IPv6-only subnets, one per availability zone in `availabilityZones` order.
   * @default - none
   */
  readonly ipv6OnlySubnetIds?: string[];

  /**
   * The route table ids of the IPv6-only subnets.
   * @default - asking for one throws
   */
  readonly ipv6OnlySubnetRouteTableIds?: string[];

  /**
   * The IPv6 CIDR blocks of the IPv6-only subnets.
   * @default - asking for one throws
   */
  readonly ipv6OnlySubnetIpv6CidrBlocks?: string[];
}

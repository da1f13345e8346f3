import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * A group of subnets, one per availability zone, in a `DualStackVpc`.
 */
export interface DualStackSubnetGroup {
  /**
   * The group's name: the `subnetGroupName` to select it with, and part of its construct ids.
   */
  readonly name: string;

  /**
   * How the subnets reach the internet.
   *
   * - `PUBLIC`: `0.0.0.0/0` and `::/0` to the internet gateway.
   * - `PRIVATE_WITH_EGRESS`: `::/0` to the egress-only internet gateway, and `0.0.0.0/0` to a
   *   NAT gateway when the VPC has any.
   * - `PRIVATE_ISOLATED`: no default route in either family.
   */
  readonly subnetType: ec2.SubnetType;

  /**
   * IPv6-only (`Ipv6Native`) subnets: no IPv4 range at all.
   *
   * They are selected only by group name (`subnetGroupName`), never by subnet type, because
   * most AWS services (MSK, the EKS control plane) need IPv4 in their subnets.
   *
   * @default false
   */
  readonly ipv6Only?: boolean;

  /**
   * The IPv4 prefix length of each subnet. Not allowed on IPv6-only groups.
   *
   * @default - the VPC's IPv4 range is split evenly between the groups that do not set one
   */
  readonly cidrMask?: number;

  /**
   * The group's place in the VPC's IPv6 range: subnet `z` (the z-th availability zone) of the
   * group in slot `s` gets the /64 with index `8 * s + z`.
   *
   * A subnet whose /64 moves is replaced, with everything in it. Set the slot explicitly before
   * you reorder or remove groups that are already deployed.
   *
   * @default - the group's position in `subnetGroups`
   */
  readonly ipv6Slot?: number;

  /**
   * Give every new network interface an IPv6 address. EKS nodes fail to join an IPv6 cluster
   * without it.
   *
   * @default true
   */
  readonly assignIpv6AddressOnCreation?: boolean;

  /**
   * Route `64:ff9b::/96` to the NAT gateway of the subnet's zone, so IPv6 clients reach
   * IPv4-only destinations through NAT64. Needs NAT gateways.
   *
   * @default false
   */
  readonly nat64?: boolean;

  /**
   * Turn on DNS64, so IPv4-only names resolve to `64:ff9b::/96` addresses. Only with `nat64`:
   * DNS64 without the NAT64 route sends traffic to addresses nothing answers, and IPv4-only
   * names hang.
   *
   * @default - the value of `nat64`
   */
  readonly dns64?: boolean;

  /**
   * Give instances in a public dual-stack group a public IPv4 address. Public IPv4 addresses are
   * charged; IPv6 addresses are not.
   *
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;

  /**
   * Keep the group's IPv4 and IPv6 ranges without creating its subnets.
   *
   * @default false
   */
  readonly reserved?: boolean;
}

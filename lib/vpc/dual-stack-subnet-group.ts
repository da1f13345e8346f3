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
   * Each group slot owns 1/8 of the VPC's IPv4 range, cut into 8 zone ranges (in a /16: slots of
   * a /19, zone ranges of a /22). A subnet of a zone range or smaller sits at the start of its
   * zone's range; a larger one covers the next slots too (in a /16, a /21 covers 2 slots, a /20
   * covers 4, a /19 all 8), which no other dual-stack group may then use.
   *
   * @default - one zone range: the VPC's prefix + 6 (/22 in a /16)
   */
  readonly cidrMask?: number;

  /**
   * The group's place in the VPC's layout, for IPv4 and IPv6 alike. Subnet `z` (the z-th
   * availability zone) of the group in slot `s` gets the IPv6 /64 with index `8 * s + z` and, for
   * a dual-stack group, the IPv4 range `z` of group slot `s` (see `cidrMask`). Dual-stack groups
   * take slots 0-7 (the IPv4 range has 8), IPv6-only groups any slot the IPv6 block holds
   * (0-31 in a /56).
   *
   * A subnet whose range moves is replaced, with everything in it. Slots never depend on how many
   * groups or zones there are, so appending a group or adding a zone moves nothing; set the slot
   * explicitly before you insert, reorder or remove groups that are already deployed.
   *
   * @default - the group's position in `subnetGroups`
   */
  readonly slot?: number;

  /**
   * The slot of the group's IPv6 /64s, before `slot` placed its IPv4 ranges too.
   *
   * @deprecated use `slot`. Given, it throws: `slot` places the IPv4 ranges as well, so a group
   * that kept its /64s by `ipv6Slot` would not keep them silently. CHANGELOG.md, "Upgrading".
   * @default - not allowed
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

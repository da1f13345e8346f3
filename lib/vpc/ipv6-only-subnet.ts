import { Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * Properties of an IPv6-only subnet.
 */
export interface Ipv6OnlySubnetProps {
  /** The VPC to create the subnet in. */
  readonly vpcId: string;
  /** The availability zone of the subnet. */
  readonly availabilityZone: string;
  /** The subnet's /64. */
  readonly ipv6CidrBlock: string;
  /**
   * Turn on DNS64: the Route 53 Resolver answers AAAA queries for IPv4-only names with
   * `64:ff9b::/96` addresses. Only useful with a NAT64 route, which the VPC adds.
   * @default false
   */
  readonly enableDns64?: boolean;
}

/**
 * An IPv6-only (`Ipv6Native`) subnet: no IPv4 range, every interface gets a /128 from the /64.
 *
 * It is an `ec2.Subnet`, so routes, network ACLs and `internetConnectivityEstablished` work as
 * for any subnet; its `ipv4CidrBlock` is empty. Most AWS services (MSK, the EKS control plane,
 * many endpoints) need IPv4 in their subnets: place only IPv6-capable workloads here.
 */
export class Ipv6OnlySubnet extends ec2.Subnet {
  constructor(scope: Construct, id: string, props: Ipv6OnlySubnetProps) {
    super(scope, id, {
      vpcId: props.vpcId,
      availabilityZone: props.availabilityZone,
      // No IPv4 range: an undefined CidrBlock is left out of the template.
      cidrBlock: Lazy.string({ produce: () => undefined }),
      ipv6CidrBlock: props.ipv6CidrBlock,
      // Required for IPv6-only subnets: an interface without an address cannot talk at all.
      assignIpv6AddressOnCreation: true,
    });
    const subnet = this.node.defaultChild as ec2.CfnSubnet;
    subnet.ipv6Native = true;
    subnet.enableDns64 = props.enableDns64 ?? false;
    // IPv6-only subnets cannot use IP-based host names; resource names get AAAA records only.
    subnet.privateDnsNameOptionsOnLaunch = {
      HostnameType: 'resource-name',
      EnableResourceNameDnsAAAARecord: true,
      EnableResourceNameDnsARecord: false,
    };
  }
}

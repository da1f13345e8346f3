import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { parseIpv6Cidr } from '../core/ip-cidr';

/**
 * Where a VPC's IPv6 CIDR block comes from.
 *
 * Amazon assigns a /56 from its own pool unless the VPC draws from an IPAM pool or from a
 * pool of addresses you brought to AWS (BYOIP).
 */
export abstract class Ipv6Pool {
  /**
   * A /56 from Amazon's pool of globally unique IPv6 addresses (free of charge).
   */
  public static amazonProvided(): Ipv6Pool {
    return new AmazonProvidedIpv6Pool();
  }

  /**
   * A block allocated by Amazon VPC IP Address Manager (IPAM) from an IPv6 pool.
   *
   * @param ipamPoolId the IPAM pool id, `ipam-pool-...`
   * @param netmaskLength the VPC block's prefix length, /44 to /60 in steps of 4 (IPAM's rule).
   * Every /64 subnet must fit: a /60 holds 16 of them.
   */
  public static fromIpamPool(ipamPoolId: string, netmaskLength: number = 56): Ipv6Pool {
    return new IpamIpv6Pool(ipamPoolId, netmaskLength);
  }

  /**
   * A /56 from an IPv6 address pool you brought to AWS (BYOIP).
   *
   * @param poolId the BYOIP pool id, `ipv6pool-ec2-...`
   * @param cidrBlock a specific /56 from that pool.
   * @default - EC2 picks a free /56 from the pool
   */
  public static fromByoipPool(poolId: string, cidrBlock?: string): Ipv6Pool {
    return new ByoipIpv6Pool(poolId, cidrBlock);
  }

  /**
   * The prefix length of the VPC's IPv6 block: it decides how many /64 subnets fit.
   */
  public abstract readonly prefixLength: number;

  /**
   * Whether Amazon provides the block.
   */
  public abstract readonly isAmazonProvided: boolean;

  protected constructor() {}

  /**
   * Problems with the pool's parameters, each naming the bad value and the fix.
   * @internal
   */
  public abstract _problems(): string[];

  /**
   * Associates the block with the VPC.
   * @internal
   */
  public abstract _associate(scope: Construct, vpcId: string): ec2.CfnVPCCidrBlock;
}

// The construct id aws-cdk-lib's own Vpc uses for its IPv6 block: keeping it means a VPC that
// moves between the two keeps its block.
const CIDR_BLOCK_ID = 'ipv6cidr';

class AmazonProvidedIpv6Pool extends Ipv6Pool {
  public readonly prefixLength = 56;
  public readonly isAmazonProvided = true;

  public _problems(): string[] {
    return [];
  }

  public _associate(scope: Construct, vpcId: string): ec2.CfnVPCCidrBlock {
    return new ec2.CfnVPCCidrBlock(scope, CIDR_BLOCK_ID, { vpcId, amazonProvidedIpv6CidrBlock: true });
  }
}

class IpamIpv6Pool extends Ipv6Pool {
  public readonly isAmazonProvided = false;

  constructor(private readonly ipamPoolId: string, public readonly prefixLength: number) {
    super();
  }

  public _problems(): string[] {
    if (!Token.isUnresolved(this.ipamPoolId) && this.ipamPoolId.trim() === '') {
      return ['ipv6Pool: the IPAM pool id \'\' is empty. Give the id of an IPAM IPv6 pool (ipam-pool-...).'];
    }
    const len = this.prefixLength;
    if (Token.isUnresolved(len)) {
      return ['ipv6Pool: the IPAM netmask length must be a literal number, not a token: the subnet layout is planned from it at synthesis.'];
    }
    if (!Number.isInteger(len) || len < 44 || len > 60 || len % 4 !== 0) {
      return [`ipv6Pool: IPAM netmask length /${len} is not allowed. IPAM allocates IPv6 VPC blocks from /44 to /60 in steps of 4: use 44, 48, 52, 56 or 60.`];
    }
    return [];
  }

  public _associate(scope: Construct, vpcId: string): ec2.CfnVPCCidrBlock {
    return new ec2.CfnVPCCidrBlock(scope, CIDR_BLOCK_ID, {
      vpcId,
      ipv6IpamPoolId: this.ipamPoolId,
      ipv6NetmaskLength: this.prefixLength,
    });
  }
}

class ByoipIpv6Pool extends Ipv6Pool {
  public readonly prefixLength = 56;
  public readonly isAmazonProvided = false;

  constructor(private readonly poolId: string, private readonly cidrBlock?: string) {
    super();
  }

  public _problems(): string[] {
    if (!Token.isUnresolved(this.poolId) && this.poolId.trim() === '') {
      return ['ipv6Pool: the BYOIP pool id \'\' is empty. Give the id of your IPv6 address pool (ipv6pool-ec2-...).'];
    }
    if (this.cidrBlock === undefined || Token.isUnresolved(this.cidrBlock)) {
      return [];
    }
    if (parseIpv6Cidr(this.cidrBlock) === undefined) {
      return [`ipv6Pool: BYOIP block '${this.cidrBlock}' is not an IPv6 CIDR. Give a /56 of your IPv6 pool, such as '2001:db8:1200::/56', or leave it out and let EC2 pick.`];
    }
    if (!/^[0-9a-fA-F:]+\/56$/.test(this.cidrBlock)) {
      return [`ipv6Pool: BYOIP block '${this.cidrBlock}' is not a /56. A VPC takes a /56 from a BYOIP pool: give one, or leave it out and let EC2 pick.`];
    }
    return [];
  }

  public _associate(scope: Construct, vpcId: string): ec2.CfnVPCCidrBlock {
    return new ec2.CfnVPCCidrBlock(scope, CIDR_BLOCK_ID, {
      vpcId,
      ipv6Pool: this.poolId,
      ipv6CidrBlock: this.cidrBlock,
    });
  }
}

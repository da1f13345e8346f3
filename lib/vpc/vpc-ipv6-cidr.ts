import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IDualStackVpc } from './dual-stack-vpc-attributes';
import { associatedVpcIpv6Cidr } from './ipv6-subnet-layout';

/**
 * The IPv6 block of a VPC, when the construct tree tells it: a `DualStackVpc` or an imported
 * dual-stack VPC, or an aws-cdk-lib `Vpc` with `DUAL_STACK`. `undefined` otherwise.
 */
export function vpcIpv6CidrOf(vpc: ec2.IVpc): string | undefined {
  if (isDualStackVpc(vpc)) {
    return vpc.vpcIpv6CidrBlock;
  }
  const association = vpc.node.tryFindChild('ipv6cidr');
  if (vpc instanceof ec2.Vpc && association instanceof ec2.CfnVPCCidrBlock) {
    return associatedVpcIpv6Cidr(vpc.vpcIpv6CidrBlocks, association);
  }
  return undefined;
}

/** Whether the VPC carries its IPv6 block as an attribute (`DualStackVpc`, or imported as one). */
export function isDualStackVpc(vpc: ec2.IVpc): vpc is IDualStackVpc {
  return typeof (vpc as Partial<IDualStackVpc>).vpcIpv6CidrBlock === 'string';
}

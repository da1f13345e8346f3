import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DualStackVpc } from '../../../lib';
import { findingsOf, newStack } from '../support';

describe('VPC-IPV6-1 DNS64 needs a NAT64 route (plain aws-cdk-lib Vpc with DUAL_STACK)', () => {
  function dualStackVpc() {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 1, restrictDefaultSecurityGroup: false });
    return { stack, vpc, subnet: vpc.privateSubnets[0] as ec2.PrivateSubnet };
  }

  test('Noncompliance: DNS64 on, no 64:ff9b::/96 route', () => {
    const { stack, subnet } = dualStackVpc();
    (subnet.node.defaultChild as ec2.CfnSubnet).enableDns64 = true;
    expect(findingsOf(stack, 'VPC-IPV6-1')).toEqual([`Ipv6Ready-VPC-IPV6-1 @ ${stack.resolve((subnet.node.defaultChild as ec2.CfnSubnet).logicalId)}`]);
  });

  test('Compliance: DNS64 with the NAT64 route, and subnets without DNS64', () => {
    const { stack, vpc, subnet } = dualStackVpc();
    (subnet.node.defaultChild as ec2.CfnSubnet).enableDns64 = true;
    const nat = vpc.node.findAll().find(c => c instanceof ec2.CfnNatGateway) as ec2.CfnNatGateway;
    subnet.addIpv6Nat64Route(nat.ref);
    expect(findingsOf(stack, 'VPC-IPV6-1')).toEqual([]);
  });

  test('Compliance: DualStackVpc with NAT64 groups', () => {
    const stack = newStack();
    new DualStackVpc(stack, 'Vpc', {
      subnetGroups: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, nat64: true },
      ],
    });
    expect(findingsOf(stack, 'VPC-IPV6-1')).toEqual([]);
  });

  test('Cannot judge: a DNS64 subnet without a route table association in the template', () => {
    const stack = newStack();
    new ec2.CfnSubnet(stack, 'Lonely', { vpcId: 'vpc-0123456789abcdef0', ipv6Native: true, ipv6CidrBlock: '2001:db8::/64', enableDns64: true });
    expect(findingsOf(stack, 'VPC-IPV6-1')).toEqual(['Ipv6Ready-CannotJudge[VPC-IPV6-1] @ Lonely']);
  });
});

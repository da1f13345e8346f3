import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DualStackVpc } from '../../../lib';
import { findingsOf, newStack } from '../support';


describe('VPC-IPV6-2 an IPv6 subnet that routes 0.0.0.0/0 out also routes ::/0 (plain aws-cdk-lib Vpc with DUAL_STACK)', () => {
  function dualStackVpc() {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 1, restrictDefaultSecurityGroup: false });
    return { stack, vpc };
  }
  const logicalIdOf = (subnet: ec2.ISubnet) => {
    const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
    return cfn.stack.resolve(cfn.logicalId);
  };

  test('Noncompliance: a private subnet with 0.0.0.0/0 to the NAT gateway and no ::/0', () => {
    const { stack, vpc } = dualStackVpc();
    const subnet = vpc.privateSubnets[0];
    expect(subnet.node.tryRemoveChild('DefaultRoute6')).toBe(true);
    expect(findingsOf(stack, 'VPC-IPV6-2')).toEqual([`Ipv6Ready-VPC-IPV6-2 @ ${logicalIdOf(subnet)}`]);
  });

  test('Noncompliance: a public subnet with 0.0.0.0/0 to the internet gateway and no ::/0', () => {
    const { stack, vpc } = dualStackVpc();
    const subnet = vpc.publicSubnets[0];
    expect(subnet.node.tryRemoveChild('DefaultRoute6')).toBe(true);
    expect(findingsOf(stack, 'VPC-IPV6-2')).toEqual([`Ipv6Ready-VPC-IPV6-2 @ ${logicalIdOf(subnet)}`]);
  });

  test('Compliance: the subnets of a DUAL_STACK Vpc; isolated and IPv4-only subnets', () => {
    const { stack } = dualStackVpc();
    new ec2.Vpc(stack, 'Isolated', {
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      maxAzs: 1,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    new ec2.Vpc(stack, 'Ipv4', { maxAzs: 1, restrictDefaultSecurityGroup: false });
    expect(findingsOf(stack, 'VPC-IPV6-2')).toEqual([]);
  });

  test('Compliance: DualStackVpc in its default config', () => {
    const stack = newStack();
    new DualStackVpc(stack, 'Vpc');
    expect(findingsOf(stack, 'VPC-IPV6-2')).toEqual([]);
  });

  test('Cannot judge: an IPv6 subnet without a route table association in the template', () => {
    const stack = newStack();
    new ec2.CfnSubnet(stack, 'Lonely', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/24', ipv6CidrBlock: '2001:db8::/64' });
    expect(findingsOf(stack, 'VPC-IPV6-2')).toEqual(['Ipv6Ready-CannotJudge[VPC-IPV6-2] @ Lonely']);
  });
});

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DualStackVpc } from '../../../lib';
import { eksCluster, eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf, newStack } from '../support';

describe('EKS-IPV6-7 node subnets have IPv6 and a ::/0 route (plain aws-cdk-lib Vpc with DUAL_STACK)', () => {
  test('Noncompliance: a private node subnet without its ::/0 route', () => {
    const { stack, vpc, cluster } = eksStack();
    const subnet = vpc.privateSubnets[0];
    expect(subnet.node.tryRemoveChild('DefaultRoute6')).toBe(true);
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(stack, 'EKS-IPV6-7')).toEqual([
      `Ipv6Ready-EKS-IPV6-7[Subnet::${stack.resolve((subnet.node.defaultChild as ec2.CfnSubnet).logicalId)}] @ Nodes`,
    ]);
  });

  test('Noncompliance: a node subnet without an IPv6 block (its route table still routes ::/0)', () => {
    const { stack, vpc, cluster } = eksStack();
    const subnet = vpc.privateSubnets[1].node.defaultChild as ec2.CfnSubnet;
    subnet.ipv6CidrBlock = undefined;
    subnet.assignIpv6AddressOnCreation = undefined;
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(stack, 'EKS-IPV6-7')).toEqual([`Ipv6Ready-EKS-IPV6-7[Subnet::${stack.resolve(subnet.logicalId)}] @ Nodes`]);
  });

  /** Nodes in a private subnet whose ::/0 goes to `target` instead of the egress-only gateway. */
  function nodesRoutingIpv6To(target: Partial<ec2.CfnRouteProps>) {
    const { stack, vpc, cluster } = eksStack();
    const subnet = vpc.privateSubnets[0] as ec2.Subnet;
    subnet.node.tryRemoveChild('DefaultRoute6');
    new ec2.CfnRoute(stack, 'DefaultRoute6', { routeTableId: subnet.routeTable.routeTableId, destinationIpv6CidrBlock: '::/0', ...target });
    nodegroup(stack, cluster.ref, [subnet.subnetId]);
    return { stack, subnet };
  }

  test('Compliance: ::/0 to the transit gateway of a central egress VPC', () => {
    const { stack } = nodesRoutingIpv6To({ transitGatewayId: 'tgw-0123456789abcdef0' });
    expect(findingsOf(stack, 'EKS-IPV6-7')).toEqual([]);
  });

  test('Noncompliance: ::/0 to something other than an internet, egress-only or transit gateway', () => {
    const { stack, subnet } = nodesRoutingIpv6To({ networkInterfaceId: 'eni-0123456789abcdef0' });
    expect(findingsOf(stack, 'EKS-IPV6-7')).toEqual([
      `Ipv6Ready-EKS-IPV6-7[Subnet::${stack.resolve((subnet.node.defaultChild as ec2.CfnSubnet).logicalId)}] @ Nodes`,
    ]);
  });

  test('Compliance: public (internet gateway) and private (egress-only gateway) subnets of a DUAL_STACK Vpc; an IPv4 cluster', () => {
    const dual = eksStack();
    nodegroup(dual.stack, dual.cluster.ref, [...dual.vpc.publicSubnets, ...dual.vpc.privateSubnets].map(s => s.subnetId));
    expect(findingsOf(dual.stack, 'EKS-IPV6-7')).toEqual([]);

    const ipv4 = eksStack('ipv4');
    ipv4.vpc.privateSubnets[0].node.tryRemoveChild('DefaultRoute6');
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-7')).toEqual([]);
  });

  test('Compliance: the subnets of a DualStackVpc in its default config', () => {
    const stack = newStack();
    const vpc = new DualStackVpc(stack, 'Vpc');
    const cluster = eksCluster(stack, vpc.privateSubnets);
    nodegroup(stack, cluster.ref, [...vpc.publicSubnets, ...vpc.privateSubnets].map(s => s.subnetId));
    expect(findingsOf(stack, 'EKS-IPV6-7')).toEqual([]);
  });

  test('Cannot judge: a subnet id not defined in the template, and a subnet on the main route table', () => {
    const imported = eksStack();
    nodegroup(imported.stack, imported.cluster.ref, ['subnet-0123456789abcdef0']);
    expect(findingsOf(imported.stack, 'EKS-IPV6-7')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-7] @ Nodes']);

    const main = eksStack();
    const lonely = new ec2.CfnSubnet(main.stack, 'Lonely', {
      vpcId: main.vpc.vpcId, cidrBlock: '10.0.250.0/24', ipv6CidrBlock: '2001:db8::/64', assignIpv6AddressOnCreation: true,
    });
    nodegroup(main.stack, main.cluster.ref, [lonely.ref]);
    expect(findingsOf(main.stack, 'EKS-IPV6-7')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-7] @ Nodes']);
  });
});

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DualStackVpc, Ipv6Upgrade } from '../../../lib';
import { eksCluster, eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf, newStack } from '../support';

describe('EKS-IPV6-6 node subnets assign IPv6 addresses (plain aws-cdk-lib Vpc with DUAL_STACK)', () => {
  test('Noncompliance: a node subnet without AssignIpv6AddressOnCreation', () => {
    const { stack, vpc, cluster } = eksStack();
    const subnet = vpc.privateSubnets[1].node.defaultChild as ec2.CfnSubnet;
    subnet.assignIpv6AddressOnCreation = false;
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(stack, 'EKS-IPV6-6')).toEqual([`Ipv6Ready-EKS-IPV6-6[Subnet::${stack.resolve(subnet.logicalId)}] @ Nodes`]);
  });

  test('Compliance: the subnets of a DUAL_STACK Vpc, and an IPv4 cluster in subnets without it', () => {
    const dual = eksStack();
    nodegroup(dual.stack, dual.cluster.ref, [...dual.vpc.publicSubnets, ...dual.vpc.privateSubnets].map(s => s.subnetId));
    expect(findingsOf(dual.stack, 'EKS-IPV6-6')).toEqual([]);

    const ipv4 = eksStack('ipv4');
    (ipv4.vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).assignIpv6AddressOnCreation = false;
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-6')).toEqual([]);
  });

  test('Compliance: the subnets of a DualStackVpc in its default config', () => {
    const stack = newStack();
    const vpc = new DualStackVpc(stack, 'Vpc');
    const cluster = eksCluster(stack, vpc.privateSubnets);
    nodegroup(stack, cluster.ref, [...vpc.publicSubnets, ...vpc.privateSubnets].map(s => s.subnetId));
    expect(findingsOf(stack, 'EKS-IPV6-6')).toEqual([]);
  });

  test('Cannot judge: a subnet id not defined in the template, and a cluster name not defined in it', () => {
    const imported = eksStack();
    nodegroup(imported.stack, imported.cluster.ref, ['subnet-0123456789abcdef0']);
    expect(findingsOf(imported.stack, 'EKS-IPV6-6')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-6] @ Nodes']);

    const literal = eksStack();
    nodegroup(literal.stack, 'other-cluster', literal.vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(literal.stack, 'EKS-IPV6-6')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-6] @ Nodes']);
  });

  test('Compliance and noncompliance: an IPv4 ec2.Vpc upgraded by Ipv6Upgrade, which turns auto-assignment on with ec2:ModifySubnetAttribute (unless told not to)', () => {
    for (const assign of [true, false]) {
      const stack = newStack();
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
      const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc, assignIpv6AddressOnCreation: assign });
      const cluster = eksCluster(stack, vpc.privateSubnets);
      cluster.node.addDependency(upgrade);
      nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId));
      const ids = vpc.privateSubnets.map(s => stack.resolve((s.node.defaultChild as ec2.CfnSubnet).logicalId));
      expect(findingsOf(stack, 'EKS-IPV6-6')).toEqual(assign ? [] : ids.map(id => `Ipv6Ready-EKS-IPV6-6[Subnet::${id}] @ Nodes`));
    }
  });
});

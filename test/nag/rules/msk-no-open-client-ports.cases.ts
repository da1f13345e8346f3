import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { brokerNetwork, mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

/** A cluster in a DUAL_STACK Vpc, with one broker security group and no ingress yet. */
function cluster(networkType: string, securityGroups?: string[]) {
  const stack = newStack();
  const { vpc, brokers, clientSubnets } = brokerNetwork(stack);
  mskCluster(stack, { clientSubnets, securityGroups: securityGroups ?? [brokers.securityGroupId], connectivityInfo: { networkType } }, {
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  return { stack, vpc, brokers };
}

describe('MSK-IPV6-5 no client port open to everyone (plain aws-cdk-lib SecurityGroup and aws-msk CfnCluster)', () => {
  test('Noncompliance: ::/0 on the IPv6 IAM port of a DUAL cluster', () => {
    const { stack, brokers } = cluster('DUAL');
    brokers.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual(['Ipv6Ready-MSK-IPV6-5[Port::20098] @ Cluster']);
  });

  test('Noncompliance: 0.0.0.0/0 across the IPv4 client ports of an IPV4 cluster, as a separate ingress resource', () => {
    const { stack, brokers } = cluster('IPV4');
    new ec2.CfnSecurityGroupIngress(stack, 'Open', { groupId: brokers.securityGroupId, ipProtocol: 'tcp', fromPort: 9092, toPort: 9098, cidrIp: '0.0.0.0/0' });
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual([
      'Ipv6Ready-MSK-IPV6-5[Port::9092] @ Cluster',
      'Ipv6Ready-MSK-IPV6-5[Port::9094] @ Cluster',
      'Ipv6Ready-MSK-IPV6-5[Port::9096] @ Cluster',
      'Ipv6Ready-MSK-IPV6-5[Port::9098] @ Cluster',
    ]);
  });

  test('Compliance: client security groups and VPC ranges on the client ports, everyone on another port', () => {
    const { stack, vpc, brokers } = cluster('DUAL');
    brokers.connections.allowFrom(new ec2.SecurityGroup(stack, 'Clients', { vpc }), ec2.Port.tcpRange(9092, 20098));
    brokers.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(9098));
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(20098));
    brokers.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443));
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual([]);
  });

  test('Compliance: sources built from the VPC\'s own CIDR attributes are VPC ranges, never /0', () => {
    const { stack, vpc, brokers } = cluster('DUAL');
    brokers.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(9098));
    brokers.addIngressRule(ec2.Peer.ipv6(Fn.select(0, vpc.vpcIpv6CidrBlocks)), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual([]);
  });

  test('Cannot judge: a security group that is a literal id, and the default security group', () => {
    expect(findingsOf(cluster('IPV4', ['sg-0123456789abcdef0']).stack, 'MSK-IPV6-5')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-5] @ Cluster']);
    const { stack } = cluster('IPV4');
    (stack.node.findChild('Cluster') as msk.CfnCluster).addPropertyDeletionOverride('BrokerNodeGroupInfo.SecurityGroups');
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-5] @ Cluster']);
  });

  test('Cannot judge: a source CIDR that is a parameter', () => {
    const { stack, brokers } = cluster('DUAL');
    brokers.addIngressRule(ec2.Peer.ipv6(new CfnParameter(stack, 'ClientCidr').valueAsString), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-5')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-5] @ Cluster']);
  });
});

import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { brokerNetwork, mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

/** A DUAL cluster in a DUAL_STACK Vpc, with one broker security group and no ingress yet. */
function dualStackCluster(settings: Partial<msk.CfnClusterProps> = {}, securityGroups?: (brokers: ec2.SecurityGroup) => string[]) {
  const stack = newStack();
  const { vpc, brokers, clientSubnets } = brokerNetwork(stack);
  mskCluster(stack, {
    clientSubnets,
    securityGroups: securityGroups ? securityGroups(brokers) : [brokers.securityGroupId],
    connectivityInfo: { networkType: 'DUAL' },
  }, { clientAuthentication: { sasl: { iam: { enabled: true } } }, ...settings });
  return { stack, vpc, brokers };
}

const IAM_AND_SCRAM = { clientAuthentication: { sasl: { iam: { enabled: true }, scram: { enabled: true } } } };

describe('MSK-IPV6-3 security groups admit IPv6 on the 20xxx ports (plain aws-cdk-lib SecurityGroup and aws-msk CfnCluster)', () => {
  test('Noncompliance: IAM with the IPv4 rules copied from an IPv4 cluster', () => {
    const { stack, brokers } = dualStackCluster();
    brokers.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(9098));
    brokers.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(20098));
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(9098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-MSK-IPV6-3[Port::20098] @ Cluster']);
  });

  test('Noncompliance: IAM and SASL/SCRAM, IPv6 admitted on the IAM port only', () => {
    const { stack, brokers } = dualStackCluster(IAM_AND_SCRAM);
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-MSK-IPV6-3[Port::20096] @ Cluster']);
  });

  test('Noncompliance: unauthenticated with TLS_PLAINTEXT opens the plaintext and the TLS listeners', () => {
    const { stack } = dualStackCluster({
      clientAuthentication: undefined,
      encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS_PLAINTEXT' } },
    });
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-MSK-IPV6-3[Port::20092] @ Cluster', 'Ipv6Ready-MSK-IPV6-3[Port::20094] @ Cluster']);
  });

  test('Noncompliance: IAM and mutual TLS from a certificate authority list, TLS admitted on 9094 only', () => {
    const { stack, brokers } = dualStackCluster({
      clientAuthentication: {
        sasl: { iam: { enabled: true } },
        tls: { certificateAuthorityArnList: ['arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555'] },
      },
    });
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(9094));
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-MSK-IPV6-3[Port::20094] @ Cluster']);
  });

  test('Compliance: an IPv6 CIDR inline on 20098, and a client security group on 20096 as a separate ingress resource', () => {
    const { stack, vpc, brokers } = dualStackCluster(IAM_AND_SCRAM);
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(20098));
    brokers.connections.allowFrom(new ec2.SecurityGroup(stack, 'Clients', { vpc }), ec2.Port.tcp(20096));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual([]);
  });

  test('Compliance: plaintext only, admitted from an IPv6 prefix list across a port range', () => {
    const { stack, brokers } = dualStackCluster({
      clientAuthentication: { unauthenticated: { enabled: true } },
      encryptionInfo: { encryptionInTransit: { clientBroker: 'PLAINTEXT' } },
    });
    const clients = new ec2.PrefixList(stack, 'ClientsV6', { addressFamily: ec2.AddressFamily.IP_V6, maxEntries: 1 });
    brokers.addIngressRule(ec2.Peer.prefixList(clients.prefixListId), ec2.Port.tcpRange(20092, 20098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual([]);
  });

  test('Compliance: an IPV4 cluster needs no IPv6 rule', () => {
    const { stack } = dualStackCluster();
    (stack.node.findChild('Cluster') as msk.CfnCluster).addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.NetworkType', 'IPV4');
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual([]);
  });

  test('Cannot judge: a security group that is a literal id, and the default security group', () => {
    expect(findingsOf(dualStackCluster({}, () => ['sg-0123456789abcdef0']).stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-3] @ Cluster']);
    expect(findingsOf(noSecurityGroups(), 'MSK-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-3] @ Cluster']);
  });

  test('Cannot judge: a prefix list the template does not define', () => {
    const { stack, brokers } = dualStackCluster();
    brokers.addIngressRule(ec2.Peer.prefixList('pl-0123456789abcdef0'), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-3] @ Cluster']);
  });

  test('Cannot judge: an authentication switch that is an import', () => {
    const { stack, brokers } = dualStackCluster({ clientAuthentication: { sasl: { iam: { enabled: Token.asAny(Fn.importValue('IamOn')) } } } });
    brokers.addIngressRule(ec2.Peer.ipv6('2001:db8::/56'), ec2.Port.tcp(20098));
    expect(findingsOf(stack, 'MSK-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-3] @ Cluster']);
  });
});

function noSecurityGroups(): Stack {
  const { stack } = dualStackCluster();
  (stack.node.findChild('Cluster') as msk.CfnCluster).addPropertyDeletionOverride('BrokerNodeGroupInfo.SecurityGroups');
  return stack;
}

import { Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { findingsOf, newStack } from '../support';

const ID = 'ELB-IPV6-5';

function nlbStack(ipAddressType: string, protocol: string) {
  const stack = newStack();
  const lb = new elbv2.CfnLoadBalancer(stack, 'Nlb', { type: 'network', ipAddressType, subnets: ['subnet-0123456789abcdef0'] });
  new elbv2.CfnListener(stack, 'Listener', {
    loadBalancerArn: lb.ref,
    port: 443,
    protocol,
    defaultActions: [{ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef' }],
  });
  return stack;
}

describe('ELB-IPV6-5 a dual-stack NLB has no QUIC listeners', () => {
  test('Noncompliance: QUIC and TCP_QUIC on a dualstack NLB', () => {
    expect(findingsOf(nlbStack('dualstack', 'QUIC'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-5[Listener::Listener] @ Nlb']);
    expect(findingsOf(nlbStack('dualstack', 'TCP_QUIC'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-5[Listener::Listener] @ Nlb']);
  });

  test('Compliance: QUIC on an ipv4 NLB; TCP on a dualstack NLB', () => {
    expect(findingsOf(nlbStack('ipv4', 'QUIC'), ID)).toEqual([]);
    expect(findingsOf(nlbStack('dualstack', 'TCP'), ID)).toEqual([]);
  });

  test('Cannot judge: the IP address type of an NLB with a QUIC listener from a parameter', () => {
    expect(findingsOf(nlbStack(Token.asString({ Ref: 'AddressType' }), 'QUIC'), ID)).toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-5] @ Nlb']);
  });
});

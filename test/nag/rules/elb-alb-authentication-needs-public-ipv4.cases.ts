import { Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { importedClusterStack, ingress, manifestStack } from '../k8s-fixtures';
import { findingsOf, newStack } from '../support';

const ID = 'ELB-IPV6-3';
const OIDC = {
  type: 'authenticate-oidc',
  order: 1,
  authenticateOidcConfig: {
    authorizationEndpoint: 'https://idp.example.com/auth',
    clientId: 'c',
    clientSecret: 's',
    issuer: 'https://idp.example.com',
    tokenEndpoint: 'https://idp.example.com/token',
    userInfoEndpoint: 'https://idp.example.com/userinfo',
  },
};
const FORWARD = { type: 'forward', order: 2, targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef' };

function alb(scope: Construct, ipAddressType: string, defaultActions: any[], ruleActions?: any[]) {
  const lb = new elbv2.CfnLoadBalancer(scope, 'Alb', { ipAddressType, subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] });
  const listener = new elbv2.CfnListener(scope, 'Listener', {
    loadBalancerArn: lb.ref,
    port: 443,
    protocol: 'HTTPS',
    defaultActions,
    certificates: [{ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }],
  });
  if (ruleActions) {
    new elbv2.CfnListenerRule(scope, 'Rule', { listenerArn: listener.ref, priority: 1, actions: ruleActions, conditions: [{ field: 'path-pattern', values: ['/admin/*'] }] });
  }
}

function albStack(ipAddressType: string, defaultActions: any[], ruleActions?: any[]) {
  const stack = newStack();
  alb(stack, ipAddressType, defaultActions, ruleActions);
  return stack;
}

const withoutPublicIpv4 = { 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack-without-public-ipv4', 'alb.ingress.kubernetes.io/target-type': 'ip' };

describe('ELB-IPV6-3 an ALB that authenticates is not dualstack-without-public-ipv4', () => {
  test('Noncompliance 1: authenticate-oidc in a listener\'s default actions and in a listener rule', () => {
    expect(findingsOf(albStack('dualstack-without-public-ipv4', [OIDC, FORWARD], [{ ...OIDC, type: 'authenticate-cognito' }, FORWARD]), ID).sort())
      .toEqual(['Ipv6Ready-ELB-IPV6-3[Listener::Listener] @ Alb', 'Ipv6Ready-ELB-IPV6-3[ListenerRule::Rule] @ Alb']);
  });

  test('Noncompliance 2: an Ingress with auth-type oidc and dualstack-without-public-ipv4, on an IPv6 or an IPv4 cluster', () => {
    const objects = [ingress({ ...withoutPublicIpv4, 'alb.ingress.kubernetes.io/auth-type': 'oidc' })];
    expect(findingsOf(manifestStack(objects), ID)).toEqual(['Ipv6Ready-ELB-IPV6-3[Ingress::shop/web] @ Manifest']);
    // A fact of the load balancer: the cluster's family does not matter, nor whether the template defines the cluster.
    expect(findingsOf(manifestStack(objects, 'ipv4'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-3[Ingress::shop/web] @ Manifest']);
    expect(findingsOf(importedClusterStack(objects), ID)).toEqual(['Ipv6Ready-ELB-IPV6-3[Ingress::shop/web] @ Manifest']);
  });

  test('Compliance: authentication on a dualstack ALB; dualstack-without-public-ipv4 without authentication', () => {
    expect(findingsOf(albStack('dualstack', [OIDC, FORWARD]), ID)).toEqual([]);
    expect(findingsOf(albStack('dualstack-without-public-ipv4', [FORWARD]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([ingress({ ...withoutPublicIpv4, 'alb.ingress.kubernetes.io/auth-type': 'none' })]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([ingress({ 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack', 'alb.ingress.kubernetes.io/auth-type': 'cognito' })]), ID)).toEqual([]);
  });

  test('Cannot judge: the IP address type of an authenticating ALB from a parameter; an auth-type from a token', () => {
    expect(findingsOf(albStack(Token.asString({ Ref: 'AddressType' }), [OIDC, FORWARD]), ID)).toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-3] @ Alb']);
    expect(findingsOf(manifestStack([ingress({ ...withoutPublicIpv4, 'alb.ingress.kubernetes.io/auth-type': Token.asString({ Ref: 'Auth' }) })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-3] @ Manifest']);
  });
});

import { Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { DualStackService } from '../../../lib';
import { manifestStack, service } from '../k8s-fixtures';
import { findingsOf, newStack } from '../support';

const ID = 'ELB-IPV6-4';

function lbStack(type: string, ipAddressType: string) {
  const stack = newStack();
  new elbv2.CfnLoadBalancer(stack, 'Lb', { type, ipAddressType, subnets: ['subnet-0123456789abcdef0'] });
  return stack;
}

describe('ELB-IPV6-4 an NLB is never dualstack-without-public-ipv4', () => {
  test('Noncompliance: a network and a gateway load balancer (L1); a Service annotation', () => {
    expect(findingsOf(lbStack('network', 'dualstack-without-public-ipv4'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-4[IpAddressType::dualstack-without-public-ipv4] @ Lb']);
    expect(findingsOf(lbStack('gateway', 'dualstack-without-public-ipv4'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-4[IpAddressType::dualstack-without-public-ipv4] @ Lb']);
    const annotations = { ...DualStackService.annotations(), 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack-without-public-ipv4' };
    expect(findingsOf(manifestStack([service(annotations)]), ID)).toEqual(['Ipv6Ready-ELB-IPV6-4[Service::shop/web] @ Manifest']);
    expect(findingsOf(manifestStack([service(annotations)], 'ipv4'), ID)).toEqual(['Ipv6Ready-ELB-IPV6-4[Service::shop/web] @ Manifest']);
  });

  test('Compliance: a dualstack NLB; an ALB without public IPv4; our Service annotations', () => {
    expect(findingsOf(lbStack('network', 'dualstack'), ID)).toEqual([]);
    expect(findingsOf(lbStack('application', 'dualstack-without-public-ipv4'), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(DualStackService.annotations())]), ID)).toEqual([]);
  });

  test('Cannot judge: the IP address type from a parameter; the annotation from a token', () => {
    expect(findingsOf(lbStack('network', Token.asString({ Ref: 'AddressType' })), ID)).toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-4] @ Lb']);
    expect(findingsOf(manifestStack([service({ 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': Token.asString({ Ref: 'T' }) })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-4] @ Manifest']);
  });
});

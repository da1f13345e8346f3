import { DualStackIngress, DualStackService } from '../../lib/eks';

describe('DualStackIngress', () => {
  test('a dual-stack internal ALB with IP targets by default', () => {
    expect(DualStackIngress.annotations()).toEqual({
      'alb.ingress.kubernetes.io/ip-address-type': 'dualstack',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/scheme': 'internal',
    });
  });

  test('internet-facing on request', () => {
    expect(DualStackIngress.annotations({ internetFacing: true })['alb.ingress.kubernetes.io/scheme']).toEqual('internet-facing');
  });

  test('refuses instance targets', () => {
    expect(() => DualStackIngress.annotations({ targetType: 'instance' })).toThrow(/targetType 'instance'.*IP targets/);
  });
});

describe('DualStackService', () => {
  test('a dual-stack NLB through the AWS Load Balancer Controller with IP targets', () => {
    expect(DualStackService.annotations({ internetFacing: true })).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
    });
  });

  test('refuses instance targets', () => {
    expect(() => DualStackService.annotations({ targetType: 'instance' })).toThrow(/targetType 'instance'/);
  });

  test('the Service is single-stack IPv6: the service network of an IPv6 cluster has no IPv4', () => {
    expect(DualStackService.ipFamilies()).toEqual({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] });
  });
});

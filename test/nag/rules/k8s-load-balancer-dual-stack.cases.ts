import { Token } from 'aws-cdk-lib';
import { DualStackIngress, DualStackService } from '../../../lib';
import { cluster, helmChart, importedClusterStack, ingress, manifest, manifestStack, service } from '../k8s-fixtures';
import { findingsOf, newStack } from '../support';

const ID = 'K8S-IPV6-3';
const IP = { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' };
const ALB_IP = { 'alb.ingress.kubernetes.io/target-type': 'ip' };

describe('K8S-IPV6-3 load balancers in front of IPv6 pods are dual-stack', () => {
  test('Noncompliance 1: a Service and an Ingress with no ip-address-type (ipv4) or ipv4', () => {
    expect(findingsOf(manifestStack([service(IP), ingress(ALB_IP)]), ID).sort())
      .toEqual(['Ipv6Ready-K8S-IPV6-3[Ingress::shop/web] @ Manifest', 'Ipv6Ready-K8S-IPV6-3[Service::shop/web] @ Manifest']);
    expect(findingsOf(manifestStack([ingress({ ...ALB_IP, 'alb.ingress.kubernetes.io/ip-address-type': 'ipv4' })]), ID))
      .toEqual(['Ipv6Ready-K8S-IPV6-3[Ingress::shop/web] @ Manifest']);
  });

  test('Noncompliance 2: IngressClassParams ipAddressType ipv4, in a manifest and in the controller chart\'s values', () => {
    const params = { apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'IngressClassParams', metadata: { name: 'web' }, spec: { ipAddressType: 'ipv4' } };
    expect(findingsOf(manifestStack([params]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-3[IngressClassParams::web] @ Manifest']);
    const stack = newStack();
    const c = cluster(stack);
    helmChart(stack, c.ref, 'aws-load-balancer-controller', { ingressClassParams: { spec: { ipAddressType: 'ipv4' } } });
    manifest(stack, c.ref, [ingress(DualStackIngress.annotations())]);
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-K8S-IPV6-3[Ingress::shop/web] @ Manifest']);
  });

  test('Compliance: our annotations; dualstack-without-public-ipv4 on an ALB; the chart\'s IngressClassParams dualstack; an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([service(DualStackService.annotations()), ingress(DualStackIngress.annotations())]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([ingress({ ...ALB_IP, 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack-without-public-ipv4' })]), ID)).toEqual([]);
    const stack = newStack();
    const c = cluster(stack);
    helmChart(stack, c.ref, 'eks/aws-load-balancer-controller', { ingressClassParams: { spec: { ipAddressType: 'dualstack', targetType: 'ip' } } });
    manifest(stack, c.ref, [ingress()]);
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(IP), ingress(ALB_IP)], 'ipv4'), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; an ip-address-type from a token', () => {
    expect(findingsOf(importedClusterStack([service(IP)]), ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-3] @ Manifest']);
    const token = Token.asString({ Ref: 'AddressType' });
    expect(findingsOf(manifestStack([service({ ...IP, 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': token })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-3] @ Manifest']);
  });
});

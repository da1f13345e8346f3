import { Token } from 'aws-cdk-lib';
import { DualStackIngress, DualStackService } from '../../../lib';
import { cluster, helmChart, importedClusterStack, ingress, manifest, manifestStack, meta, service } from '../k8s-fixtures';
import { findingsOf, newStack } from '../support';

const ID = 'K8S-IPV6-2';
const finding = (part: string) => [`Ipv6Ready-K8S-IPV6-2[${part}] @ Manifest`];

describe('K8S-IPV6-2 load balancing to pods of an IPv6 cluster is in IP mode', () => {
  test('Noncompliance 1: Services with no target type (the default, instance), nlb-target-type instance', () => {
    expect(findingsOf(manifestStack([service()]), ID)).toEqual(finding('Service::shop/web'));
    expect(findingsOf(manifestStack([service({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' })]), ID))
      .toEqual(finding('Service::shop/web'));
    expect(findingsOf(manifestStack([service({ 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance' })]), ID))
      .toEqual(finding('Service::shop/web'));
  });

  test('Noncompliance 2: Ingresses of the alb class with no target type or target-type instance', () => {
    expect(findingsOf(manifestStack([ingress()]), ID)).toEqual(finding('Ingress::shop/web'));
    expect(findingsOf(manifestStack([ingress({ 'alb.ingress.kubernetes.io/target-type': 'instance' })]), ID)).toEqual(finding('Ingress::shop/web'));
    expect(findingsOf(manifestStack([ingress({ 'kubernetes.io/ingress.class': 'alb' }, undefined)]), ID)).toEqual(finding('Ingress::shop/web'));
  });

  test('Noncompliance 3: IngressClassParams and TargetGroupBinding targetType instance; IngressClassParams overriding an Ingress annotation', () => {
    const params = { apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'IngressClassParams', metadata: { name: 'web' }, spec: { targetType: 'instance' } };
    const ingressClass = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'web' },
      spec: { controller: 'ingress.k8s.aws/alb', parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'web' } },
    };
    expect(findingsOf(manifestStack([params, ingressClass, ingress(DualStackIngress.annotations(), 'web')]), ID).sort())
      .toEqual(['Ipv6Ready-K8S-IPV6-2[Ingress::shop/web] @ Manifest', 'Ipv6Ready-K8S-IPV6-2[IngressClassParams::web] @ Manifest']);
    const binding = {
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: meta('web'),
      spec: { serviceRef: { name: 'web', port: 80 }, targetGroupARN: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef', targetType: 'instance' },
    };
    expect(findingsOf(manifestStack([binding]), ID)).toEqual(finding('TargetGroupBinding::shop/web'));
  });

  test('Noncompliance 4: the controller chart sets defaultTargetType instance', () => {
    const stack = newStack();
    const c = cluster(stack);
    helmChart(stack, c.ref, 'aws-load-balancer-controller', { clusterName: c.ref, defaultTargetType: 'instance' });
    manifest(stack, c.ref, [ingress({ 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack' })]);
    expect(findingsOf(stack, ID)).toEqual(finding('Ingress::shop/web'));
  });

  test('Compliance: our annotations; nlb-ip; the chart\'s defaultTargetType ip; other controllers\' objects; an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([service(DualStackService.annotations()), ingress(DualStackIngress.annotations())]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb-ip' })]), ID)).toEqual([]);
    const stack = newStack();
    const c = cluster(stack);
    helmChart(stack, c.ref, 'aws-load-balancer-controller', { clusterName: c.ref, defaultTargetType: 'ip' });
    manifest(stack, c.ref, [service(), ingress()]);
    expect(findingsOf(stack, ID)).toEqual([]);
    expect(findingsOf(manifestStack([ingress(undefined, 'nginx'), service(undefined, { loadBalancerClass: 'example.com/other' }), service(undefined, {}, 'ClusterIP')]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(), ingress()], 'ipv4'), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; a target type from a token; chart values from a token', () => {
    expect(findingsOf(importedClusterStack([service()]), ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-2] @ Manifest']);
    const token = Token.asString({ Ref: 'TargetType' });
    expect(findingsOf(manifestStack([service({ 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': token })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-2] @ Manifest']);
    const stack = newStack();
    const c = cluster(stack);
    helmChart(stack, c.ref, 'aws-load-balancer-controller', { defaultTargetType: token });
    manifest(stack, c.ref, [service()]);
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-2] @ Manifest']);
  });
});

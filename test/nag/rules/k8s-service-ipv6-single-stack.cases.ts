import { Token } from 'aws-cdk-lib';
import { DualStackService } from '../../../lib';
import { importedClusterStack, manifestStack, service } from '../k8s-fixtures';
import { findingsOf } from '../support';

const ID = 'K8S-IPV6-1';

describe('K8S-IPV6-1 Services of an IPv6 cluster are IPv6 single-stack', () => {
  test.each([
    ['ipFamilyPolicy RequireDualStack', { ipFamilyPolicy: 'RequireDualStack' }],
    ['ipFamilyPolicy PreferDualStack (controller issue #4775)', { ipFamilyPolicy: 'PreferDualStack' }],
    ['IPv4 in ipFamilies', { ipFamilies: ['IPv4'] }],
    ['IPv4 second in ipFamilies', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6', 'IPv4'] }],
  ])('Noncompliance: %s', (_, spec) => {
    expect(findingsOf(manifestStack([service(undefined, spec, 'ClusterIP')]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-1[Service::shop/web] @ Manifest']);
  });

  test('Compliance: no IP family fields; SingleStack IPv6 (DualStackService.ipFamilies()); a dual-stack Service on an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([service(undefined, {}, 'ClusterIP')]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(undefined, DualStackService.ipFamilies(), 'ClusterIP')]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(undefined, { ipFamilyPolicy: 'RequireDualStack' }, 'ClusterIP')], 'ipv4'), ID)).toEqual([]);
    expect(findingsOf(manifestStack([service(undefined, { ipFamilyPolicy: 'RequireDualStack' }, 'ClusterIP')], null), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; an ipFamilyPolicy from a token', () => {
    expect(findingsOf(importedClusterStack([service(undefined, { ipFamilyPolicy: 'PreferDualStack' })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-1] @ Manifest']);
    const stack = manifestStack([service(undefined, { ipFamilyPolicy: Token.asString({ Ref: 'AWS::NoValue' }) })]);
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-1] @ Manifest']);
  });
});

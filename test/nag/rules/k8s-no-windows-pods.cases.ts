import { Token } from 'aws-cdk-lib';
import { deployment, importedClusterStack, manifestStack, meta } from '../k8s-fixtures';
import { findingsOf } from '../support';

const ID = 'K8S-IPV6-4';
const WINDOWS = { nodeSelector: { 'kubernetes.io/os': 'windows' } };
const affinity = (...values: string[][]) => ({
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: values.map(v => ({ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: v }] })),
      },
    },
  },
});

describe('K8S-IPV6-4 no Windows pods on an IPv6 cluster', () => {
  test('Noncompliance: nodeSelector windows; required affinity to windows; a CronJob, a Pod', () => {
    expect(findingsOf(manifestStack([deployment(WINDOWS)]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-4[Deployment::shop/web] @ Manifest']);
    expect(findingsOf(manifestStack([deployment(affinity(['windows']))]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-4[Deployment::shop/web] @ Manifest']);
    // A number from a token sits outside a JSON string of the joined manifest: the rest of the object is still read.
    const replicas = { ...deployment(WINDOWS), spec: { ...deployment(WINDOWS).spec, replicas: Token.asNumber({ Ref: 'Replicas' }) } };
    expect(findingsOf(manifestStack([replicas]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-4[Deployment::shop/web] @ Manifest']);
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta('nightly'),
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { ...WINDOWS, containers: [] } } } } },
    };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta('one'), spec: { ...WINDOWS, containers: [] } };
    expect(findingsOf(manifestStack([{ apiVersion: 'v1', kind: 'List', items: [cronJob, pod] }]), ID).sort())
      .toEqual(['Ipv6Ready-K8S-IPV6-4[CronJob::shop/nightly] @ Manifest', 'Ipv6Ready-K8S-IPV6-4[Pod::shop/one] @ Manifest']);
  });

  test('Compliance: linux; affinity that also admits linux; an image from a token; Windows on an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([deployment({ nodeSelector: { 'kubernetes.io/os': 'linux' } })]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([deployment(affinity(['windows'], ['linux']))]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([deployment(affinity(['windows', 'linux']))]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([deployment({ containers: [{ name: 'web', image: Token.asString({ Ref: 'Image' }) }] })]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([deployment(WINDOWS)], 'ipv4'), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; a node selector from a token', () => {
    expect(findingsOf(importedClusterStack([deployment(WINDOWS)]), ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-4] @ Manifest']);
    expect(findingsOf(manifestStack([deployment({ nodeSelector: { 'kubernetes.io/os': Token.asString({ Ref: 'Os' }) } })]), ID))
      .toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-4] @ Manifest']);
  });
});

import { Fn, CfnResource } from 'aws-cdk-lib';
import { cluster, importedClusterStack, manifestStack } from '../k8s-fixtures';
import { findingsOf, newStack } from '../support';

const ID = 'K8S-IPV6-5';
const ENI_CONFIG = {
  apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
  kind: 'ENIConfig',
  metadata: { name: 'us-east-1a' },
  spec: { subnet: 'subnet-0123456789abcdef0', securityGroups: ['sg-0123456789abcdef0'] },
};

describe('K8S-IPV6-5 no ENIConfig on an IPv6 cluster', () => {
  test('Noncompliance: an ENIConfig', () => {
    expect(findingsOf(manifestStack([ENI_CONFIG]), ID)).toEqual(['Ipv6Ready-K8S-IPV6-5[ENIConfig::us-east-1a] @ Manifest']);
  });

  test('Compliance: no ENIConfig; an ENIConfig on an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([ENI_CONFIG], 'ipv4'), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; a manifest that is not a JSON string of the template', () => {
    expect(findingsOf(importedClusterStack([ENI_CONFIG]), ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-5] @ Manifest']);
    const stack = newStack();
    new CfnResource(stack, 'Manifest', {
      type: 'Custom::AWSCDK-EKS-KubernetesResource',
      properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:kubectl', ClusterName: cluster(stack).ref, Manifest: Fn.importValue('manifest') },
    });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[K8S-IPV6-5] @ Manifest']);
  });
});

import { Token } from 'aws-cdk-lib';
import { importedClusterStack, manifestStack } from '../k8s-fixtures';
import { findingsOf } from '../support';

const ID = 'EKS-IPV6-12';
const storageClass = (provisioner: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner });
const volume = (driver: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'data' },
  spec: { capacity: { storage: '1200Gi' }, accessModes: ['ReadWriteMany'], csi: { driver, volumeHandle: 'fs-0123456789abcdef0' } },
});

describe('EKS-IPV6-12 no FSx for Lustre on an IPv6 cluster', () => {
  test('Noncompliance: a StorageClass and a PersistentVolume of fsx.csi.aws.com', () => {
    expect(findingsOf(manifestStack([storageClass('fsx.csi.aws.com'), volume('fsx.csi.aws.com')]), ID).sort())
      .toEqual(['Ipv6Ready-EKS-IPV6-12[PersistentVolume::data] @ Manifest', 'Ipv6Ready-EKS-IPV6-12[StorageClass::fast] @ Manifest']);
  });

  test('Compliance: EBS and EFS; FSx for Lustre on an IPv4 cluster', () => {
    expect(findingsOf(manifestStack([storageClass('ebs.csi.aws.com'), volume('efs.csi.aws.com')]), ID)).toEqual([]);
    expect(findingsOf(manifestStack([storageClass('fsx.csi.aws.com')], 'ipv4'), ID)).toEqual([]);
  });

  test('Cannot judge: a cluster the template does not define; a provisioner from a token', () => {
    expect(findingsOf(importedClusterStack([storageClass('fsx.csi.aws.com')]), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-12] @ Manifest']);
    expect(findingsOf(manifestStack([storageClass(Token.asString({ Ref: 'Provisioner' }))]), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-12] @ Manifest']);
  });
});

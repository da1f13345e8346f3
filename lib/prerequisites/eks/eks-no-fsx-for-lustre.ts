import { field, KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { Unresolved } from '../../engine/template-model';
import { judgeObjects } from '../k8s/k8s-helpers';
import { Prerequisite } from '../prerequisite';

/** The CSI driver of FSx for Lustre, as StorageClasses and PersistentVolumes name it. */
export const FSX_FOR_LUSTRE_CSI_DRIVER = 'fsx.csi.aws.com';

/**
 * EKS-IPV6-12: an IPv6 cluster does not use FSx for Lustre.
 */
export const EksNoFsxForLustre: Prerequisite = {
  id: 'EKS-IPV6-12',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: `No StorageClass (provisioner) or PersistentVolume (spec.csi.driver) of an IPv6 EKS cluster uses ${FSX_FOR_LUSTRE_CSI_DRIVER}, `
    + 'the FSx for Lustre CSI driver.',
  why: 'FSx for Lustre is not supported with IPv6 EKS clusters: volumes of that driver cannot be mounted by IPv6 pods, so the pods never start.',
  fix: 'use a storage the IPv6 cluster supports (Amazon EBS, Amazon EFS), or keep the Lustre workload on an IPv4 cluster.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (using FSx for Lustre is not supported).',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, object => {
      const driver = object.kind === 'StorageClass' ? field(object, ['provisioner'])
        : object.kind === 'PersistentVolume' ? field(object, ['spec', 'csi', 'driver']) : undefined;
      return driver instanceof Unresolved ? driver : driver === FSX_FOR_LUSTRE_CSI_DRIVER;
    });
  },
};

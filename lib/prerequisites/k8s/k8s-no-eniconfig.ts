import { judgeObjects } from './k8s-helpers';
import { KUBERNETES_RESOURCE } from '../../engine/kubernetes/kubernetes-objects';
import { Prerequisite } from '../prerequisite';

/** The kind of the VPC CNI's custom networking objects (crd.k8s.amazonaws.com). */
export const ENI_CONFIG_KIND = 'ENIConfig';

/**
 * K8S-IPV6-5: an IPv6 cluster has no custom networking objects. Complements EKS-IPV6-10, which
 * judges the switch in the vpc-cni add-on's configuration.
 */
export const K8sNoEniConfig: Prerequisite = {
  id: 'K8S-IPV6-5',
  level: 'error',
  resourceTypes: [KUBERNETES_RESOURCE],
  statement: `No ${ENI_CONFIG_KIND} object is applied to an IPv6 EKS cluster.`,
  why: 'Custom networking cannot be used with IPv6: the VPC CNI in IPv6 mode does not read ENIConfig subnets or security groups, so '
    + 'pods do not get the addresses or security groups the ENIConfig names. IPv6 already removes the address shortage custom networking works around.',
  fix: `remove the ${ENI_CONFIG_KIND} objects (and AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG, EKS-IPV6-10); give the node subnets IPv6 blocks instead.`,
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" (custom networking is not supported) and "Deploy pods '
    + 'in alternate subnets with custom networking" (ENIConfig).',
  evaluate(logicalId, template) {
    return judgeObjects(template, logicalId, object => object.kind === ENI_CONFIG_KIND);
  },
};

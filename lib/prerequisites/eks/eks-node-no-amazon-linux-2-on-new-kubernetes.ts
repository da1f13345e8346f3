import { clusterSettings, EKS_CLUSTER_TYPES, isIpv6Cluster } from './eks-cluster-helpers';
import { clusterOfNodegroup, LAUNCH_TEMPLATE, nodeBootstrapOf, nodegroupsUsing, referencesIn, unlessIpv6Nodegroup, userDataOf, userDataText } from './eks-node-helpers';
import { versionAtLeast } from '../../core/version';
import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE, TemplateModel, Unresolved, Verdict } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * The first Kubernetes version for which AWS publishes no Amazon Linux 2 EKS AMI ("1.32 is the last
 * version for which Amazon EKS will release AL2 AMIs"). Sources: Amazon EKS user guide, "Guide to EKS
 * AL2 & AL2-Accelerated AMIs transition features" (eks-ami-deprecation-faqs); awslabs/amazon-eks-ami
 * README ("Amazon EKS stopped publishing EKS-optimized Amazon Linux 2 (AL2) AMIs on November 26, 2025.
 * AL2023 and Bottlerocket based AMIs ... for all supported Kubernetes versions including 1.33 and higher").
 */
export const FIRST_KUBERNETES_VERSION_WITHOUT_AL2: [number, number, number] = [1, 33, 0];

/** The last Kubernetes version with Amazon Linux 2 EKS AMIs, for messages: the minor version before. */
export const LAST_KUBERNETES_VERSION_WITH_AL2 = `${FIRST_KUBERNETES_VERSION_WITHOUT_AL2[0]}.${FIRST_KUBERNETES_VERSION_WITHOUT_AL2[1] - 1}`;

/** Whether a node group AMI type is Amazon Linux 2 (`AL2_x86_64`, `AL2_x86_64_GPU`, `AL2_ARM_64`; not `AL2023_*`). */
export function isAmazonLinux2AmiType(amiType: string): boolean {
  return /^AL2_/i.test(amiType);
}

/**
 * Whether Amazon Linux 2 nodes can run on a Kubernetes version: `undefined` when it is not a
 * version. A cluster without a version gets the EKS default, the latest, which has no AL2 AMI.
 */
export function kubernetesVersionHasAl2(version: unknown): boolean | undefined {
  if (version === undefined) {
    return false;
  }
  const newer = versionAtLeast(version, FIRST_KUBERNETES_VERSION_WITHOUT_AL2);
  return newer === undefined ? undefined : !newer;
}

/**
 * EKS-IPV6-17: nodes of an IPv6 cluster on Kubernetes 1.33 or later do not run Amazon Linux 2.
 */
export const EksNodeNoAmazonLinux2OnNewKubernetes: Prerequisite = {
  id: 'EKS-IPV6-17',
  level: 'error',
  resourceTypes: ['AWS::EKS::Nodegroup', LAUNCH_TEMPLATE, 'AWS::AutoScaling::LaunchConfiguration'],
  statement: 'Nodes of an IPv6 EKS cluster on Kubernetes 1.33 or later do not run Amazon Linux 2: no AL2_* AMI type, no '
    + '/etc/eks/bootstrap.sh user data.',
  why: 'AWS publishes no Amazon Linux 2 EKS-optimized AMI for Kubernetes 1.33 and later: a managed node group with an AL2_* AMI type '
    + 'fails to create, and self-managed nodes that bootstrap with the AL2 script /etc/eks/bootstrap.sh have no EKS AMI to start from. '
    + 'IPv6 nodes need the bootstrap of Amazon Linux 2023 (nodeadm) or Bottlerocket instead.',
  fix: 'use an AL2023_* or BOTTLEROCKET_* AMI type (Ipv6EksCluster.addNodegroup does by default), and bootstrap self-managed nodes with a nodeadm '
    + 'NodeConfig (NodeOperatingSystem.AMAZON_LINUX_2023); or stay on Kubernetes 1.32 until the nodes move.',
  source: 'Amazon EKS user guide, "Guide to EKS AL2 & AL2-Accelerated AMIs transition features"; awslabs/amazon-eks-ami README.',
  evaluate(logicalId, template) {
    const resource = template.resource(logicalId);
    return resource?.Type === 'AWS::EKS::Nodegroup' ? nodegroupVerdict(template, logicalId) : selfManagedVerdict(template, logicalId);
  },
};

function nodegroupVerdict(template: TemplateModel, nodegroupId: string): Verdict {
  const gate = unlessIpv6Nodegroup(template, nodegroupId);
  if (gate !== undefined) {
    return gate;
  }
  const props = template.resource(nodegroupId)?.Properties ?? {};
  if (props.AmiType === undefined) {
    return COMPLIANT; // EKS picks Amazon Linux 2023 from Kubernetes 1.30.
  }
  if (typeof props.AmiType !== 'string') {
    return cannotJudge(`AmiType is ${describe(props.AmiType)}`);
  }
  if (!isAmazonLinux2AmiType(props.AmiType)) {
    return COMPLIANT;
  }
  const cluster = clusterOfNodegroup(template, nodegroupId);
  const version = props.Version ?? (cluster instanceof Unresolved ? undefined : clusterSettings(template, cluster)?.version);
  const al2 = kubernetesVersionHasAl2(version);
  if (al2 === undefined) {
    return cannotJudge(`the Kubernetes version is ${describe(version)}`);
  }
  return al2 ? COMPLIANT : nonCompliant([`AmiType::${props.AmiType}`]);
}

/** Self-managed nodes: user data that runs the AL2 bootstrap script for an IPv6 cluster of 1.33 or later. */
function selfManagedVerdict(template: TemplateModel, launchId: string): Verdict {
  const resource = template.resource(launchId);
  const userData = userDataOf(resource);
  if (userData === undefined || (resource?.Type === LAUNCH_TEMPLATE && nodegroupsUsing(template, launchId).length > 0)) {
    return NOT_APPLICABLE; // A managed node group's launch template is judged with the node group.
  }
  const text = userDataText(userData);
  if (text instanceof Unresolved || !nodeBootstrapOf(text).bootstrapScript) {
    return NOT_APPLICABLE;
  }
  // The clusters the user data names, or else every cluster of the template.
  const named = [...new Set(referencesIn(text))].filter(id => EKS_CLUSTER_TYPES.includes(template.resource(id)?.Type ?? ''));
  const clusters = named.length > 0 ? named : EKS_CLUSTER_TYPES.flatMap(type => template.resourcesOfType(type)).map(([id]) => id);
  if (clusters.length === 0) {
    return NOT_APPLICABLE;
  }
  let unknown: string | undefined;
  for (const cluster of clusters) {
    const ipv6 = isIpv6Cluster(template, cluster);
    const version = clusterSettings(template, cluster)?.version;
    const al2 = kubernetesVersionHasAl2(version);
    if (ipv6 === true && al2 === false) {
      return nonCompliant([`Cluster::${cluster}`]);
    }
    if (ipv6 instanceof Unresolved) {
      unknown ??= ipv6.what;
    } else if (ipv6 && al2 === undefined) {
      unknown ??= `the Kubernetes version of cluster ${cluster} is ${describe(version)}`;
    }
  }
  return unknown !== undefined ? cannotJudge(unknown) : COMPLIANT;
}

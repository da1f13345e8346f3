/**
 * EKS Auto Mode as a compute choice of an IPv6 cluster.
 *
 * Facts relied on (Amazon EKS user guide):
 * - "Learn about VPC networking and load balancing in EKS Auto Mode" (auto-networking): AWS manages
 *   the VPC CNI configuration; configuration options of the VPC CNI do not apply; enabling or
 *   disabling prefix delegation, warm IP/prefix/ENI settings and custom networking are not
 *   supported; for IPv6 clusters Auto Mode gives each node a /80 IPv6 prefix on its primary
 *   interface. Load balancing uses IP targets by default; `TargetGroupBinding` exists.
 * - "AWS add-ons": the Amazon VPC CNI, kube-proxy and the Amazon EBS CSI driver list EC2 (not EKS
 *   Auto Mode) as compatible compute types: Auto Mode runs these capabilities itself.
 * - "Set up the Amazon EKS Pod Identity Agent": the agent is built into EKS Auto Mode and need not
 *   be installed.
 * - "Create an IngressClass to configure an Application Load Balancer" (auto-configure-alb): the
 *   IngressClass controller is `eks.amazonaws.com/alb`, IngressClassParams and TargetGroupBinding
 *   are `eks.amazonaws.com/v1` (not `elbv2.k8s.aws/v1beta1`), and `ipAddressType: dualstack` is an
 *   IngressClassParams field. "Use Service annotations to configure Network Load Balancers"
 *   (auto-configure-nlb): Services of type LoadBalancer get `loadBalancerClass: eks.amazonaws.com/nlb`.
 * - aws-eks-v2 (aws-cdk-lib 2.276) enables ComputeConfig, StorageConfig.BlockStorage and
 *   KubernetesNetworkConfig.ElasticLoadBalancing together when `defaultCapacityType` is AUTOMODE,
 *   and attaches AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy
 *   and AmazonEKSNetworkingPolicy to the cluster role (EKS requires the three capabilities together).
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { awsManagedPolicyFinding } from '../core/aws-solutions-findings';
import { finalProperties } from '../core/final-properties';
import { invalidProp } from '../core/validation';

/** The built-in node pools of EKS Auto Mode. */
export const AUTO_MODE_NODE_POOLS = ['general-purpose', 'system'];

/** The IngressClass controller of EKS Auto Mode's load balancing. */
export const AUTO_MODE_ALB_CONTROLLER = 'eks.amazonaws.com/alb';

/** The Service `loadBalancerClass` of EKS Auto Mode's Network Load Balancers. */
export const AUTO_MODE_NLB_CLASS = 'eks.amazonaws.com/nlb';

/** The API version of Auto Mode's TargetGroupBinding and IngressClassParams. */
export const AUTO_MODE_LOAD_BALANCING_API_VERSION = 'eks.amazonaws.com/v1';

/** The managed policies aws-eks-v2 attaches to the cluster role of an Auto Mode cluster. */
const AUTO_MODE_CLUSTER_POLICIES = ['AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy'];

/** What the Auto Mode props of an `Ipv6EksCluster` may not be combined with. */
export interface AutoModeConflicts {
  readonly vpcCni?: unknown;
  readonly coreDnsVersion?: string;
  readonly kubeProxyVersion?: string;
  readonly albController?: unknown;
  readonly defaultNodegroup?: unknown;
  readonly defaultNodegroupEnabled?: boolean;
  readonly compute?: eks.ComputeConfig;
}

/**
 * Throws for props that conflict with what EKS Auto Mode manages itself. Runs before any child exists.
 */
export function validateAutoModeProps(scope: IConstruct, id: string, props: AutoModeConflicts): void {
  const managed: Array<[string, unknown, string]> = [
    ['vpcCni', props.vpcCni, 'Auto Mode runs pod networking itself (a /80 IPv6 prefix per node); the VPC CNI add-on and its settings, prefix delegation included, do not apply'],
    ['kubeProxyVersion', props.kubeProxyVersion, 'Auto Mode runs kube-proxy\'s function on its nodes; the kube-proxy add-on is for EC2 nodes'],
    ['coreDnsVersion', props.coreDnsVersion, 'Auto Mode runs cluster DNS itself'],
    ['albController', props.albController, `Auto Mode runs load balancing itself: use an IngressClass with controller '${AUTO_MODE_ALB_CONTROLLER}' `
      + `(DualStackIngress.autoModeIngressClass) or Services with loadBalancerClass '${AUTO_MODE_NLB_CLASS}'`],
    ['defaultNodegroup', props.defaultNodegroup, 'Auto Mode launches nodes from its node pools'],
  ];
  for (const [prop, value, why] of managed) {
    if (value !== undefined) {
      invalidProp(scope, id, `${prop}: given with defaultCapacityType AUTOMODE; ${why}. Remove ${prop}, or use DefaultCapacityType.NODEGROUP.`);
    }
  }
  if (props.defaultNodegroupEnabled === true) {
    invalidProp(scope, id, 'defaultNodegroupEnabled: true with defaultCapacityType AUTOMODE; Auto Mode launches nodes from its node pools. '
      + 'Remove defaultNodegroupEnabled, or use DefaultCapacityType.NODEGROUP.');
  }
  const unknownPools = (props.compute?.nodePools ?? []).filter(pool => !AUTO_MODE_NODE_POOLS.includes(pool));
  if (unknownPools.length > 0) {
    invalidProp(scope, id, `compute.nodePools: ${unknownPools.map(p => `'${p}'`).join(', ')} is not a built-in node pool of EKS Auto Mode. `
      + `Give ${AUTO_MODE_NODE_POOLS.map(p => `'${p}'`).join(' and/or ')}, or [] and your own NodePool resources.`);
  }
}

/** Whether `cluster` runs EKS Auto Mode (`ComputeConfig.Enabled` true in the final template). */
export function isAutoModeCluster(cluster: eks.ICluster): boolean {
  const resource = cluster.node.defaultChild;
  if (!(resource instanceof eks.CfnCluster)) {
    return false;
  }
  return finalProperties(resource).ComputeConfig?.Enabled === true;
}

/**
 * The `apiVersion` of a TargetGroupBinding for `cluster`: Auto Mode serves the kind as
 * `eks.amazonaws.com/v1`, the AWS Load Balancer Controller as `elbv2.k8s.aws/v1beta1`.
 */
export function targetGroupBindingApiVersion(cluster: eks.ICluster): string {
  return isAutoModeCluster(cluster) ? AUTO_MODE_LOAD_BALANCING_API_VERSION : 'elbv2.k8s.aws/v1beta1';
}

/**
 * The errors for manifests on an Auto Mode `cluster` that need the self-managed AWS Load Balancer
 * Controller: a TargetGroupBinding of `elbv2.k8s.aws` (what the dual-stack entry points create)
 * has no CRD on an Auto Mode cluster, and its apply fails at deployment.
 */
export function controllerManifestsOnAutoMode(cluster: eks.Cluster): string[] {
  const clusterName = JSON.stringify(Stack.of(cluster).resolve(cluster.clusterName));
  const errors: string[] = [];
  for (const manifest of cluster.node.root.node.findAll()) {
    if (!(manifest instanceof eks.KubernetesManifest)) {
      continue;
    }
    const resource = manifest.node.tryFindChild('Resource')?.node.defaultChild;
    if (!(resource instanceof CfnResource)) {
      continue;
    }
    const props = finalProperties(resource);
    if (JSON.stringify(props.ClusterName) !== clusterName) {
      continue;
    }
    const text = JSON.stringify(props.Manifest ?? '');
    if (text.includes('TargetGroupBinding') && text.includes('elbv2.k8s.aws/')) {
      const owner = manifest.node.scope?.node.path ?? manifest.node.path;
      errors.push(`${owner}: a TargetGroupBinding of the AWS Load Balancer Controller (elbv2.k8s.aws) on the EKS Auto Mode cluster ${cluster.node.path}. `
        + 'Auto Mode runs load balancing itself and has no elbv2.k8s.aws CRDs, so the manifest fails to apply. The dual-stack entry points do not run on Auto Mode yet: '
        + `expose the Service with a Kubernetes Ingress of an IngressClass whose controller is '${AUTO_MODE_ALB_CONTROLLER}' (DualStackIngress.autoModeIngressClass and `
        + `DualStackIngress.annotations), or a Service with loadBalancerClass '${AUTO_MODE_NLB_CLASS}' (DualStackService.annotations); or use DefaultCapacityType.NODEGROUP.`);
    }
  }
  return errors;
}

/** Acknowledges the AWS-managed policies aws-eks-v2 attaches to the cluster role for Auto Mode. */
export function acknowledgeAutoModeClusterRole(role: IConstruct): void {
  Validations.of(role).acknowledge(...AUTO_MODE_CLUSTER_POLICIES.map(name => ({
    id: awsManagedPolicyFinding(name),
    reason: `Amazon EKS requires the AWS-managed ${name} on the cluster role of an EKS Auto Mode cluster (compute, block storage, load balancing `
      + 'and networking capabilities); aws-cdk-lib\'s aws-eks-v2 attaches it, and AWS keeps it in step with Auto Mode.',
  })));
}

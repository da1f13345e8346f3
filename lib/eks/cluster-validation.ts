import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { validateAutoModeProps } from './auto-mode';
import { validateAlbController } from './dual-stack-load-balancing';
import type { Ipv6EksClusterProps } from './ipv6-eks-cluster';
import { checkSubnets, vpcIpv6Cidr } from './ipv6-network-checks';
import { checkAmiType, checkInstanceTypes, checkNodegroupImage, Ipv6NodegroupOptions } from './ipv6-nodegroup';
import { validateVpcCniOptions } from './vpc-cni-addon';
import { defaultSubnetSelection } from '../core/default-subnet-selection';
import { finalProperties } from '../core/final-properties';
import { invalidProp } from '../core/validation';
import { versionAtLeast } from '../core/version';
import { REMOTE_NETWORK_CONFIG } from '../prerequisites/eks/eks-cluster-no-hybrid-nodes';
import { Ipv6Upgrade } from '../vpc/ipv6-upgrade';

/**
 * The EKS cluster name: alphanumeric characters, hyphens and underscores, starting with an
 * alphanumeric character, at most 100 characters (Amazon EKS API reference, CreateCluster `name`).
 */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const CLUSTER_NAME_MAX_LENGTH = 100;

/** What the validation of the props settled, for the build. */
export interface ValidatedProps {
  readonly vpcIpv6CidrBlock: string;
  readonly autoMode: boolean;
}

/** Throws for props that cannot make a working IPv6 cluster. Runs before the construct joins the tree. */
export function validateProps(scope: IConstruct, id: string, props: Ipv6EksClusterProps, version: eks.KubernetesVersion,
  vpcSubnets: ec2.SubnetSelection[], defaultNodegroup: Ipv6NodegroupOptions | undefined, upgrade: Ipv6Upgrade | undefined,
  defaultVersion: eks.KubernetesVersion): ValidatedProps {
  if (!Token.isUnresolved(version.version)) {
    const recent = versionAtLeast(version.version, [1, 21, 0]);
    if (recent !== true) {
      invalidProp(scope, id, `version: '${version.version}' is ${recent === undefined ? 'not a Kubernetes version' : 'older than 1.21'}; EKS supports `
        + `the IPv6 family from Kubernetes 1.21. Use a supported version (default ${defaultVersion.version}).`);
    }
  }
  if (props.clusterName !== undefined) {
    checkClusterName(scope, id, props.clusterName);
  }
  const capacityType = props.defaultCapacityType ?? eks.DefaultCapacityType.NODEGROUP;
  if (capacityType === eks.DefaultCapacityType.EC2) {
    invalidProp(scope, id, 'defaultCapacityType: EC2 is not a default capacity of this construct. Use NODEGROUP (the default) or AUTOMODE, '
      + 'and add self-managed nodes with addSelfManagedNodes.');
  }
  const autoMode = capacityType === eks.DefaultCapacityType.AUTOMODE;
  if (!autoMode && props.compute !== undefined) {
    invalidProp(scope, id, 'compute: Auto Mode node pools and node role are given, but defaultCapacityType is not AUTOMODE. '
      + 'Set defaultCapacityType: DefaultCapacityType.AUTOMODE, or remove compute.');
  }
  if (autoMode) {
    validateAutoModeProps(scope, id, props);
  }
  const ipv6Cidr = vpcIpv6Cidr(scope, id, props.vpc, upgrade);
  const subnets = vpcSubnets.flatMap(selection => props.vpc.selectSubnets(selection).subnets);
  // Under Auto Mode the cluster's subnets are where the default NodeClass launches nodes.
  checkSubnets(scope, id, props.vpc, subnets, { prop: 'vpcSubnets', autoAssignIpv6: autoMode, ipv6Egress: autoMode, upgrade });
  if (!autoMode) {
    validateVpcCniOptions(scope, id, props.vpcCni ?? {});
  }
  if (props.albController !== undefined) {
    validateAlbController(scope, id, props.albController);
    if (props.kubectlProviderOptions === undefined) {
      invalidProp(scope, id, 'albController: the AWS Load Balancer Controller is a Helm chart and needs a kubectl provider. Give kubectlProviderOptions (with a kubectlLayer).');
    }
  }
  if (defaultNodegroup !== undefined) {
    const types = (defaultNodegroup.instanceTypes ?? []).map(t => t.toString());
    checkInstanceTypes(scope, id, 'defaultNodegroup.instanceTypes', types, defaultNodegroup.allowUnlistedInstanceTypes ?? false);
    checkAmiType(scope, id, defaultNodegroup.amiType);
    checkNodegroupImage(scope, id, 'defaultNodegroup.', defaultNodegroup, version.version);
    const nodeSubnets = props.vpc.selectSubnets(defaultNodegroup.subnets ?? defaultSubnetSelection(props.vpc)).subnets;
    checkSubnets(scope, id, props.vpc, nodeSubnets, { prop: 'defaultNodegroup.subnets', autoAssignIpv6: true, upgrade });
  }
  return { vpcIpv6CidrBlock: ipv6Cidr, autoMode };
}

function checkClusterName(scope: IConstruct, id: string, name: string): void {
  if (Token.isUnresolved(name)) {
    return;
  }
  if (name.length > CLUSTER_NAME_MAX_LENGTH || !CLUSTER_NAME.test(name)) {
    invalidProp(scope, id, `clusterName: '${name}' is not an EKS cluster name: 1 to ${CLUSTER_NAME_MAX_LENGTH} ASCII letters, digits, hyphens and `
      + 'underscores, starting with a letter or digit (EKS CreateCluster). Give such a name, or leave it out for a generated one.');
  }
}

/**
 * The errors of the cluster's final properties, after escape hatches: a construct check made at
 * creation holds only until an `addPropertyOverride`. The IP family stays ipv6, no hybrid nodes
 * (their remote networks are IPv4 only), a valid name, and the three Auto Mode capabilities together.
 */
export function finalClusterErrors(cfnCluster: eks.CfnCluster): string[] {
  const props = finalProperties(cfnCluster);
  const errors: string[] = [];
  const ipFamily = props.KubernetesNetworkConfig?.IpFamily;
  if (typeof ipFamily !== 'string' || ipFamily.toLowerCase() !== 'ipv6') {
    errors.push(`KubernetesNetworkConfig.IpFamily: ${JSON.stringify(ipFamily)} is set on an Ipv6EksCluster, whose IP family is ipv6 and fixed at creation. `
      + 'Remove the override; for an IPv4 cluster use aws-eks-v2\'s Cluster.');
  }
  if (props[REMOTE_NETWORK_CONFIG] !== undefined) {
    errors.push(`${REMOTE_NETWORK_CONFIG}: EKS Hybrid Nodes are configured on an IPv6 cluster; their remote node and pod networks are IPv4 only `
      + '(EKS API reference, RemoteNodeNetwork). Remove it, and run hybrid nodes in an IPv4 cluster.');
  }
  const name = props.Name;
  if (typeof name === 'string' && (name.length > CLUSTER_NAME_MAX_LENGTH || !CLUSTER_NAME.test(name))) {
    errors.push(`Name: '${name}' is not an EKS cluster name: 1 to ${CLUSTER_NAME_MAX_LENGTH} ASCII letters, digits, hyphens and underscores, `
      + 'starting with a letter or digit. Remove the override or give such a name.');
  }
  const capabilities: Array<[string, unknown]> = [
    ['ComputeConfig.Enabled', props.ComputeConfig?.Enabled],
    ['StorageConfig.BlockStorage.Enabled', props.StorageConfig?.BlockStorage?.Enabled],
    ['KubernetesNetworkConfig.ElasticLoadBalancing.Enabled', props.KubernetesNetworkConfig?.ElasticLoadBalancing?.Enabled],
  ];
  const on = capabilities.filter(([, value]) => value === true);
  if (on.length > 0 && on.length < capabilities.length) {
    errors.push(`${capabilities.map(([capability, value]) => `${capability} ${String(value ?? false)}`).join(', ')}: EKS Auto Mode needs compute, block storage `
      + 'and load balancing enabled together. Remove the override; choose Auto Mode with defaultCapacityType: DefaultCapacityType.AUTOMODE.');
  }
  return errors;
}

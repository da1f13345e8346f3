import { addonsOf, EKS_CLUSTER_TYPES, ec2CapacityOf, grants, unlessIpv6Cluster, ofCluster, rolePermissions, VPC_CNI } from './eks-cluster-helpers';
import { versionAtLeast } from '../../core/version';
import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE, TemplateModel, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The action with which the CNI tags the network interfaces it creates (on network interfaces only). */
export const VPC_CNI_TAG_ACTION = 'ec2:CreateTags';

/** The actions every IPv6 VPC CNI calls: the IPv6 policy of the EKS user guide (AmazonEKS_CNI_IPv6_Policy). */
export const VPC_CNI_IPV6_ACTIONS: readonly string[] = [
  'ec2:AssignIpv6Addresses',
  'ec2:DescribeInstances',
  'ec2:DescribeTags',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeInstanceTypes',
  VPC_CNI_TAG_ACTION,
];

/**
 * The first VPC CNI version with subnet (and security group) discovery, on by default: without
 * these actions aws-node crash-loops. Source: aws/amazon-vpc-cni-k8s CHANGELOG.md v1.22.1
 * ("Enhanced subnet discovery", "Custom security groups for pods on secondary ENIs") and
 * docs/iam-policy.md, "IPv6 mode" (commit 00fe9f4, "Add ec2:DescribeSecurityGroups to IAM policy", #3709).
 */
export const VPC_CNI_SUBNET_DISCOVERY_VERSION: [number, number, number] = [1, 22, 0];

/** The actions subnet discovery adds. */
export const VPC_CNI_SUBNET_DISCOVERY_ACTIONS: readonly string[] = ['ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'];

/**
 * The actions a VPC CNI of `version` needs in an IPv6 cluster; a version that is not known (none
 * given: the EKS default, a self-managed DaemonSet, an expression) needs them all.
 */
export function vpcCniIpv6Actions(version?: unknown): string[] {
  return versionAtLeast(version, VPC_CNI_SUBNET_DISCOVERY_VERSION) === false
    ? [...VPC_CNI_IPV6_ACTIONS]
    : [...VPC_CNI_IPV6_ACTIONS, ...VPC_CNI_SUBNET_DISCOVERY_ACTIONS];
}

/**
 * EKS-IPV6-14: the role the VPC CNI runs with has the IPv6 CNI permissions.
 */
export const EksAddonVpcCniIpv6Permissions: Prerequisite = {
  id: 'EKS-IPV6-14',
  level: 'error',
  resourceTypes: EKS_CLUSTER_TYPES,
  statement: 'The VPC CNI\'s IAM role of the IPv6 EKS cluster allows ec2:AssignIpv6Addresses, DescribeInstances, DescribeTags, '
    + 'DescribeNetworkInterfaces, DescribeInstanceTypes and CreateTags, and from VPC CNI 1.22 (or an add-on version the template does not '
    + 'state) DescribeSubnets and DescribeSecurityGroups.',
  why: 'In an IPv6 cluster the aws-node pods call ec2:AssignIpv6Addresses to take an IPv6 prefix for each node; AmazonEKS_CNI_Policy is '
    + 'written for IPv4. Without the IPv6 permissions nodes never get a prefix, pods stay in ContainerCreating, and the CNI logs '
    + 'AccessDenied. From version 1.22 the CNI discovers subnets and security groups (on by default) and aws-node crash-loops without '
    + 'ec2:DescribeSubnets and ec2:DescribeSecurityGroups. The role is the vpc-cni add-on\'s ServiceAccountRoleArn or pod identity '
    + 'association for kube-system/aws-node, or else the node role of the node groups.',
  fix: 'attach a policy with the actions of the IPv6 CNI policy (Ipv6CniPolicy, or the "IPv6 mode" policy of the VPC CNI documentation) to '
    + 'that role. An AWS-managed policy cannot be read from the template: acknowledge the CannotJudge finding once checked.',
  source: 'Amazon EKS user guide, "IPv6 addresses for clusters, pods and services" and "Create an IAM policy for clusters that use the IPv6 '
    + 'family"; aws/amazon-vpc-cni-k8s docs/iam-policy.md, "IPv6 mode", and CHANGELOG.md v1.22.1 (subnet discovery).',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Cluster(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    const roles = cniRoles(template, logicalId);
    if (roles instanceof Unresolved) {
      return cannotJudge(roles.what);
    }
    if (roles === undefined) {
      return NOT_APPLICABLE;
    }
    // Subnet discovery is on from 1.22, and whenever the version is not known (no add-on: a self-managed aws-node).
    const versions = addonsOf(template, logicalId, VPC_CNI).map(([, addon]) => addon.Properties?.AddonVersion);
    const required = versions.length === 0 ? vpcCniIpv6Actions() : [...new Set(versions.flatMap(v => vpcCniIpv6Actions(v)))];
    const missing = new Set<string>();
    let unjudged: string | undefined;
    for (const role of roles) {
      const permissions = rolePermissions(template, role);
      const lacking = required.filter(action => !grants(permissions.actions, action));
      if (lacking.length === 0) {
        continue;
      }
      if (permissions.unreadable.length > 0) {
        unjudged ??= `role ${role} lacks ${lacking.join(', ')} in the statements of this template, and has managed policies it cannot read: ${permissions.unreadable.join(', ')}`;
        continue;
      }
      lacking.forEach(action => missing.add(`Action::${action}`));
    }
    if (missing.size > 0) {
      return nonCompliant([...missing]);
    }
    return unjudged !== undefined ? cannotJudge(unjudged) : COMPLIANT;
  },
};

/**
 * The roles the VPC CNI of the cluster runs with: the add-on's IRSA role or pod identity roles for
 * kube-system/aws-node, or else the node roles of the managed node groups. `undefined` when the
 * cluster has neither (no EC2 capacity: Fargate pods use no aws-node).
 */
function cniRoles(template: TemplateModel, clusterId: string): string[] | Unresolved | undefined {
  const arns: Array<[string, unknown]> = [];
  for (const [id, addon] of addonsOf(template, clusterId, VPC_CNI)) {
    const props = addon.Properties ?? {};
    if (props.ServiceAccountRoleArn !== undefined) {
      arns.push([`ServiceAccountRoleArn of add-on ${id}`, props.ServiceAccountRoleArn]);
    }
    for (const association of Array.isArray(props.PodIdentityAssociations) ? props.PodIdentityAssociations : []) {
      if (association?.ServiceAccount === 'aws-node') {
        arns.push([`the pod identity role of add-on ${id}`, association.RoleArn]);
      }
    }
  }
  for (const [id, association] of ofCluster(template, 'AWS::EKS::PodIdentityAssociation', clusterId)) {
    const props = association.Properties ?? {};
    if (props.Namespace === 'kube-system' && props.ServiceAccount === 'aws-node') {
      arns.push([`RoleArn of pod identity association ${id}`, props.RoleArn]);
    }
  }
  if (arns.length === 0) {
    for (const [id, nodegroup] of ofCluster(template, 'AWS::EKS::Nodegroup', clusterId)) {
      arns.push([`NodeRole of node group ${id}`, nodegroup.Properties?.NodeRole]);
    }
  }
  if (arns.length === 0) {
    return ec2CapacityOf(template, clusterId).length > 0
      ? new Unresolved('the cluster\'s EC2 capacity is self-managed: the instance role of its nodes is not followed')
      : undefined;
  }
  const roles: string[] = [];
  for (const [what, arn] of arns) {
    const role = template.target(arn);
    if (role === undefined || template.resource(role)?.Type !== 'AWS::IAM::Role') {
      return new Unresolved(`${what} is ${describe(arn)}, not a role defined in this template`);
    }
    roles.push(role);
  }
  return [...new Set(roles)];
}

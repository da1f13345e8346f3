import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { afterCapacity, ClusterCapacityContext } from './cluster-capacity';
import { checkSubnets } from './ipv6-network-checks';
import { checkAmiType, checkInstanceTypes, checkNodegroupImage, defaultAmiType, Ipv6NodegroupOptions } from './ipv6-nodegroup';
import { defaultSubnetSelection, warnDefaultSubnetsFollowZones } from '../core/default-subnet-selection';

/** The construct id of the default managed node group. */
export const DEFAULT_NODEGROUP_ID = 'DefaultNodegroup';

/** The default node group's settings, under what the user gives. */
export function defaultNodegroupOptions(options: Ipv6NodegroupOptions): Ipv6NodegroupOptions {
  return { instanceTypes: [new ec2.InstanceType('m6i.large')], minSize: 2, maxSize: 3, ...options };
}

/**
 * A managed node group: Nitro-based Linux nodes in subnets that auto-assign IPv6, on `nodeRole`
 * unless the options give one. aws-cdk-lib names it `Nodegroup<id>` under the cluster.
 */
export function addManagedNodegroup(ctx: ClusterCapacityContext, id: string, options: Ipv6NodegroupOptions, nodeRole: iam.IRole): eks.Nodegroup {
  const cluster = ctx.cluster;
  checkInstanceTypes(cluster, id, 'instanceTypes', (options.instanceTypes ?? []).map(t => t.toString()), options.allowUnlistedInstanceTypes ?? false);
  checkAmiType(cluster, id, options.amiType);
  checkNodegroupImage(cluster, id, '', options, ctx.version.version);
  const subnetSelection = options.subnets ?? defaultSubnetSelection(ctx.vpc);
  const subnets = ctx.vpc.selectSubnets(subnetSelection).subnets;
  checkSubnets(cluster, id, ctx.vpc, subnets, { prop: 'subnets', autoAssignIpv6: true, upgrade: ctx.upgrade });
  if (options.launchTemplateSpec !== undefined) {
    Annotations.of(ctx.scope).addWarningV2('cdk-ipv6-ready:eksNodegroupLaunchTemplate',
      `Node group ${id} uses launch template ${options.launchTemplateSpec.id}, which this construct cannot read: keep MetadataOptions.HttpProtocolIpv6 `
      + 'disabled (EKS does not support the IMDS IPv6 endpoint), and if it sets an AMI, bootstrap for IPv6 and set max pods for prefix delegation.');
  }
  const { allowUnlistedInstanceTypes: _, ...nodegroupOptions } = options;
  const nodegroup = cluster.addNodegroupCapacity(id, {
    ...nodegroupOptions,
    subnets: subnetSelection,
    amiType: options.amiType ?? (options.launchTemplateSpec === undefined ? defaultAmiType(options.instanceTypes ?? []) : undefined),
    nodeRole: options.nodeRole ?? nodeRole,
  });
  afterCapacity(ctx, nodegroup);
  if (options.subnets === undefined) {
    warnDefaultSubnetsFollowZones(nodegroup, 'eksNodegroup', ctx.vpc, subnetSelection);
  }
  return nodegroup;
}

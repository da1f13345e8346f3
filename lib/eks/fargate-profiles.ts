import { Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { afterCapacity, ClusterCapacityContext } from './cluster-capacity';
import { checkSubnets } from './ipv6-network-checks';
import { awsManagedPolicyFinding } from '../core/aws-solutions-findings';
import { defaultSubnetSelection } from '../core/default-subnet-selection';

/**
 * A Fargate profile. Fargate pods take IPv6 addresses from the profile's subnets, which must be
 * private subnets with IPv6 blocks. aws-cdk-lib names it `fargate-profile-<id>` under the cluster.
 */
export function addFargateCapacity(ctx: ClusterCapacityContext, id: string, options: eks.FargateProfileOptions): eks.FargateProfile {
  const subnetSelection = options.subnetSelection ?? defaultSubnetSelection(ctx.vpc);
  const subnets = ctx.vpc.selectSubnets(subnetSelection).subnets;
  checkSubnets(ctx.cluster, id, ctx.vpc, subnets, { prop: 'subnetSelection', autoAssignIpv6: false, upgrade: ctx.upgrade });
  const profile = ctx.cluster.addFargateProfile(id, { ...options, subnetSelection });
  if (options.podExecutionRole === undefined) {
    Validations.of(profile.podExecutionRole).acknowledge({
      id: awsManagedPolicyFinding('AmazonEKSFargatePodExecutionRolePolicy'),
      reason: 'Amazon EKS documents the AWS-managed AmazonEKSFargatePodExecutionRolePolicy for the Fargate pod execution role (pulling images, '
        + 'registering pods as nodes); aws-cdk-lib creates the role with it.',
    });
  }
  afterCapacity(ctx, profile);
  return profile;
}

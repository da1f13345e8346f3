import { Tags, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ClusterCapacityContext } from './cluster-capacity';
import { checkSubnets } from './ipv6-network-checks';
import { checkInstanceTypes } from './ipv6-nodegroup';
import { NodeOperatingSystem, nodeUserData } from './node-bootstrap';
import { instanceLaunchOptions } from './self-managed-launch-template';
import { checkSelfManagedImage, SelfManagedNodesOptions } from './self-managed-nodes';
import { defaultSubnetSelection } from '../core/default-subnet-selection';
import { invalidProp } from '../core/validation';

const DEFAULT_MAX_PODS = 110;

/**
 * Self-managed nodes under `<cluster>/<id>`: an Auto Scaling group whose launch template bootstraps
 * them for IPv6, keeps the IMDS IPv6 endpoint off, and runs on a node role (`<id>/Role`, made by
 * `newRole`) with an EC2_LINUX access entry.
 */
export function addSelfManagedCapacity(ctx: ClusterCapacityContext, id: string, options: SelfManagedNodesOptions,
  newRole: (scope: Construct) => iam.Role): autoscaling.AutoScalingGroup {
  const { scope: owner, cluster, vpc } = ctx;
  checkInstanceTypes(owner, id, 'instanceType', [options.instanceType.toString()], options.allowUnlistedInstanceTypes ?? false);
  const subnets = vpc.selectSubnets(options.vpcSubnets ?? defaultSubnetSelection(vpc)).subnets;
  checkSubnets(owner, id, vpc, subnets, { prop: 'vpcSubnets', autoAssignIpv6: true, upgrade: ctx.upgrade });
  const maxPods = options.maxPods ?? DEFAULT_MAX_PODS;
  if (!Token.isUnresolved(maxPods) && (!Number.isInteger(maxPods) || maxPods < 1)) {
    invalidProp(owner, id, `maxPods: ${maxPods} is not a positive integer. Give 110 (below 30 vCPUs) or 250, or leave it out.`);
  }
  const os = options.operatingSystem ?? NodeOperatingSystem.AMAZON_LINUX_2023;
  checkSelfManagedImage(owner, id, options, os, ctx.version.version);
  const launchOptions = instanceLaunchOptions(owner, id, options);

  const scope = new Construct(owner, id);
  const role = newRole(scope);
  cluster.grantAccess(`${id}Access`, role.roleArn, [], { accessEntryType: eks.AccessEntryType.EC2_LINUX });
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc,
    description: `Self-managed nodes ${id} of an IPv6 EKS cluster`,
    allowAllOutbound: true,
    allowAllIpv6Outbound: true,
  });
  securityGroup.connections.allowInternally(ec2.Port.allTraffic(), 'Node to node and pod to pod');
  securityGroup.connections.allowFrom(cluster.clusterSecurityGroup, ec2.Port.allTraffic(), 'Control plane and managed nodes');
  cluster.clusterSecurityGroup.connections.allowFrom(securityGroup, ec2.Port.allTraffic(), 'Self-managed nodes');
  ctx.connections.addSecurityGroup(securityGroup);

  const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
    ...launchOptions,
    instanceType: options.instanceType,
    machineImage: options.machineImage ?? eksOptimizedImage(ctx.version, os, options.instanceType),
    userData: nodeUserData(os, {
      clusterName: ctx.clusterName,
      endpoint: ctx.clusterEndpoint,
      certificateAuthorityData: cluster.clusterCertificateAuthorityData,
      serviceIpv6Cidr: ctx.serviceIpv6Cidr,
      maxPods,
    }),
    role,
    securityGroup,
    requireImdsv2: true,
    // Pods reach IMDS through the node, one hop more.
    httpPutResponseHopLimit: 2,
    // EKS does not support the IMDS IPv6 endpoint on nodes.
    httpProtocolIpv6: false,
  });
  const {
    instanceType: _t, operatingSystem: _o, machineImage: _m, maxPods: _p, allowUnlistedInstanceTypes: _a,
    // On the launch template (above): the Auto Scaling group refuses them next to one.
    blockDevices: _b, keyName: _k, keyPair: _kp, spotPrice: _s, associatePublicIpAddress: _ip, instanceMonitoring: _im,
    ...groupOptions
  } = options;
  const group = new autoscaling.AutoScalingGroup(scope, 'Group', {
    ...groupOptions,
    vpc,
    vpcSubnets: { subnets },
    launchTemplate,
  });
  // The cloud controller and the CNI find the cluster's instances by this tag.
  Tags.of(group).add(`kubernetes.io/cluster/${ctx.clusterName}`, 'owned', { applyToLaunchedInstances: true });
  if (options.notifications === undefined) {
    Validations.of(group).acknowledge({
      id: 'AwsSolutions::AwsSolutions-AS3',
      reason: 'Scaling notifications go to an SNS topic of the user\'s choice (the `notifications` option) and none was given; nodes joining and '
        + 'leaving are visible in Kubernetes and in the group\'s activity history.',
    });
  }
  if (ctx.nodeDependencies.length > 0) {
    group.node.addDependency(...ctx.nodeDependencies);
  }
  return group;
}

function eksOptimizedImage(version: eks.KubernetesVersion, os: NodeOperatingSystem, instanceType: ec2.InstanceType): ec2.IMachineImage {
  const arm = instanceType.architecture === ec2.InstanceArchitecture.ARM_64;
  if (os === NodeOperatingSystem.AMAZON_LINUX_2) {
    return new eks.EksOptimizedImage({ kubernetesVersion: version.version, cpuArch: arm ? eks.CpuArch.ARM_64 : eks.CpuArch.X86_64 });
  }
  return ec2.MachineImage.fromSsmParameter(
    `/aws/service/eks/optimized-ami/${version.version}/amazon-linux-2023/${arm ? 'arm64' : 'x86_64'}/standard/recommended/image_id`);
}

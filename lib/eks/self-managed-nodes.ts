import { Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { NodeOperatingSystem } from './node-bootstrap';
import { describeToken } from '../core/token-description';
import { invalidProp } from '../core/validation';
import { kubernetesVersionHasAl2, LAST_KUBERNETES_VERSION_WITH_AL2 } from '../prerequisites/eks/eks-node-no-amazon-linux-2-on-new-kubernetes';

/**
 * Options of self-managed nodes (an Auto Scaling group) of an IPv6 cluster.
 *
 * The instance options (`blockDevices`, `keyName`, `keyPair`, `spotPrice`,
 * `associatePublicIpAddress`, `instanceMonitoring`) go onto the nodes' launch template. EBS volumes
 * are encrypted unless a block device sets `encrypted: false`; without `blockDevices` the root
 * volume (`/dev/xvda`, 20 GiB gp3) of the EKS-optimized AMI is encrypted with the account's EBS key.
 */
export interface SelfManagedNodesOptions extends autoscaling.CommonAutoScalingGroupProps {
  /**
   * The instance type, Nitro-based.
   */
  readonly instanceType: ec2.InstanceType;

  /**
   * The operating system, which decides the AMI and how the node bootstraps.
   * @default NodeOperatingSystem.AMAZON_LINUX_2023
   */
  readonly operatingSystem?: NodeOperatingSystem;

  /**
   * The AMI, which must be an EKS-optimized image of `operatingSystem` (it runs the bootstrap).
   * @default - the EKS-optimized AMI of the operating system, cluster version and instance architecture (SSM parameter)
   */
  readonly machineImage?: ec2.IMachineImage;

  /**
   * The kubelet's max pods. With IPv6 prefix delegation pod addresses are not the limit; EKS
   * recommends 110 below 30 vCPUs and 250 above.
   * @default 110
   */
  readonly maxPods?: number;

  /**
   * Accept an instance type this library does not know to be Nitro-based.
   * @default false
   */
  readonly allowUnlistedInstanceTypes?: boolean;
}

/**
 * Throws when the EKS-optimized AMI of the nodes cannot be chosen or does not exist: an instance
 * type that is a token (its architecture decides the AMI) without `machineImage`, or Amazon Linux 2
 * on a Kubernetes version EKS publishes no AL2 AMI for.
 */
export function checkSelfManagedImage(scope: IConstruct, id: string, options: SelfManagedNodesOptions, os: NodeOperatingSystem,
  kubernetesVersion: string): void {
  if (options.machineImage !== undefined) {
    return;
  }
  const instanceType = options.instanceType.toString();
  if (Token.isUnresolved(instanceType)) {
    invalidProp(scope, id, `instanceType: ${describeToken(instanceType)} is an instance type whose architecture cannot be read at synthesis, so the `
      + 'EKS-optimized AMI cannot be chosen. Give machineImage with it (an EKS-optimized image of that architecture).');
  }
  if (os === NodeOperatingSystem.AMAZON_LINUX_2 && !Token.isUnresolved(kubernetesVersion) && kubernetesVersionHasAl2(kubernetesVersion) === false) {
    invalidProp(scope, id, `operatingSystem: AMAZON_LINUX_2 has no EKS-optimized AMI for Kubernetes ${kubernetesVersion} (${LAST_KUBERNETES_VERSION_WITH_AL2} is the last version with `
      + 'AL2 AMIs): the AMI parameter does not exist and the deployment fails. Use NodeOperatingSystem.AMAZON_LINUX_2023 (the default).');
  }
}

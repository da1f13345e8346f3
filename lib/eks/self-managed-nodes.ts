import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NodeOperatingSystem } from './node-bootstrap';

/**
 * Options of self-managed nodes (an Auto Scaling group) of an IPv6 cluster.
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

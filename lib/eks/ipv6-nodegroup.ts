import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { isNitroInstanceType } from '../core/nitro-instance-types';
import { invalidProp } from '../core/validation';
import { isWindowsAmiType } from '../prerequisites/eks/eks-node-no-windows-ami';

/**
 * Options of a managed node group of an IPv6 cluster.
 *
 * Without `launchTemplateSpec`, EKS launches the nodes from its AMI and sets the kubelet's max pods
 * itself (110 below 30 vCPUs, 250 above), which is right for prefix delegation. Without `amiType`,
 * the nodes run Amazon Linux 2023 for the instance types' architecture.
 */
export interface Ipv6NodegroupOptions extends eks.NodegroupOptions {
  /**
   * Accept instance types this library does not know to be Nitro-based (a new family, a
   * value that is not `family.size`). Types known to run on Xen are refused anyway.
   * @default false
   */
  readonly allowUnlistedInstanceTypes?: boolean;
}

/**
 * Throws for an instance type that is not Nitro-based (EKS runs IPv6 clusters on Nitro nodes only),
 * or that the Nitro list does not know unless `allowUnlisted`.
 */
export function checkInstanceTypes(scope: IConstruct, id: string, prop: string, types: string[], allowUnlisted: boolean): void {
  for (const type of types) {
    if (Token.isUnresolved(type)) {
      continue;
    }
    const nitro = isNitroInstanceType(type);
    if (nitro === false) {
      invalidProp(scope, id, `${prop}: '${type}' is not built on the AWS Nitro System; EKS IPv6 clusters run on Nitro-based instances only. `
        + 'Choose a current-generation type (m6i.large, m7g.large, t3.medium ...).');
    }
    if (nitro === undefined && !allowUnlisted) {
      invalidProp(scope, id, `${prop}: '${type}' is not known to be Nitro-based; EKS IPv6 clusters run on Nitro-based instances only. `
        + 'Choose a listed type, or set allowUnlistedInstanceTypes: true if you checked that it is Nitro-based.');
    }
  }
}

/** Throws for a Windows AMI type: IPv6 clusters do not support Windows nodes. */
export function checkAmiType(scope: IConstruct, id: string, amiType: eks.NodegroupAmiType | undefined): void {
  if (amiType !== undefined && !Token.isUnresolved(amiType) && isWindowsAmiType(amiType)) {
    invalidProp(scope, id, `amiType: '${amiType}' is a Windows AMI; EKS does not support Windows pods and services in IPv6 clusters. `
      + 'Use an Amazon Linux 2023 or Bottlerocket AMI type.');
  }
}

/**
 * Amazon Linux 2023 for the architecture of the instance types, when they share one. aws-eks-v2
 * picks Amazon Linux 2 unless the app sets `@aws-cdk/aws-eks:defaultToAL2023`, and EKS publishes no
 * Amazon Linux 2 AMIs for Kubernetes 1.33 and later: the node group would fail to create.
 */
export function defaultAmiType(instanceTypes: ec2.InstanceType[]): eks.NodegroupAmiType | undefined {
  const architectures = new Set(instanceTypes.map(t => t.architecture));
  if (architectures.size !== 1) {
    return undefined;
  }
  return architectures.has(ec2.InstanceArchitecture.ARM_64)
    ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
    : eks.NodegroupAmiType.AL2023_X86_64_STANDARD;
}

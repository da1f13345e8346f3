import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { isNitroInstanceType } from '../core/nitro-instance-types';
import { describeToken } from '../core/token-description';
import { invalidProp } from '../core/validation';
import { isAmazonLinux2AmiType, kubernetesVersionHasAl2, LAST_KUBERNETES_VERSION_WITH_AL2 } from '../prerequisites/eks/eks-node-no-amazon-linux-2-on-new-kubernetes';
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
    if (nitro === undefined && allowUnlisted) {
      Annotations.of(scope).addWarningV2('cdk-ipv6-ready:eksUnlistedInstanceType', `${id}: ${prop} '${type}' is not in this library's list of Nitro-based `
        + 'families and was accepted because allowUnlistedInstanceTypes is true; EKS IPv6 nodes fail to join on a non-Nitro type.');
    }
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
 * Throws for a managed node group whose AMI cannot be chosen or would not exist: an instance type
 * that is a token (its architecture cannot be read), instance types of two
 * architectures, an `amiType` of the other architecture, or an Amazon Linux 2 `amiType` on a
 * Kubernetes version EKS publishes no AL2 AMI for. `prefix` is the prop path of the options
 * (`'defaultNodegroup.'` or `''`).
 */
export function checkNodegroupImage(scope: IConstruct, id: string, prefix: string, options: Ipv6NodegroupOptions, kubernetesVersion: string): void {
  const types = options.instanceTypes ?? [];
  const amiType = options.amiType;
  const token = types.find(t => Token.isUnresolved(t.toString()));
  if (token !== undefined) {
    // aws-eks-v2 reads the architecture of every instance type to check the AMI type, and fails on a token.
    invalidProp(scope, id, `${prefix}instanceTypes: ${describeToken(token.toString())} is an instance type whose architecture cannot be read at synthesis. `
      + 'Give literal instance types, or put the instance type in a launch template (launchTemplateSpec) and leave instanceTypes out.');
  }
  const known = types.filter(t => !Token.isUnresolved(t.toString()));
  const arm = known.filter(t => t.architecture === ec2.InstanceArchitecture.ARM_64).map(t => t.toString());
  const x86 = known.filter(t => t.architecture !== ec2.InstanceArchitecture.ARM_64).map(t => t.toString());
  if (arm.length > 0 && x86.length > 0) {
    invalidProp(scope, id, `${prefix}instanceTypes: [${[...arm, ...x86].join(', ')}] mixes ARM (${arm.join(', ')}) and x86 (${x86.join(', ')}) types; `
      + 'a node group runs one AMI. Give types of one architecture, and a second node group for the other.');
  }
  if (amiType === undefined || Token.isUnresolved(amiType)) {
    return;
  }
  const amiArm = amiType.toUpperCase().includes('ARM_64');
  const mismatched = amiArm ? x86 : arm;
  if (mismatched.length > 0) {
    invalidProp(scope, id, `${prefix}amiType: '${amiType}' is an ${amiArm ? 'ARM' : 'x86'} AMI, but instance types [${mismatched.join(', ')}] are `
      + `${amiArm ? 'x86' : 'ARM'}. Give an AMI type of their architecture (e.g. ${amiArm ? 'AL2023_X86_64_STANDARD' : 'AL2023_ARM_64_STANDARD'}), or leave amiType out.`);
  }
  if (isAmazonLinux2AmiType(amiType) && !Token.isUnresolved(kubernetesVersion) && kubernetesVersionHasAl2(kubernetesVersion) === false) {
    invalidProp(scope, id, `${prefix}amiType: '${amiType}' is Amazon Linux 2, and EKS publishes no Amazon Linux 2 AMI for Kubernetes ${kubernetesVersion} `
      + `(${LAST_KUBERNETES_VERSION_WITH_AL2} is the last): the node group would fail to create. Use an Amazon Linux 2023 AMI type (AL2023_X86_64_STANDARD, AL2023_ARM_64_STANDARD), or leave amiType out.`);
  }
}

/**
 * Amazon Linux 2023 for the architecture of the instance types (x86 without types: EKS then
 * launches t3.medium). aws-eks-v2 picks Amazon Linux 2 unless the app sets
 * `@aws-cdk/aws-eks:defaultToAL2023`, and EKS publishes no Amazon Linux 2 AMIs for Kubernetes 1.33
 * and later: the node group would fail to create. Call `checkNodegroupImage` first.
 */
export function defaultAmiType(instanceTypes: ec2.InstanceType[]): eks.NodegroupAmiType {
  return instanceTypes.some(t => t.architecture === ec2.InstanceArchitecture.ARM_64)
    ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
    : eks.NodegroupAmiType.AL2023_X86_64_STANDARD;
}

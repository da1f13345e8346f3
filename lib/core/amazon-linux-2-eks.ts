import { versionAtLeast } from './version';

/**
 * The first Kubernetes version for which Amazon EKS publishes no Amazon Linux 2 AMI: "1.32 is the
 * last version for which Amazon EKS will release AL2 AMIs" (Amazon EKS user guide, Amazon Linux 2
 * deprecation). AL2 managed node groups and the AL2 EKS-optimized AMI SSM parameters do not exist
 * from it on, so nodes that ask for them fail to deploy.
 */
export const FIRST_KUBERNETES_VERSION_WITHOUT_AL2: [number, number, number] = [1, 33, 0];

/**
 * Whether EKS publishes Amazon Linux 2 AMIs for the Kubernetes version (`'1.32'`), `undefined`
 * when the value is not a version.
 */
export function eksHasAmazonLinux2Amis(kubernetesVersion: string): boolean | undefined {
  const newer = versionAtLeast(kubernetesVersion, FIRST_KUBERNETES_VERSION_WITHOUT_AL2);
  return newer === undefined ? undefined : !newer;
}

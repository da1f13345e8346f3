import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * The operating system of self-managed nodes, which decides how they bootstrap.
 */
export enum NodeOperatingSystem {
  /** Amazon Linux 2023: `nodeadm` reads a `NodeConfig` from the user data. */
  AMAZON_LINUX_2023 = 'AL2023',
  /**
   * Amazon Linux 2: `/etc/eks/bootstrap.sh`. EKS publishes no AL2 AMI for Kubernetes 1.33 and later.
   */
  AMAZON_LINUX_2 = 'AL2',
}

/** What a node needs to know of the cluster it joins. */
export interface NodeBootstrapCluster {
  readonly clusterName: string;
  readonly endpoint: string;
  readonly certificateAuthorityData: string;
  readonly serviceIpv6Cidr: string;
  readonly maxPods: number;
}

/**
 * The user data that joins a node to an IPv6 cluster. Without the service IPv6 CIDR the bootstrap
 * assumes IPv4: the kubelet gets an IPv4 cluster DNS address and pods cannot resolve names.
 */
export function nodeUserData(os: NodeOperatingSystem, cluster: NodeBootstrapCluster): ec2.UserData {
  return os === NodeOperatingSystem.AMAZON_LINUX_2 ? bootstrapScript(cluster) : nodeadmConfig(cluster);
}

function bootstrapScript(cluster: NodeBootstrapCluster): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  // --use-max-pods false: the script's table counts IPv4 addresses per ENI, not IPv6 prefixes.
  userData.addCommands(
    'set -o xtrace',
    [
      `/etc/eks/bootstrap.sh ${cluster.clusterName}`,
      `--apiserver-endpoint '${cluster.endpoint}'`,
      `--b64-cluster-ca '${cluster.certificateAuthorityData}'`,
      '--ip-family ipv6',
      `--service-ipv6-cidr ${cluster.serviceIpv6Cidr}`,
      '--use-max-pods false',
      `--kubelet-extra-args '--max-pods=${cluster.maxPods}'`,
    ].join(' '),
  );
  return userData;
}

/**
 * A nodeadm `NodeConfig` (node.eks.aws/v1alpha1). nodeadm has no IP family field: it takes the
 * family from `spec.cluster.cidr`, the service CIDR.
 */
function nodeadmConfig(cluster: NodeBootstrapCluster): ec2.UserData {
  const boundary = 'IPV6READY';
  return ec2.UserData.custom([
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: application/node.eks.aws',
    '',
    '---',
    'apiVersion: node.eks.aws/v1alpha1',
    'kind: NodeConfig',
    'spec:',
    '  cluster:',
    `    name: ${cluster.clusterName}`,
    `    apiServerEndpoint: ${cluster.endpoint}`,
    `    certificateAuthority: ${cluster.certificateAuthorityData}`,
    `    cidr: ${cluster.serviceIpv6Cidr}`,
    '  kubelet:',
    '    config:',
    `      maxPods: ${cluster.maxPods}`,
    '',
    `--${boundary}--`,
    '',
  ].join('\n'));
}

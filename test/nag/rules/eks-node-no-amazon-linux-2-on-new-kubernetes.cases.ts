import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf } from '../support';

const ID = 'EKS-IPV6-17';

/** A launch template whose user data runs the AL2 bootstrap script for the cluster. */
function al2LaunchTemplate(scope: ReturnType<typeof eksStack>) {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(`/etc/eks/bootstrap.sh ${scope.cluster.ref} --ip-family ipv6 --service-ipv6-cidr ${scope.cluster.attrKubernetesNetworkConfigServiceIpv6Cidr}`);
  new ec2.CfnLaunchTemplate(scope.stack, 'SelfManaged', {
    launchTemplateData: { imageId: 'ami-0123456789abcdef0', userData: Fn.base64(userData.render()) },
  });
}

describe('EKS-IPV6-17 no Amazon Linux 2 nodes on Kubernetes 1.33 or later', () => {
  test('Noncompliance: an AL2 node group on a 1.33 cluster, on a cluster without a version (EKS default), and with its own Version 1.34', () => {
    const onNew = eksStack();
    onNew.cluster.version = '1.33';
    nodegroup(onNew.stack, onNew.cluster.ref, onNew.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_x86_64' });
    expect(findingsOf(onNew.stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-17[AmiType::AL2_x86_64] @ Nodes']);

    const byDefault = eksStack();
    nodegroup(byDefault.stack, byDefault.cluster.ref, byDefault.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_ARM_64' });
    expect(findingsOf(byDefault.stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-17[AmiType::AL2_ARM_64] @ Nodes']);

    const ownVersion = eksStack();
    ownVersion.cluster.version = '1.32';
    nodegroup(ownVersion.stack, ownVersion.cluster.ref, ownVersion.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_x86_64_GPU', version: '1.34' });
    expect(findingsOf(ownVersion.stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-17[AmiType::AL2_x86_64_GPU] @ Nodes']);
  });

  test('Noncompliance: self-managed nodes bootstrapped with /etc/eks/bootstrap.sh for a 1.35 cluster', () => {
    const scope = eksStack();
    scope.cluster.version = '1.35';
    al2LaunchTemplate(scope);
    expect(findingsOf(scope.stack, ID)).toEqual(['Ipv6Ready-EKS-IPV6-17[Cluster::Cluster] @ SelfManaged']);
  });

  test('Compliance: AL2 on 1.32, AL2023 and the default AMI type on 1.33, AL2 in an IPv4 cluster, bootstrap.sh for a 1.32 cluster', () => {
    const old = eksStack();
    old.cluster.version = '1.32';
    nodegroup(old.stack, old.cluster.ref, old.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_x86_64' });
    al2LaunchTemplate(old);
    expect(findingsOf(old.stack, ID)).toEqual([]);

    for (const amiType of ['AL2023_x86_64_STANDARD', 'BOTTLEROCKET_ARM_64', undefined]) {
      const current = eksStack();
      current.cluster.version = '1.33';
      nodegroup(current.stack, current.cluster.ref, current.vpc.privateSubnets.map(s => s.subnetId), { amiType });
      expect({ amiType, findings: findingsOf(current.stack, ID) }).toEqual({ amiType, findings: [] });
    }

    const ipv4 = eksStack('ipv4');
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_x86_64' });
    expect(findingsOf(ipv4.stack, ID)).toEqual([]);
  });

  test('Cannot judge: a Kubernetes version from a parameter', () => {
    const scope = eksStack();
    scope.cluster.version = new CfnParameter(scope.stack, 'Version', { type: 'String' }).valueAsString;
    nodegroup(scope.stack, scope.cluster.ref, scope.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2_x86_64' });
    expect(findingsOf(scope.stack, ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-17] @ Nodes']);
  });
});

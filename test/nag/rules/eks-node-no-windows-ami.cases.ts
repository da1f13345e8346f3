import { CfnParameter } from 'aws-cdk-lib';
import { eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf } from '../support';

describe('EKS-IPV6-3 no Windows nodes in an IPv6 cluster (plain aws-eks CfnCluster and CfnNodegroup)', () => {
  test('Noncompliance: a Windows AMI type', () => {
    const { stack, vpc, cluster } = eksStack();
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { amiType: 'WINDOWS_CORE_2022_x86_64' });
    expect(findingsOf(stack, 'EKS-IPV6-3')).toEqual(['Ipv6Ready-EKS-IPV6-3[AmiType::WINDOWS_CORE_2022_x86_64] @ Nodes']);
  });

  test('Noncompliance: a Windows AMI type, the cluster named by its literal Name', () => {
    const { stack, vpc, cluster } = eksStack();
    cluster.name = 'ipv6-cluster';
    nodegroup(stack, 'ipv6-cluster', vpc.privateSubnets.map(s => s.subnetId), { amiType: 'WINDOWS_FULL_2019_x86_64' });
    expect(findingsOf(stack, 'EKS-IPV6-3')).toEqual(['Ipv6Ready-EKS-IPV6-3[AmiType::WINDOWS_FULL_2019_x86_64] @ Nodes']);
  });

  test('Compliance: Linux AMI types, the default, and Windows in an IPv4 cluster', () => {
    const linux = eksStack();
    nodegroup(linux.stack, linux.cluster.ref, linux.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'AL2023_x86_64_STANDARD' });
    expect(findingsOf(linux.stack, 'EKS-IPV6-3')).toEqual([]);

    const byDefault = eksStack();
    nodegroup(byDefault.stack, byDefault.cluster.ref, byDefault.vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(byDefault.stack, 'EKS-IPV6-3')).toEqual([]);

    const ipv4 = eksStack('ipv4');
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'WINDOWS_FULL_2022_x86_64' });
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-3')).toEqual([]);
  });

  test('Cannot judge: a cluster name not defined in the template, and an AMI type from a parameter', () => {
    const literal = eksStack();
    nodegroup(literal.stack, 'other-cluster', literal.vpc.privateSubnets.map(s => s.subnetId), { amiType: 'WINDOWS_CORE_2022_x86_64' });
    expect(findingsOf(literal.stack, 'EKS-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-3] @ Nodes']);

    const parameter = eksStack();
    const amiType = new CfnParameter(parameter.stack, 'AmiType', { type: 'String' });
    nodegroup(parameter.stack, parameter.cluster.ref, parameter.vpc.privateSubnets.map(s => s.subnetId), { amiType: amiType.valueAsString });
    expect(findingsOf(parameter.stack, 'EKS-IPV6-3')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-3] @ Nodes']);
  });
});

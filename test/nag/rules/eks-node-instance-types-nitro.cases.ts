import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf } from '../support';

describe('EKS-IPV6-9 node instance types are Nitro (plain aws-eks CfnCluster and CfnNodegroup)', () => {
  test('Noncompliance: a Xen type in InstanceTypes, one finding per type', () => {
    const { stack, vpc, cluster } = eksStack();
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['t2.large', 'm5.large', 'm4.xlarge'] });
    expect(findingsOf(stack, 'EKS-IPV6-9')).toEqual([
      'Ipv6Ready-EKS-IPV6-9[InstanceType::m4.xlarge] @ Nodes',
      'Ipv6Ready-EKS-IPV6-9[InstanceType::t2.large] @ Nodes',
    ]);
  });

  test('Noncompliance: a Xen type in the launch template', () => {
    const { stack, vpc, cluster } = eksStack();
    const lt = new ec2.CfnLaunchTemplate(stack, 'LaunchTemplate', { launchTemplateData: { instanceType: 'c4.large' } });
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber } });
    expect(findingsOf(stack, 'EKS-IPV6-9')).toEqual(['Ipv6Ready-EKS-IPV6-9[InstanceType::c4.large] @ Nodes']);
  });

  test('Compliance: Nitro types, the default type, the launch template found by name, and an IPv4 cluster on Xen', () => {
    const nitro = eksStack();
    nodegroup(nitro.stack, nitro.cluster.ref, nitro.vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['m5.large', 't3.medium', 'm8g.large', 'i3.metal'] });
    expect(findingsOf(nitro.stack, 'EKS-IPV6-9')).toEqual([]);

    const byDefault = eksStack();
    nodegroup(byDefault.stack, byDefault.cluster.ref, byDefault.vpc.privateSubnets.map(s => s.subnetId));
    expect(findingsOf(byDefault.stack, 'EKS-IPV6-9')).toEqual([]);

    const named = eksStack();
    new ec2.CfnLaunchTemplate(named.stack, 'LaunchTemplate', { launchTemplateName: 'nodes', launchTemplateData: { instanceType: 'c6i.large' } });
    nodegroup(named.stack, named.cluster.ref, named.vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { name: 'nodes', version: '1' } });
    expect(findingsOf(named.stack, 'EKS-IPV6-9')).toEqual([]);

    const ipv4 = eksStack('ipv4');
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['t2.large'] });
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-9')).toEqual([]);

    const noFamily = eksStack(null);
    nodegroup(noFamily.stack, noFamily.cluster.ref, noFamily.vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['t2.large'] });
    expect(findingsOf(noFamily.stack, 'EKS-IPV6-9')).toEqual([]);
  });

  test('Cannot judge: a cluster name not defined in the template, an imported launch template, an unknown family', () => {
    const literal = eksStack();
    nodegroup(literal.stack, 'other-cluster', literal.vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['t2.large'] });
    expect(findingsOf(literal.stack, 'EKS-IPV6-9')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-9] @ Nodes']);

    const imported = eksStack();
    nodegroup(imported.stack, imported.cluster.ref, imported.vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { id: 'lt-0123456789abcdef0', version: '1' } });
    expect(findingsOf(imported.stack, 'EKS-IPV6-9')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-9] @ Nodes']);

    const unknown = eksStack();
    nodegroup(unknown.stack, unknown.cluster.ref, unknown.vpc.privateSubnets.map(s => s.subnetId), { instanceTypes: ['q2.large'] });
    expect(findingsOf(unknown.stack, 'EKS-IPV6-9')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-9] @ Nodes']);
  });
});

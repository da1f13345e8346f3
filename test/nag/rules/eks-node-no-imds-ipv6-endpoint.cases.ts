import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import { eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf } from '../support';

function launchTemplate(scope: Construct, httpProtocolIpv6?: string, userData?: string) {
  return new ec2.CfnLaunchTemplate(scope, 'LaunchTemplate', {
    launchTemplateData: {
      metadataOptions: httpProtocolIpv6 === undefined ? undefined : { httpTokens: 'required', httpProtocolIpv6 },
      userData,
    },
  });
}

function bootstrapUserData(cluster: eks.CfnCluster) {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(`/etc/eks/bootstrap.sh ${cluster.ref} --ip-family ipv6 --service-ipv6-cidr ${cluster.attrKubernetesNetworkConfigServiceIpv6Cidr}`);
  return Fn.base64(userData.render());
}

describe('EKS-IPV6-15 node launch templates keep the IMDS IPv6 endpoint off (plain aws-ec2 CfnLaunchTemplate)', () => {
  test('Noncompliance: the launch template of a node group of an IPv6 cluster', () => {
    const { stack, vpc, cluster } = eksStack();
    const lt = launchTemplate(stack, 'enabled');
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber } });
    expect(findingsOf(stack, 'EKS-IPV6-15')).toEqual(['Ipv6Ready-EKS-IPV6-15 @ LaunchTemplate']);
  });

  test('Noncompliance: the launch template of self-managed nodes (bootstrap.sh) of an IPv6 cluster', () => {
    const { stack, cluster } = eksStack();
    launchTemplate(stack, 'enabled', bootstrapUserData(cluster));
    expect(findingsOf(stack, 'EKS-IPV6-15')).toEqual(['Ipv6Ready-EKS-IPV6-15 @ LaunchTemplate']);
  });

  test('Compliance: disabled or left out; an IPv4 cluster; a launch template that starts no EKS node', () => {
    for (const setting of ['disabled', undefined]) {
      const { stack, vpc, cluster } = eksStack();
      const lt = launchTemplate(stack, setting);
      nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber } });
      expect(findingsOf(stack, 'EKS-IPV6-15')).toEqual([]);
    }

    const ipv4 = eksStack('ipv4');
    const lt4 = launchTemplate(ipv4.stack, 'enabled', bootstrapUserData(ipv4.cluster));
    nodegroup(ipv4.stack, ipv4.cluster.ref, ipv4.vpc.privateSubnets.map(s => s.subnetId), {
      launchTemplate: { id: lt4.ref, version: lt4.attrLatestVersionNumber },
    });
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-15')).toEqual([]);

    const other = eksStack();
    const web = ec2.UserData.forLinux();
    web.addCommands('dnf install -y nginx');
    launchTemplate(other.stack, 'enabled', Fn.base64(web.render()));
    expect(findingsOf(other.stack, 'EKS-IPV6-15')).toEqual([]);
  });

  test('Cannot judge: a node group whose launch template is not in the template; enabled on a template of unreadable user data', () => {
    const imported = eksStack();
    nodegroup(imported.stack, imported.cluster.ref, imported.vpc.privateSubnets.map(s => s.subnetId), {
      launchTemplate: { id: 'lt-0123456789abcdef0', version: '1' },
    });
    expect(findingsOf(imported.stack, 'EKS-IPV6-15')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-15] @ Nodes']);

    const unreadable = eksStack();
    launchTemplate(unreadable.stack, 'enabled', Fn.base64(Fn.importValue('NodeUserData')));
    expect(findingsOf(unreadable.stack, 'EKS-IPV6-15')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-15] @ LaunchTemplate']);
  });
});

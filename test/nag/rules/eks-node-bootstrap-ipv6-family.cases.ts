import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import { eksStack, nodegroup } from '../eks-fixtures';
import { findingsOf } from '../support';

function launchTemplate(scope: Construct, commands: string[] | string, imageId = 'ami-0123456789abcdef0') {
  let userData: string;
  if (Array.isArray(commands)) {
    const script = ec2.UserData.forLinux();
    script.addCommands(...commands);
    userData = Fn.base64(script.render());
  } else {
    userData = commands;
  }
  return new ec2.CfnLaunchTemplate(scope, 'LaunchTemplate', { launchTemplateData: { imageId, instanceType: 'm6i.large', userData } });
}

function nodeConfig(cidr?: string, name = 'my-cluster') {
  return Fn.base64([
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: application/node.eks.aws',
    '',
    '---',
    'apiVersion: node.eks.aws/v1alpha1',
    'kind: NodeConfig',
    'spec:',
    '  cluster:',
    `    name: ${name}`,
    '    apiServerEndpoint: https://EXAMPLE.gr7.eu-west-1.eks.amazonaws.com',
    '    certificateAuthority: Y2VydGlmaWNhdGVBdXRob3JpdHk=',
    ...(cidr === undefined ? [] : [`    cidr: ${cidr}`]),
    '',
    '--BOUNDARY--',
  ].join('\n'));
}

describe('EKS-IPV6-16 self-managed nodes bootstrap with the IPv6 family (plain aws-ec2 CfnLaunchTemplate and UserData)', () => {
  test('Noncompliance: bootstrap.sh without --ip-family and --service-ipv6-cidr', () => {
    const { stack, cluster } = eksStack();
    launchTemplate(stack, [`/etc/eks/bootstrap.sh ${cluster.ref}`]);
    expect(findingsOf(stack, 'EKS-IPV6-16')).toEqual([
      'Ipv6Ready-EKS-IPV6-16[BootstrapArgument::--ip-family] @ LaunchTemplate',
      'Ipv6Ready-EKS-IPV6-16[BootstrapArgument::--service-ipv6-cidr] @ LaunchTemplate',
    ]);
  });

  test('Noncompliance: the same, as user data that is a literal base64 string', () => {
    const { stack } = eksStack();
    launchTemplate(stack, Buffer.from('#!/bin/bash\n/etc/eks/bootstrap.sh my-cluster --ip-family ipv6\n').toString('base64'));
    expect(findingsOf(stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-EKS-IPV6-16[BootstrapArgument::--service-ipv6-cidr] @ LaunchTemplate']);
  });

  test('Noncompliance: bootstrap.sh with --ip-family ipv4, in a launch configuration', () => {
    const { stack, cluster } = eksStack();
    const script = ec2.UserData.forLinux();
    script.addCommands(`/etc/eks/bootstrap.sh ${cluster.ref} --ip-family ipv4 --service-ipv6-cidr fd00:ec2::/108`);
    new autoscaling.CfnLaunchConfiguration(stack, 'LaunchConfiguration', {
      imageId: 'ami-0123456789abcdef0', instanceType: 'm6i.large', userData: Fn.base64(script.render()),
    });
    expect(findingsOf(stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-EKS-IPV6-16[BootstrapArgument::--ip-family] @ LaunchConfiguration']);
  });

  test('Noncompliance: a NodeConfig without spec.cluster.cidr, or with an IPv4 one', () => {
    for (const cidr of [undefined, '10.100.0.0/16']) {
      const { stack } = eksStack();
      launchTemplate(stack, nodeConfig(cidr));
      expect(findingsOf(stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-EKS-IPV6-16[NodeConfig::spec.cluster.cidr] @ LaunchTemplate']);
    }
  });

  test('Compliance: bootstrap.sh with both arguments; NodeConfig with the cluster\'s service IPv6 CIDR or a literal one', () => {
    const script = eksStack();
    launchTemplate(script.stack, [
      `/etc/eks/bootstrap.sh ${script.cluster.ref} --ip-family ipv6 --service-ipv6-cidr ${script.cluster.attrKubernetesNetworkConfigServiceIpv6Cidr}`,
    ]);
    expect(findingsOf(script.stack, 'EKS-IPV6-16')).toEqual([]);

    const getAtt = eksStack();
    launchTemplate(getAtt.stack, nodeConfig(getAtt.cluster.attrKubernetesNetworkConfigServiceIpv6Cidr, getAtt.cluster.ref));
    expect(findingsOf(getAtt.stack, 'EKS-IPV6-16')).toEqual([]);

    const literal = eksStack();
    launchTemplate(literal.stack, nodeConfig('fd12:3456:789a::/108'));
    expect(findingsOf(literal.stack, 'EKS-IPV6-16')).toEqual([]);

    // The same user data as a literal base64 string.
    const base64 = eksStack();
    launchTemplate(base64.stack, Buffer.from('#!/bin/bash\n/etc/eks/bootstrap.sh my-cluster --ip-family ipv6 --service-ipv6-cidr fd00:ec2::/108\n').toString('base64'));
    expect(findingsOf(base64.stack, 'EKS-IPV6-16')).toEqual([]);
  });

  test('Not applicable: an IPv4 cluster, user data that bootstraps no node, a managed node group on an EKS AMI', () => {
    const ipv4 = eksStack('ipv4');
    launchTemplate(ipv4.stack, [`/etc/eks/bootstrap.sh ${ipv4.cluster.ref}`]);
    expect(findingsOf(ipv4.stack, 'EKS-IPV6-16')).toEqual([]);

    // A cluster of each family; the user data names the IPv4 one.
    const both = eksStack();
    const other = new eks.CfnCluster(both.stack, 'Ipv4Cluster', {
      roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
      resourcesVpcConfig: { subnetIds: both.vpc.privateSubnets.map(s => s.subnetId) },
    });
    launchTemplate(both.stack, [`/etc/eks/bootstrap.sh ${other.ref}`]);
    expect(findingsOf(both.stack, 'EKS-IPV6-16')).toEqual([]);

    const web = eksStack();
    launchTemplate(web.stack, ['dnf install -y nginx']);
    expect(findingsOf(web.stack, 'EKS-IPV6-16')).toEqual([]);

    const managed = eksStack();
    const lt = new ec2.CfnLaunchTemplate(managed.stack, 'LaunchTemplate', { launchTemplateData: { userData: nodeConfig() } });
    nodegroup(managed.stack, managed.cluster.ref, managed.vpc.privateSubnets.map(s => s.subnetId), {
      launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber },
    });
    expect(findingsOf(managed.stack, 'EKS-IPV6-16')).toEqual([]);
  });

  test('Noncompliance: a managed node group on a custom AMI bootstraps itself', () => {
    const { stack, vpc, cluster } = eksStack();
    const lt = launchTemplate(stack, nodeConfig());
    nodegroup(stack, cluster.ref, vpc.privateSubnets.map(s => s.subnetId), { launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber } });
    expect(findingsOf(stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-EKS-IPV6-16[NodeConfig::spec.cluster.cidr] @ LaunchTemplate']);
  });

  test('Cannot judge: user data that is an import; a NodeConfig cidr from a parameter', () => {
    const imported = eksStack();
    launchTemplate(imported.stack, Fn.base64(Fn.importValue('NodeUserData')));
    expect(findingsOf(imported.stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-16] @ LaunchTemplate']);

    const parameter = eksStack();
    const cidr = new CfnParameter(parameter.stack, 'ServiceCidr', { type: 'String' });
    launchTemplate(parameter.stack, nodeConfig(cidr.valueAsString));
    expect(findingsOf(parameter.stack, 'EKS-IPV6-16')).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-16] @ LaunchTemplate']);
  });
});

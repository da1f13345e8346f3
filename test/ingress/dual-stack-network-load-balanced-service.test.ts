import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackNetworkLoadBalancedService, DualStackNetworkLoadBalancedServiceProps, DualStackVpc, Ipv6EksCluster, Ipv6ReadinessChecks } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  return { app, stack, vpc, certificate, hostedZone };
}

function service(props: (s: ReturnType<typeof setup>) => Partial<DualStackNetworkLoadBalancedServiceProps>) {
  const s = setup();
  const entry = new DualStackNetworkLoadBalancedService(s.stack, 'Entry', { vpc: s.vpc, ...props(s) });
  return { ...s, entry, template: Template.fromStack(s.stack) };
}

const getAtt = (stack: Stack, construct: { node: { defaultChild?: unknown } }, attribute: string) =>
  ({ 'Fn::GetAtt': [stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId), attribute] });

describe('DualStackNetworkLoadBalancedService', () => {
  test('defaults with a certificate: a dualstack internet-facing NLB, TLS on 443 with the current policy, an IPv6 TCP ip target group on 443', () => {
    const { template, entry } = service(s => ({ certificate: s.certificate }));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: 'internet-facing', IpAddressType: 'dualstack' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'TLS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'TCP', Port: 443, TargetType: 'ip', IpAddressType: 'ipv6' });
    expect(entry.connections.defaultPort?.toString()).toEqual('443');
  });

  test('TCP on a given port: the security group admits that port from both families and nothing else', () => {
    const { template } = service(() => ({ port: 5432, targetPort: 5432 }));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 5432, Protocol: 'TCP' });
    const group = Object.values(template.findResources('AWS::EC2::SecurityGroup'))
      .find(g => String(g.Properties.GroupDescription).startsWith('Dual-stack entry point'))!;
    expect(group.Properties.SecurityGroupIngress.map((r: Record<string, unknown>) => [r.CidrIp ?? r.CidrIpv6, r.FromPort, r.ToPort]))
      .toEqual([['0.0.0.0/0', 5432, 5432], ['::/0', 5432, 5432]]);
  });

  test('alias A and AAAA to the NLB\'s DNS name, without the dualstack. prefix', () => {
    const { stack, entry, template } = service(s => ({ certificate: s.certificate, hostedZone: s.hostedZone, recordName: 'tls' }));
    for (const Type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Type, Name: 'tls.example.com.', AliasTarget: { DNSName: getAtt(stack, entry.loadBalancer, 'DNSName'), HostedZoneId: getAtt(stack, entry.loadBalancer, 'CanonicalHostedZoneID'), EvaluateTargetHealth: true },
      });
    }
  });

  test('bound to an IPv6 cluster: no unacknowledged AwsSolutions or Ipv6Ready finding', () => {
    const s = setup();
    const kubernetes = new Ipv6EksCluster(s.stack, 'Kubernetes', {
      vpc: s.vpc,
      albController: { version: eks.AlbControllerVersion.V2_8_2 },
      kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s.stack, 'Layer', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1') },
    });
    new DualStackNetworkLoadBalancedService(s.stack, 'Entry', {
      vpc: s.vpc, certificate: s.certificate, cluster: kubernetes.cluster, service: { name: 'db' }, targetPort: 8443, hostedZone: s.hostedZone,
    });
    expect(formatFindings(nagFindings(s.app, new AwsSolutionsChecks(s.app), new Ipv6ReadinessChecks(s.app)))).toEqual('');
  });

  test.each([
    ['no port and no certificate', () => ({}), /^\[Stack\/Entry\] port: undefined, and a TCP listener \(no certificate\) has no default port/],
    ['access logs on a TCP listener', (s: ReturnType<typeof setup>) => ({ port: 5432, accessLogs: { bucket: s3.Bucket.fromBucketName(s.stack, 'Logs', 'logs') } }),
      /^\[Stack\/Entry\] accessLogs: a Network Load Balancer writes access logs for TLS listeners only/],
    ['port 70000', () => ({ port: 70000 }), /^\[Stack\/Entry\] port: 70000 is not a port/],
  ])('refused: %s', (_, props, message) => {
    const s = setup();
    expect(() => new DualStackNetworkLoadBalancedService(s.stack, 'Entry', { vpc: s.vpc, ...props(s) })).toThrow(message);
    expect(s.stack.node.tryFindChild('Entry')).toBeUndefined();
  });
});

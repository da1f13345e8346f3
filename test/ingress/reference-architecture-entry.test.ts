import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { INGRESS_CONTEXT, ReferenceArchitectureStack } from '../../examples/reference-architecture';
import { Ipv6ReadinessChecks } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

const ZONE = { [INGRESS_CONTEXT.hostedZoneId]: 'Z0123456789ABCDEFGHIJ', [INGRESS_CONTEXT.zoneName]: 'example.com' };

describe('the reference architecture\'s entry point', () => {
  test.each([['without a hosted zone', {}], ['with the hosted zone context', ZONE]])('%s: no AwsSolutions or Ipv6Ready finding', (_, context) => {
    const app = new App({ context });
    new ReferenceArchitectureStack(app, 'Reference');
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('the load balancer, its listeners, the IPv6 target group and the binding are in the template, and no Ingress', () => {
    const template = Template.fromStack(new ReferenceArchitectureStack(new App(), 'Reference'));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack', Scheme: 'internet-facing' });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', IpAddressType: 'ipv6' });
    const manifests = JSON.stringify(template.findResources('Custom::AWSCDK-EKS-KubernetesResource'));
    expect(manifests).toContain('\\"kind\\":\\"TargetGroupBinding\\"');
    expect(manifests).not.toContain('\\"kind\\":\\"Ingress\\"');
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('with the hosted zone context: a certificate validated in the zone, A and AAAA aliases hello.<zone>', () => {
    const template = Template.fromStack(new ReferenceArchitectureStack(new App({ context: ZONE }), 'Reference'));
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'hello.example.com', ValidationMethod: 'DNS', DomainValidationOptions: [{ DomainName: 'hello.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    for (const Type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', { Type, Name: 'hello.example.com.', AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }) });
    }
  });
});

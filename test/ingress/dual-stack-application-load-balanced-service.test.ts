import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackApplicationLoadBalancedService, DualStackApplicationLoadBalancedServiceProps, DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

function service(props: Partial<DualStackApplicationLoadBalancedServiceProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  const entry = new DualStackApplicationLoadBalancedService(stack, 'Entry', { vpc, certificate, hostedZone: zone, recordName: 'www', ...props });
  return { app, stack, vpc, entry, template: () => Template.fromStack(stack) };
}

describe('DualStackApplicationLoadBalancedService', () => {
  test('smoke', () => {
    const { app, template } = service();
    const r = template().toJSON().Resources; console.log(JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith("Entry"))), undefined, 1));
    console.log(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app))));
  });
});

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Ipv6ReadinessChecks } from '../lib';
import { ReferenceArchitectureStack } from './reference-architecture';

const app = new App();
new ReferenceArchitectureStack(app, 'Ipv6ReadyReferenceArchitecture', {
  description: 'cdk-ipv6-ready reference architecture: dual-stack VPC, MSK and EKS on IPv6',
});
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true }),
  new Ipv6ReadinessChecks(app, { verbose: true }),
);
app.synth();

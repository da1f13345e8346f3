import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
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
const assembly = app.synth();
// On stderr: stdout carries the template that `cdk synth` prints.
console.error(`Validation report (AwsSolutions, Ipv6Ready, CloudFormation schema): ${path.join(assembly.directory, cxapi.VALIDATION_REPORT_FILE)}`);

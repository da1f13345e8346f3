/**
 * The reference architecture stack without the cdk-nag packs of examples/app.ts: lets the
 * benchmark tell the constructs' synthesis cost from the rule packs' (see bench/README.md).
 */
import { App } from 'aws-cdk-lib';
import { ReferenceArchitectureStack } from '../examples/reference-architecture';

const app = new App();
new ReferenceArchitectureStack(app, 'Ipv6ReadyReferenceArchitecture', {
  description: 'cdk-ipv6-ready reference architecture: dual-stack VPC, MSK and EKS on IPv6',
});
app.synth();

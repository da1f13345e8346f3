/**
 * The smoke test's app (`test/packed/run.sh`): a user's app on the packed library, every construct,
 * synthesized environment-agnostic and with a concrete account and region as production stacks
 * are, with AwsSolutionsChecks and Ipv6ReadinessChecks. Exit 1 on any unacknowledged finding.
 */
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EveryConstructStack } from './every-construct-stack';
import { formatFindings, nagFindings } from '../support/nag';
import { Ipv6ReadinessChecks } from 'cdk-ipv6-ready';
// The unit tests' reader of the validation report: it also fails when a pack crashed or never ran.

const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
new EveryConstructStack(app, 'Agnostic');
new EveryConstructStack(app, 'Production', { env: { account: '111111111111', region: 'us-east-1' } });
const findings = nagFindings(app, new AwsSolutionsChecks(app, { verbose: true }), new Ipv6ReadinessChecks(app, { verbose: true }));
if (findings.length > 0) {
  console.error(`unacknowledged findings:\n${formatFindings(findings)}`);
  process.exit(1);
}
const stacks = app.synth().stacks.map(s => `${s.stackName} (${Object.keys(s.template.Resources).length} resources)`);
console.log(`smoke: ${stacks.join(', ')} synthesized with AwsSolutionsChecks and Ipv6ReadinessChecks: 0 unacknowledged findings`);

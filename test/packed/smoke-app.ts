/**
 * The smoke test's app (`test/packed/run.sh`): a user's app on the packed library, every construct,
 * synthesized environment-agnostic and with a concrete account and region as production stacks
 * are, with AwsSolutionsChecks and Ipv6ReadinessChecks. Exit 1 on any unacknowledged finding.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EveryConstructStack } from './every-construct-stack';
import { Ipv6ReadinessChecks } from 'cdk-ipv6-ready';

const outdir = process.env.CDK_OUTDIR ?? 'cdk.out';
const app = new App({ outdir });
new EveryConstructStack(app, 'Agnostic');
new EveryConstructStack(app, 'Production', { env: { account: '111111111111', region: 'us-east-1' } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new Ipv6ReadinessChecks(app, { verbose: true }));

// CDK throws on failed validations once it has written the report; print what failed either way.
let failed: unknown;
try {
  app.synth();
} catch (e) {
  failed = e;
}
const reportFile = path.join(outdir, cxapi.VALIDATION_REPORT_FILE);
const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')) : { pluginReports: [] };
const violations = (report.pluginReports ?? []).flatMap((r: any) => [
  ...(r.metadata?.error ? [`${r.pluginName} crashed: ${r.metadata.error}`] : []),
  ...(r.violations ?? []).flatMap((v: any) => (v.violatingConstructs ?? []).map((c: any) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`)),
]);
for (const v of violations) console.error(`unacknowledged: ${v}`);
if (failed !== undefined || violations.length > 0) {
  console.error(failed instanceof Error ? failed.message : 'validation failed');
  process.exit(1);
}
const stacks = app.synth().stacks.map(s => `${s.stackName} (${Object.keys(s.template.Resources).length} resources)`);
console.log(`smoke: ${stacks.join(', ')} synthesized with AwsSolutionsChecks and Ipv6ReadinessChecks: 0 unacknowledged findings`);

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cfninc from 'aws-cdk-lib/cloudformation-include';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Ipv6ReadinessChecks } from '../ipv6-readiness-checks';

/** One finding of the pack in a template. */
export interface TemplateFinding {
  readonly template: string;
  readonly level: 'error' | 'warning';
  /** `Ipv6Ready-<rule id>`, with a granular part in brackets where the rule gives one. */
  readonly ruleId: string;
  /** The template's logical id of the resource. */
  readonly resource: string;
  readonly resourceType: string;
  /** What the rule checks, why it matters and the fix. */
  readonly description: string;
}

const INCLUDE_ID = 'Template';

/**
 * Runs the IPv6 readiness pack on CloudFormation templates that were not written with CDK:
 * each is loaded with `cloudformation-include` into its own stack, synthesized, and judged
 * exactly as a CDK app would be.
 */
export function checkTemplates(templateFiles: string[]): TemplateFinding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ipv6-ready-check-'));
  try {
    const app = new App({
      outdir,
      // The findings are read from the validation report: synthesis must not stop at them.
      context: { [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false },
      analyticsReporting: false,
    });
    const stacks = templateFiles.map((file, i) => {
      const stack = new Stack(app, `Template${i + 1}`);
      const included = new cfninc.CfnInclude(stack, INCLUDE_ID, { templateFile: file });
      return { file, stack, included };
    });
    Validations.of(app).addPlugins(new Ipv6ReadinessChecks(app, { verbose: true }));
    app.synth();
    return readReport(outdir).flatMap(violation => violation.violatingConstructs.map(resource => {
      const { file, included } = stacks.find(s => resource.constructPath.startsWith(`${s.stack.node.path}/`))!;
      const logicalId = resource.constructPath.split('/')[2];
      return {
        template: file,
        level: violation.severity === 'error' ? 'error' : 'warning',
        ruleId: violation.ruleName,
        resource: logicalId,
        resourceType: included.getResource(logicalId).cfnResourceType,
        description: violation.description,
      } as TemplateFinding;
    }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: Array<{ readonly constructPath: string }>;
}

function readReport(outdir: string): ReportViolation[] {
  const file = path.join(outdir, cxapi.VALIDATION_REPORT_FILE);
  if (!fs.existsSync(file)) {
    // CDK writes no report when no plugin found anything.
    return [];
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const ours = (report.pluginReports ?? []).filter((r: { pluginName: string }) => r.pluginName === 'Ipv6Ready');
  return ours.flatMap((r: { violations?: ReportViolation[] }) => r.violations ?? []);
}

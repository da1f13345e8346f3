/**
 * Test helper for cdk-nag v3 rule packs.
 *
 * cdk-nag v3 packs are CDK policy-validation plugins (`IPolicyValidationPlugin`), not Aspects:
 *
 *   Validations.of(app).addPlugins(new AwsSolutionsChecks(app));          // register
 *   Validations.of(construct).acknowledge({ id: 'AwsSolutions-S1', reason: '...' }); // suppress
 *
 * They run at the end of `app.synth()` and report through CDK's validation report
 * (`validation-report.json` in the cloud assembly), not through annotations. By default a
 * failing report makes `synth()` throw (in jest, `NODE_ENV=test` puts CDK in "inmemory" mode).
 * The context key `@aws-cdk/core:failSynthOnValidationErrors: false` turns that off; CDK then only
 * writes the report. This helper synthesizes, reads that report and returns the unacknowledged
 * findings of the packs it was given.
 *
 * Usage:
 *
 *   const app = nagApp();                       // or any App (see nagFindings)
 *   const stack = new Stack(app, 'S');
 *   ...
 *   const findings = nagFindings(app, new AwsSolutionsChecks());
 *   expect(formatFindings(findings)).toEqual('');
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps, CfnElement, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';

/** One unacknowledged violation of one rule by one construct. */
export interface NagFinding {
  /** Name of the pack (validation plugin) that reported it, e.g. `AwsSolutions`. */
  readonly pack: string;
  /** Rule id, e.g. `AwsSolutions-S1`, or `AwsSolutions-IAM5[Action::s3:*]` for a granular finding. */
  readonly ruleId: string;
  /** Severity: `error` (NagMessageLevel.ERROR) or `warning` (NagMessageLevel.WARN) for cdk-nag packs. */
  readonly level: string;
  /** Construct path of the violating construct, e.g. `MyStack/Bucket/Resource`. */
  readonly path: string;
  /** CloudFormation logical id of the violating resource, when the construct is a CfnElement. */
  readonly logicalId?: string;
  /** The rule's description (cdk-nag's `info`, plus `explanation` when the pack is `verbose`). */
  readonly message: string;
}

/**
 * Context that keeps `synth()` from throwing on validation errors; CDK still writes the report.
 * Pass it to `new App({ context })` when you build the App yourself.
 */
export const NAG_APP_CONTEXT: Readonly<Record<string, unknown>> = {
  [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
};

/** An App whose synthesis records validation failures instead of throwing. */
export function nagApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...props.context, ...NAG_APP_CONTEXT } });
}

/**
 * Registers `packs` on `app`, synthesizes it (forced, so an App that was synthesized before is
 * validated again) and returns the findings nobody acknowledged, sorted by path then rule id.
 *
 * Works with any App. With an App from `nagApp()` (or with `NAG_APP_CONTEXT`), synthesis does not
 * fail; with a plain App, the `ValidationFailed` error CDK throws after writing the report is caught.
 * Any other synthesis error is rethrown.
 *
 * Throws when a pack was never invoked (so an empty result always means "the pack ran and found
 * nothing") or when a pack itself crashed.
 *
 * Call it once per App, after the whole construct tree is built: plugins cannot be unregistered.
 */
export function nagFindings(app: App, pack: IPolicyValidationPlugin, ...morePacks: IPolicyValidationPlugin[]): NagFinding[] {
  const packs = [pack, ...morePacks];
  const names = packs.map(p => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw new Error(`nagFindings: two packs are named '${duplicate}'; their reports could not be told apart`);
  }
  // Register call-counting wrappers: CDK leaves a plugin with nothing to report out of the report
  // file, so the file alone cannot tell "ran, found nothing" from "never ran".
  const calls = new Map<string, number>(names.map(n => [n, 0]));
  Validations.of(app).addPlugins(...packs.map((p): IPolicyValidationPlugin => ({
    name: p.name,
    version: p.version,
    ruleIds: p.ruleIds,
    validate: context => {
      calls.set(p.name, (calls.get(p.name) ?? 0) + 1);
      return p.validate(context);
    },
  })));

  const report = synthAndReadReport(app);

  const findings = new Map<string, NagFinding>();
  const resolver = new LogicalIdResolver(app);
  for (const name of names) {
    if (calls.get(name) === 0) {
      throw new Error(`nagFindings: pack '${name}' was never invoked (does the App contain a stack?)`);
    }
    for (const pluginReport of report.pluginReports.filter(r => r.pluginName === name)) {
      if (pluginReport.metadata?.error !== undefined) {
        throw new Error(`nagFindings: ${pluginReport.metadata.error}`);
      }
      for (const violation of pluginReport.violations) {
        const constructs = violation.violatingConstructs.length > 0 ? violation.violatingConstructs : [{ constructPath: '' }];
        for (const c of constructs) {
          const finding: NagFinding = {
            pack: name,
            ruleId: violation.ruleName,
            level: violation.severity ?? 'unknown',
            path: c.constructPath ?? '',
            logicalId: resolver.logicalIdOf(c.constructPath),
            message: violation.description,
          };
          // A pack registered twice on one App reports everything twice; keep one copy.
          findings.set(`${finding.pack}\0${finding.ruleId}\0${finding.path}`, finding);
        }
      }
    }
  }
  return [...findings.values()].sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.pack, b.pack));
}

/** Sorted, de-duplicated rule ids of `findings`: handy for `expect(nagRuleIds(f)).toEqual([...])`. */
export function nagRuleIds(findings: readonly NagFinding[]): string[] {
  return [...new Set(findings.map(f => f.ruleId))].sort(compare);
}

/**
 * One line per finding, `''` when there is none, so `expect(formatFindings(f)).toEqual('')`
 * prints every finding in the jest diff:
 *
 *   [error] AwsSolutions-S1 S/B/Resource (B08E7C7AF): The S3 Bucket has server access logs disabled.
 */
export function formatFindings(findings: readonly NagFinding[]): string {
  return findings
    .map(f => `[${f.level}] ${f.ruleId} ${f.path || '(no construct)'}${f.logicalId ? ` (${f.logicalId})` : ''}: ${f.message}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// The part of validation-report.json (aws-cdk-lib >= 2.257, `cxapi.VALIDATION_REPORT_FILE`) read here.

interface ValidationReportJson {
  /** Plugins that ran clean (success, no violation, nothing acknowledged) are left out. */
  readonly pluginReports: PluginReportJson[];
}

interface PluginReportJson {
  readonly pluginName: string;
  readonly conclusion?: string;
  /** `metadata.error` is set when the plugin threw instead of returning a report. */
  readonly metadata?: { readonly error?: string };
  /** Unacknowledged violations. Acknowledged ones are in `suppressedViolations`, or dropped by cdk-nag itself. */
  readonly violations: ViolationJson[];
}

interface ViolationJson {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly violatingConstructs: { readonly constructPath?: string }[];
}

function synthAndReadReport(app: App): ValidationReportJson {
  const reportFile = path.join(app.outdir, cxapi.VALIDATION_REPORT_FILE);
  fs.rmSync(reportFile, { force: true });

  // Without NAG_APP_CONTEXT a failing report throws in "inmemory" mode, but in "process" mode it only
  // sets process.exitCode = 1, which would fail the jest run far from the cause. Pin inmemory mode
  // unless the App chose a mode itself.
  const pinMode = app.node.tryGetContext(cxapi.CDK_APP_MODE_CONTEXT) === undefined;
  const savedMode = process.env[cxapi.CDK_APP_MODE_ENV];
  if (pinMode) process.env[cxapi.CDK_APP_MODE_ENV] = 'inmemory';
  try {
    app.synth({ force: true });
  } catch (e) {
    // CDK writes the report before throwing UnscopedValidationError('ValidationFailed').
    if (!(e instanceof Error && e.name === 'ValidationFailed' && fs.existsSync(reportFile))) throw e;
  } finally {
    if (pinMode) {
      if (savedMode === undefined) delete process.env[cxapi.CDK_APP_MODE_ENV];
      else process.env[cxapi.CDK_APP_MODE_ENV] = savedMode;
    }
  }

  if (!fs.existsSync(reportFile)) {
    throw new Error(`nagFindings: synthesis wrote no ${cxapi.VALIDATION_REPORT_FILE} in ${app.outdir}`);
  }
  return JSON.parse(fs.readFileSync(reportFile, 'utf-8')) as ValidationReportJson;
}

class LogicalIdResolver {
  private byPath?: Map<string, IConstruct>;

  constructor(private readonly app: App) {}

  public logicalIdOf(constructPath: string | undefined): string | undefined {
    if (!constructPath) return undefined;
    this.byPath ??= new Map(this.app.node.findAll().map(c => [c.node.path, c] as const));
    const construct = this.byPath.get(constructPath);
    if (construct === undefined || !CfnElement.isCfnElement(construct)) return undefined;
    const logicalId: unknown = Stack.of(construct).resolve(construct.logicalId);
    return typeof logicalId === 'string' ? logicalId : undefined;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
// Types only (the import is elided): the classes come from loadCdkNag, which spares apps cdk-nag's index.
import type { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { loadCdkNag } from './cdk-nag-modules';
import { CANNOT_JUDGE, cannotJudgeMessage, Finding, findingsOf, PACK_NAME, prerequisitesFor } from '../engine/judge-template';
import { NamedTemplate, StackExports } from '../engine/stack-exports';
import { cannotJudge, TemplateModel, Verdict } from '../engine/template-model';
import { ALL_PREREQUISITES } from '../prerequisites';
import { explanationOf, Prerequisite } from '../prerequisites/prerequisite';

const { NagPack: NagPackClass, NagMessageLevel, NagRuleCompliance } = loadCdkNag();

/**
 * How a value that a rule cannot follow (a parameter, an import, an expression) counts.
 */
export enum CannotJudgeLevel {
  /**
   * A warning, `Ipv6Ready-CannotJudge[<rule id>]`, that fails synthesis (cdk-nag v3) until it is
   * acknowledged: someone checked the prerequisite by hand and wrote down why it holds.
   */
  WARNING = 'warning',
  /**
   * Printed (standard error) and not a finding: for apps whose imported resources are checked elsewhere.
   */
  INFO = 'info',
}

/**
 * Options of the IPv6 readiness pack.
 */
export interface Ipv6ReadinessChecksProps extends NagPackProps {
  /**
   * How a value a rule cannot follow counts.
   * @default CannotJudgeLevel.WARNING - a prerequisite nobody checked is not a pass
   */
  readonly cannotJudge?: CannotJudgeLevel;
}

/**
 * A cdk-nag v3 pack that checks every documented IPv6 prerequisite of Amazon VPC, Amazon MSK and
 * Amazon EKS, on any CDK app: it judges the synthesized CloudFormation templates, not the
 * constructs that made them, with the same engine as `npx cdk-ipv6-ready check`.
 *
 * Register it with `Validations.of(app).addPlugins(new Ipv6ReadinessChecks(app))`; acknowledge a
 * finding with `Validations.of(construct).acknowledge({ id: 'Ipv6Ready-MSK-IPV6-3', reason })`.
 *
 * A value the pack cannot follow (a parameter, an import, an expression) gives a warning,
 * `Ipv6Ready-CannotJudge[<rule id>]`, never a silent pass (see `cannotJudge`).
 */
export class Ipv6ReadinessChecks extends (NagPackClass as typeof NagPack) {
  /**
   * The ids of the pack's rules, without the `Ipv6Ready-` prefix.
   */
  public static readonly RULE_IDS: string[] = ALL_PREREQUISITES.map(r => r.id);

  public readonly name = PACK_NAME;

  private readonly cannotJudge: CannotJudgeLevel;
  private templatePaths = new Map<string, string>();
  private readonly models = new Map<string, TemplateModel>();
  /** The top-level templates of the app, read once per validation, and the exports among them. */
  private templates?: Map<string, NamedTemplate>;
  private exports?: StackExports;

  constructor(scope?: IConstruct, props?: Ipv6ReadinessChecksProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.cannotJudge = props?.cannotJudge ?? CannotJudgeLevel.WARNING;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Rules read the synthesized templates, where every reference is what CloudFormation sees.
    this.templatePaths = new Map(context.templatePaths.map(p => [path.basename(p), p]));
    this.models.clear();
    this.templates = undefined;
    this.exports = undefined;
    return super.validate(context);
  }

  protected checkResource(node: CfnResource): void {
    const prerequisites = prerequisitesFor(node.cfnResourceType);
    if (prerequisites.length === 0) {
      return;
    }
    const stack = Stack.of(node);
    const model = this.modelOf(stack);
    const logicalId: string = stack.resolve(node.logicalId);
    for (const prerequisite of prerequisites) {
      const verdict: Verdict = model === undefined
        ? cannotJudge(`the template of stack ${stack.node.path} was not among the synthesized templates`)
        : prerequisite.evaluate(logicalId, model);
      this.report(node, prerequisite, verdict, logicalId);
    }
  }

  private report(node: CfnResource, prerequisite: Prerequisite, verdict: Verdict, logicalId: string) {
    const level = prerequisite.level === 'error' ? NagMessageLevel.ERROR : NagMessageLevel.WARN;
    this.applyRule({
      ruleSuffixOverride: prerequisite.id,
      info: `Not met: ${prerequisite.statement} Fix: ${prerequisite.fix}`,
      explanation: explanationOf(prerequisite),
      level,
      node,
      rule: () => {
        switch (verdict.kind) {
          case 'compliant': return NagRuleCompliance.COMPLIANT;
          case 'non-compliant': return verdict.findings ?? NagRuleCompliance.NON_COMPLIANT;
          default: return NagRuleCompliance.NOT_APPLICABLE;
        }
      },
    });
    if (verdict.kind !== 'cannot-judge') {
      return;
    }
    if (this.cannotJudge === CannotJudgeLevel.INFO) {
      const [finding]: Finding[] = findingsOf(prerequisite, verdict, logicalId, node.cfnResourceType, 'info');
      process.stderr.write(`[${PACK_NAME} info] ${node.node.path}: ${finding.message}\n`);
      return;
    }
    this.applyRule({
      ruleSuffixOverride: CANNOT_JUDGE,
      info: cannotJudgeMessage(prerequisite, node.cfnResourceType, logicalId, verdict.what),
      explanation: `A value the rule needs is a parameter, an import or an expression. ${explanationOf(prerequisite)}`,
      level: NagMessageLevel.WARN,
      node,
      rule: () => [prerequisite.id],
    });
  }

  private modelOf(stack: Stack): TemplateModel | undefined {
    const file = this.templateFileOf(stack);
    if (file === undefined) {
      return undefined;
    }
    let model = this.models.get(file);
    if (model === undefined) {
      // Imports from the app's other stacks are followed into their templates (a VPC in one stack,
      // its clusters in others), as CloudFormation resolves them.
      this.templates ??= new Map([...this.templatePaths.values()].map(f => [f, readNamedTemplate(f)]));
      this.exports ??= StackExports.of([...this.templates.values()]);
      const { template, own } = this.exports.inline((this.templates.get(file) ?? readNamedTemplate(file)).template);
      model = new TemplateModel(template, own);
      this.models.set(file, model);
    }
    return model;
  }

  /**
   * The synthesized template of a stack. The validation context lists the templates of top-level
   * stacks only; a nested stack's template is written beside its top-level stack's.
   */
  private templateFileOf(stack: Stack): string | undefined {
    let top: Stack = stack;
    while (top.nestedStackParent !== undefined) {
      top = top.nestedStackParent;
    }
    const topFile = this.templatePaths.get(top.templateFile);
    if (top === stack || topFile === undefined) {
      return topFile;
    }
    const file = path.join(path.dirname(topFile), stack.templateFile);
    return fs.existsSync(file) ? file : undefined;
  }
}

/** A template CDK wrote: JSON, and every type in it one the app chose (the checker's strict reader is for other files). */
function readNamedTemplate(file: string): NamedTemplate {
  return { name: path.basename(file).replace(/\.template\.json$/, ''), template: JSON.parse(fs.readFileSync(file, 'utf-8')) };
}

import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
// cdk-nag's index loads every pack and rule it has (about 250 ms); the pack needs these two modules only,
// and jsii maps them to cdk-nag's own types all the same.
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { IConstruct } from 'constructs';
import { Ipv6ReadinessRule } from './ipv6-readiness-rule';
import { ALL_RULES } from './rules';
import { TemplateModel, Verdict } from './template-model';

/** The id of the finding for a value a rule cannot judge: `Ipv6Ready-CannotJudge[<rule id>]`. */
const CANNOT_JUDGE = 'CannotJudge';

/**
 * A cdk-nag v3 pack that checks every documented IPv6 prerequisite of Amazon VPC, Amazon MSK and
 * Amazon EKS, on any CDK app: it judges the synthesized CloudFormation resources, not the
 * constructs that made them.
 *
 * Register it with `Validations.of(app).addPlugins(new Ipv6ReadinessChecks(app))`; acknowledge a
 * finding with `Validations.of(construct).acknowledge({ id: 'Ipv6Ready-MSK-IPV6-3', reason })`.
 *
 * A value the pack cannot follow (a parameter, an import, an expression) gives a warning,
 * `Ipv6Ready-CannotJudge[<rule id>]`, never a silent pass.
 */
export class Ipv6ReadinessChecks extends NagPack {
  /**
   * The ids of the pack's rules, without the `Ipv6Ready-` prefix.
   */
  public static readonly RULE_IDS: string[] = ALL_RULES.map(r => r.id);

  public readonly name = 'Ipv6Ready';

  private templatePaths = new Map<string, string>();
  private readonly models = new Map<string, TemplateModel>();

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'Ipv6Ready';
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Rules read the synthesized templates, where every reference is what CloudFormation sees.
    this.templatePaths = new Map(context.templatePaths.map(p => [path.basename(p), p]));
    this.models.clear();
    return super.validate(context);
  }

  protected checkResource(node: CfnResource): void {
    const rules = ALL_RULES.filter(r => r.resourceTypes.includes(node.cfnResourceType));
    if (rules.length === 0) {
      return;
    }
    const stack = Stack.of(node);
    const model = this.modelOf(stack);
    const logicalId: string = stack.resolve(node.logicalId);
    for (const rule of rules) {
      const verdict: Verdict = model === undefined
        ? { kind: 'cannot-judge', what: `the template of stack ${stack.node.path} was not among the synthesized templates` }
        : rule.evaluate(logicalId, model);
      this.report(node, rule, verdict);
    }
  }

  private report(node: CfnResource, rule: Ipv6ReadinessRule, verdict: Verdict) {
    this.applyRule({
      ruleSuffixOverride: rule.id,
      info: rule.info,
      explanation: rule.explanation,
      level: rule.level,
      node,
      rule: () => {
        switch (verdict.kind) {
          case 'compliant': return NagRuleCompliance.COMPLIANT;
          case 'non-compliant': return verdict.findings ?? NagRuleCompliance.NON_COMPLIANT;
          default: return NagRuleCompliance.NOT_APPLICABLE;
        }
      },
    });
    if (verdict.kind === 'cannot-judge') {
      this.applyRule({
        ruleSuffixOverride: CANNOT_JUDGE,
        info: 'A rule of the IPv6 readiness pack cannot judge this resource: a value it needs is not defined in the template.',
        explanation: `The rule in brackets needs a value that is a parameter, an import or an expression (here: ${verdict.what}). Check that prerequisite by hand, then acknowledge this finding with the reason.`,
        level: NagMessageLevel.WARN,
        node,
        rule: () => [rule.id],
      });
    }
  }

  private modelOf(stack: Stack): TemplateModel | undefined {
    const file = this.templatePaths.get(stack.templateFile);
    if (file === undefined) {
      return undefined;
    }
    let model = this.models.get(file);
    if (model === undefined) {
      model = new TemplateModel(JSON.parse(fs.readFileSync(file, 'utf-8')));
      this.models.set(file, model);
    }
    return model;
  }
}

import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { TemplateModel, Verdict } from './template-model';

/**
 * One rule of the `Ipv6ReadinessChecks` pack. Each rule is its own file under `rules/`, named
 * after it. Rules judge the synthesized template, so they find the same problem whichever
 * construct library (or none) wrote the resource.
 */
export interface Ipv6ReadinessRule {
  /**
   * The rule's id, stable forever: findings are acknowledged by it. Never renumber one; retire it.
   * The finding id is `Ipv6Ready-<id>`.
   */
  readonly id: string;

  /** ERROR: the deployment fails or the feature does not work. WARN: it works, not as it should. */
  readonly level: NagMessageLevel;

  /** The CloudFormation resource types the rule judges. */
  readonly resourceTypes: string[];

  /** What the rule checks, in one sentence. */
  readonly info: string;

  /** What breaks in a real deployment, how to fix it, and the document that says so. */
  readonly explanation: string;

  /** Judges the resource `logicalId` of the template. */
  evaluate(logicalId: string, template: TemplateModel): Verdict;
}

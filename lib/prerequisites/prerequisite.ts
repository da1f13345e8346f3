import { TemplateModel, Verdict } from '../engine/template-model';

/**
 * ERROR: the deployment fails or the feature does not work. WARNING: it works, not as it should.
 */
export type PrerequisiteLevel = 'error' | 'warning';

/**
 * One documented IPv6 prerequisite, in one module under `prerequisites/<area>/`, named after it:
 * its id, what it states, why it matters, the fix, the document it comes from, the fact itself
 * (exported beside it, for the constructs to import) and its rule.
 *
 * The rule judges a plain CloudFormation template, so it finds the same problem whichever tool
 * wrote the resource: the cdk-nag pack, the `check` command and the constructs all run it.
 */
export interface Prerequisite {
  /**
   * The id, stable forever: findings are acknowledged by it. Never renumber one; retire it.
   * The finding id is `Ipv6Ready-<id>`.
   */
  readonly id: string;

  readonly level: PrerequisiteLevel;

  /** The CloudFormation resource types the rule judges. */
  readonly resourceTypes: string[];

  /** The prerequisite, as what a resource that meets it does, in one sentence. */
  readonly statement: string;

  /** What breaks in a real deployment without it. */
  readonly why: string;

  /** How to meet it. */
  readonly fix: string;

  /** The document and section that state it. */
  readonly source: string;

  /** Judges the resource `logicalId` of the template. A pure function of the template. */
  evaluate(logicalId: string, template: TemplateModel): Verdict;
}

/** What breaks, the fix and the source, as one text (the cdk-nag explanation, the README column). */
export function explanationOf(prerequisite: Prerequisite): string {
  return `${prerequisite.why} Fix: ${prerequisite.fix} Source: ${prerequisite.source}`;
}

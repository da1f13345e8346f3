import { TemplateModel, Verdict } from './template-model';
import { ALL_PREREQUISITES } from '../prerequisites';
import { Prerequisite, PrerequisiteLevel } from '../prerequisites/prerequisite';

/** The prefix of every finding id, the pack's name. */
export const PACK_NAME = 'Ipv6Ready';

/** The suffix of the finding for a value a rule cannot follow: `Ipv6Ready-CannotJudge[<rule id>]`. */
export const CANNOT_JUDGE = 'CannotJudge';

/** How a value that a rule cannot follow counts. */
export type CannotJudgeLevel = 'warning' | 'info';

/** One finding of one prerequisite on one resource. */
export interface Finding {
  /** `Ipv6Ready-<id>`, `Ipv6Ready-<id>[<part>]`, or `Ipv6Ready-CannotJudge[<id>]`: what acknowledgements name. */
  readonly ruleId: string;
  readonly prerequisite: Prerequisite;
  readonly level: PrerequisiteLevel | 'info';
  readonly logicalId: string;
  readonly resourceType: string;
  /** What is wrong, on which resource (and part), and the fix. */
  readonly message: string;
}

/** The prerequisites that judge each resource type. */
const BY_TYPE = new Map<string, Prerequisite[]>();
for (const prerequisite of ALL_PREREQUISITES) {
  for (const type of prerequisite.resourceTypes) {
    BY_TYPE.set(type, [...BY_TYPE.get(type) ?? [], prerequisite]);
  }
}

/** The prerequisites that judge a resource of `type`. */
export function prerequisitesFor(type: string): Prerequisite[] {
  return BY_TYPE.get(type) ?? [];
}

/** Every prerequisite's verdict on every resource of the template it judges (its own, not those it imports from). */
export function judgeTemplate(template: TemplateModel, cannotJudge: CannotJudgeLevel = 'warning'): Finding[] {
  return template.ownResources().flatMap(([logicalId, resource]) => prerequisitesFor(resource.Type).flatMap(prerequisite =>
    findingsOf(prerequisite, prerequisite.evaluate(logicalId, template), logicalId, resource.Type, cannotJudge)));
}

/** The findings a verdict makes: none for a pass, one per part for a fault, one for a value it cannot follow. */
export function findingsOf(prerequisite: Prerequisite, verdict: Verdict, logicalId: string, resourceType: string,
  cannotJudge: CannotJudgeLevel = 'warning'): Finding[] {
  const base = { prerequisite, logicalId, resourceType };
  const id = `${PACK_NAME}-${prerequisite.id}`;
  if (verdict.kind === 'non-compliant') {
    const parts = verdict.findings ?? [undefined];
    return parts.map(part => ({
      ...base,
      ruleId: part === undefined ? id : `${id}[${part}]`,
      level: prerequisite.level,
      message: notMetMessage(prerequisite, resourceType, logicalId, part),
    }));
  }
  if (verdict.kind === 'cannot-judge') {
    return [{
      ...base,
      ruleId: `${PACK_NAME}-${CANNOT_JUDGE}[${prerequisite.id}]`,
      level: cannotJudge,
      message: cannotJudgeMessage(prerequisite, resourceType, logicalId, verdict.what),
    }];
  }
  return [];
}

/** What is wrong, where, and the fix. */
export function notMetMessage(prerequisite: Prerequisite, resourceType: string, logicalId: string, part?: string): string {
  const where = part === undefined ? '' : ` (${part.replace('::', ' ')})`;
  return `${resourceType} ${logicalId}${where} does not meet ${prerequisite.id}: ${prerequisite.statement} ${prerequisite.why} `
    + `Fix: ${prerequisite.fix}`;
}

/** Which value could not be followed, and what to check by hand. */
export function cannotJudgeMessage(prerequisite: Prerequisite, resourceType: string, logicalId: string, what: string): string {
  return `${prerequisite.id} cannot judge ${resourceType} ${logicalId}: ${what}. Check by hand that "${prerequisite.statement}", `
    + `then acknowledge Ipv6Ready-${CANNOT_JUDGE}[${prerequisite.id}] with the reason.`;
}

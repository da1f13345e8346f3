import { App, Stack } from 'aws-cdk-lib';
import { Ipv6ReadinessChecks } from '../../lib';
import { nagFindings, NagFinding } from '../support/nag';

/** A stack to build a rule's test case in, with the App it belongs to. */
export function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** The unacknowledged findings of the IPv6 pack on the stack's app. */
export function ipv6Findings(stack: Stack): NagFinding[] {
  const app = stack.node.root as App;
  return nagFindings(app, new Ipv6ReadinessChecks(app));
}

/** `rule id @ logical id` of each finding of the given rule (or CannotJudge for it), for exact assertions. */
export function findingsOf(stack: Stack, ruleId: string): string[] {
  return ipv6Findings(stack)
    .filter(f => f.ruleId === `Ipv6Ready-${ruleId}` || f.ruleId.startsWith(`Ipv6Ready-${ruleId}[`) || f.ruleId === `Ipv6Ready-CannotJudge[${ruleId}]`)
    .map(f => `${f.ruleId} @ ${f.logicalId ?? f.path}`);
}

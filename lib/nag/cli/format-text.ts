import { CheckResult, TemplateFinding } from './check-templates';
import { UNREAD_NESTED_STACK } from './unread-nested-stack';

/** The findings for a person at a terminal or in a CI log: one block per finding, then a count. */
export function formatText(result: CheckResult): string[] {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const errors = result.findings.filter(f => f.level === 'error').length;
  const warnings = result.findings.filter(f => f.level === 'warning').length;
  const infos = result.findings.length - errors - warnings;
  const unread = result.findings.filter(f => f.prerequisite === UNREAD_NESTED_STACK).length;
  return [
    ...result.findings.map(block),
    `${count(errors, 'error')}, ${count(warnings, 'warning')}${infos > 0 ? `, ${infos} info` : ''} in ${count(result.templates.length, 'template')} `
      + `(${count(result.resources, 'resource')})${unread > 0 ? `; ${count(unread, 'nested stack')} not read` : ''}${result.acknowledged > 0 ? `; ${result.acknowledged} acknowledged in the app` : ''}.`,
  ];
}

function block(f: TemplateFinding): string {
  const where = `${f.template}${f.line === undefined ? '' : `:${f.line}`}`;
  return `${f.level.toUpperCase()} ${f.ruleId}\n  resource: ${f.resource} (${f.resourceType}) in ${where}\n  ${f.message}\n`;
}

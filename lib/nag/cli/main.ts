#!/usr/bin/env node
import * as fs from 'fs';
import { checkTemplates, TemplateFinding } from './check-templates';
import { replacementsCommand, REPLACEMENTS_USAGE } from '../../replacements/replacements-command';

const USAGE = `Usage: cdk-ipv6-ready check TEMPLATE.(json|yaml) [TEMPLATE ...]

Checks CloudFormation templates against every documented IPv6 prerequisite of Amazon VPC,
Amazon MSK and Amazon EKS (the Ipv6ReadinessChecks cdk-nag pack). Exit code: 0 when no rule
fails, 1 when one does (errors), 2 when the command is used wrongly.

${REPLACEMENTS_USAGE}`;

/**
 * The `cdk-ipv6-ready` command. Returns the exit code; writes with `print`.
 */
export function main(args: string[], print: (line: string) => void): number {
  const [command, ...files] = args;
  if (command === '--help' || command === '-h') {
    print(USAGE);
    return 0;
  }
  if (command === 'replacements') {
    return replacementsCommand(files, print);
  }
  if (command !== 'check' || files.length === 0) {
    print(USAGE);
    return 2;
  }
  const missing = files.filter(f => !fs.existsSync(f));
  if (missing.length > 0) {
    print(`cdk-ipv6-ready: no such file: ${missing.join(', ')}`);
    return 2;
  }
  const findings = checkTemplates(files);
  for (const finding of findings) {
    print(format(finding));
  }
  const errors = findings.filter(f => f.level === 'error').length;
  const warnings = findings.length - errors;
  print(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files.length} template${files.length === 1 ? '' : 's'}.`);
  return errors > 0 ? 1 : 0;
}

function format(f: TemplateFinding): string {
  return `${f.level.toUpperCase()} ${f.ruleId}\n  resource: ${f.resource} (${f.resourceType}) in ${f.template}\n  ${f.description}\n`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), line => console.log(line));
}

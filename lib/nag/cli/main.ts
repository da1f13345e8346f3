#!/usr/bin/env node
import { checkTemplates } from './check-templates';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { TemplateError } from '../../engine/read-template';
import { replacementsCommand, REPLACEMENTS_USAGE } from '../../replacements/replacements-command';

const USAGE = `Usage: cdk-ipv6-ready check [--format text|json|sarif] [--strict] [--cannot-judge warning|info] PATH [PATH ...]

Checks CloudFormation templates (JSON or YAML; PATH may be a cdk.out directory) against every
documented IPv6 prerequisite of Amazon VPC, Amazon MSK and Amazon EKS: the rules of the
Ipv6ReadinessChecks cdk-nag pack, with no CDK app. Nested stacks whose template is a local file
are checked too.

  --format        text (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --strict        warnings fail the check too
  --cannot-judge  how a value a rule cannot follow counts: warning (default) or info

Exit code: 0 no errors, 1 errors (or warnings with --strict), 2 wrong use, or a file that cannot
be read or is not a CloudFormation template.

${REPLACEMENTS_USAGE}`;

const FORMATS = { text: formatText, json: formatJson, sarif: formatSarif };

/**
 * The `cdk-ipv6-ready` command. Returns the exit code; writes results with `print`, problems with
 * `printError` (one line each, never a stack trace).
 */
export function main(args: string[], print: (line: string) => void, printError: (line: string) => void = print): number {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') {
    print(USAGE);
    return 0;
  }
  if (command === 'replacements') {
    return replacementsCommand(rest, print);
  }
  const options = command === 'check' ? parseOptions(rest) : undefined;
  if (options === undefined || typeof options === 'string') {
    printError(typeof options === 'string' ? `cdk-ipv6-ready: ${options}\n\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    const result = checkTemplates(options.paths, options.cannotJudge);
    FORMATS[options.format](result).forEach(line => print(line));
    const failing = result.findings.filter(f => f.level === 'error' || (options.strict && f.level === 'warning'));
    return failing.length > 0 ? 1 : 0;
  } catch (e) {
    // A template the engine cannot read (or an input built to break it) is a usage problem, not a finding.
    printError(`cdk-ipv6-ready: ${e instanceof TemplateError ? e.message : `cannot check the templates: ${String((e as Error)?.message ?? e).split('\n')[0]}`}`);
    return 2;
  }
}

interface Options {
  readonly paths: string[];
  readonly format: keyof typeof FORMATS;
  readonly strict: boolean;
  readonly cannotJudge: 'warning' | 'info';
}

/** The options of `check`, or what is wrong with them. */
function parseOptions(args: string[]): Options | string {
  const paths: string[] = [];
  let format: string = 'text';
  let strict = false;
  let cannotJudge: string = 'warning';
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      format = value();
    } else if (flag === '--cannot-judge') {
      cannotJudge = value();
    } else if (flag === '--strict') {
      strict = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      return `unknown option ${flag}`;
    } else {
      paths.push(args[i]);
    }
  }
  if (!(format in FORMATS)) {
    return `--format must be text, json or sarif, not ${format}`;
  }
  if (cannotJudge !== 'warning' && cannotJudge !== 'info') {
    return `--cannot-judge must be warning or info, not ${cannotJudge}`;
  }
  if (paths.length === 0) {
    return 'give at least one template file or cdk.out directory';
  }
  return { paths, format: format as keyof typeof FORMATS, strict, cannotJudge };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), line => console.log(line), line => console.error(line));
}

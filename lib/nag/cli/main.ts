#!/usr/bin/env node
import { checkTemplates, CheckResult } from './check-templates';
import { formatJson } from './format-json';
import { FormatOptions } from './format-options';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { DEFAULT_MAX_TEMPLATE_MIB, TemplateError } from '../../engine/read-template';
import { replacementsCommand, REPLACEMENTS_USAGE } from '../../replacements/replacements-command';

const CHECK_USAGE = `Usage: cdk-ipv6-ready check [--format text|json|sarif] [--strict] [--cannot-judge warning|info]
                            [--max-size MIB] [--source-root DIR] PATH [PATH ...]

Checks CloudFormation templates (JSON or YAML; PATH may be a cdk.out directory) against every
documented IPv6 prerequisite of Amazon VPC, Amazon MSK and Amazon EKS: the rules of the
Ipv6ReadinessChecks cdk-nag pack, with no CDK app. Nested stacks whose template is a local file
are checked too; a nested stack that cannot be read (a TemplateURL in S3, a missing file, a
template copied out of its cdk.out) is a finding, Ipv6Ready-UnreadNestedStack.

  --format        text (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --strict        warnings fail the check too, and an unread nested stack is an error
  --cannot-judge  how a value a rule cannot follow counts: warning (default) or info
  --max-size      the largest template read, in MiB (default ${DEFAULT_MAX_TEMPLATE_MIB}; CloudFormation deploys
                  templates of at most 1 MB)
  --source-root   SARIF only: the directory of the CDK app's source. A result on a resource
                  whose metadata names its source (aws:cdk:path, and the creation stack trace
                  CDK writes with --debug or CDK_DEBUG=true) points at that source file and
                  line, relative to DIR; other results point at the template. Each result
                  carries its construct path as a logical location either way.

Only regular files are read: a FIFO, a device, or a link that leaves the directory given is
refused. Exit code: 0 no errors, 1 errors (or warnings with --strict), 2 wrong use, or a file that
cannot be read or is not a CloudFormation template.`;

const USAGE = `Usage: cdk-ipv6-ready check ... | cdk-ipv6-ready replacements ...

${CHECK_USAGE}

${REPLACEMENTS_USAGE}`;

const FORMATS: { [format: string]: (result: CheckResult, options: FormatOptions) => string[] } = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

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
    return replacementsCommand(rest, print, printError);
  }
  if (command !== 'check') {
    printError(`cdk-ipv6-ready: ${command === undefined ? 'give a command' : `unknown command ${command}`}: check or replacements (see cdk-ipv6-ready --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(CHECK_USAGE);
    return 0;
  }
  const options = parseOptions(rest);
  if (typeof options === 'string') {
    printError(`cdk-ipv6-ready check: ${options} (see cdk-ipv6-ready check --help)`);
    return 2;
  }
  try {
    const result = checkTemplates(options.paths, { cannotJudge: options.cannotJudge, strict: options.strict, maxBytes: options.maxBytes });
    FORMATS[options.format](result, { sourceRoot: options.sourceRoot }).forEach(line => print(line));
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
  readonly format: string;
  readonly strict: boolean;
  readonly cannotJudge: 'warning' | 'info';
  readonly maxBytes?: number;
  readonly sourceRoot?: string;
}

/** The options of `check`, or what is wrong with them. */
function parseOptions(args: string[]): Options | string {
  const paths: string[] = [];
  let format: string | undefined = 'text';
  let strict = false;
  let cannotJudge: string | undefined = 'warning';
  let maxSize: string | undefined;
  let sourceRoot: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      format = value();
    } else if (flag === '--cannot-judge') {
      cannotJudge = value();
    } else if (flag === '--max-size') {
      maxSize = value() ?? '';
    } else if (flag === '--source-root') {
      sourceRoot = value() ?? '';
    } else if (flag === '--strict') {
      strict = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      return `unknown option ${flag}`;
    } else {
      paths.push(args[i]);
    }
  }
  if (format === undefined || !(format in FORMATS)) {
    return `--format must be text, json or sarif, not ${format ?? 'nothing'}`;
  }
  if (cannotJudge !== 'warning' && cannotJudge !== 'info') {
    return `--cannot-judge must be warning or info, not ${cannotJudge ?? 'nothing'}`;
  }
  const mib = maxSize === undefined ? undefined : Number(maxSize);
  if (mib !== undefined && !(mib > 0 && Number.isFinite(mib))) {
    return `--max-size must be a number of MiB above 0, not ${maxSize || 'nothing'}`;
  }
  if (sourceRoot === '') {
    return '--source-root needs a directory';
  }
  if (paths.length === 0) {
    return 'give at least one template file or cdk.out directory';
  }
  return {
    paths,
    format,
    strict,
    cannotJudge,
    maxBytes: mib === undefined ? undefined : Math.floor(mib * 1024 * 1024),
    sourceRoot,
  };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), line => console.log(line), line => console.error(line));
}

import { CFN_LINT_VERSION } from './stateful-resource-types';
import { ReplacementKind, ResourceReplacement, TemplateReplacements } from './template-replacements';
import { readTemplate, readTemplateFile, TemplateError } from '../engine/read-template';

export const REPLACEMENTS_USAGE = `Usage: cdk-ipv6-ready replacements [--parameters KEY=VALUE ...] [--parameters-file FILE] [--max-size MIB] OLD NEW

Lists every resource of OLD that deploying NEW replaces, may replace or removes, with the property
that causes it, nested properties and references included, and every in-place update the service
refuses (a Kubernetes or Kafka version that goes down). OLD and NEW are templates, JSON or YAML;
OLD may be the output of \`aws cloudformation get-template --stack-name NAME\` (its TemplateBody,
text or object, is read).

Parameters take their Default unless given; Conditions, Fn::If, Fn::FindInMap and AWS::NoValue are
evaluated with them. A condition neither template decides (a parameter with no value) is judged
both ways. Pseudo parameters (AWS::Region...) may be given too.

  --parameters       KEY=VALUE (or ParameterKey=KEY,ParameterValue=VALUE), one or more, repeatable
  --parameters-file  a JSON file: [{"ParameterKey": "K", "ParameterValue": "V"}] (as the AWS CLI
                     takes) or {"K": "V"}
  --max-size         the largest template read, in MiB (default 16)

Stateful types: ${TemplateReplacements.statefulResourceTypes().length} (cfn-lint ${CFN_LINT_VERSION}'s list and this library's own).
Exit code: 1 when a stateful resource is replaced, maybe replaced or removed, or an update is
refused; 0 otherwise; 2 when the command is used wrongly or a file cannot be read.`;

interface ReplacementsOptions {
  readonly files: string[];
  readonly parameters: { [name: string]: string };
  readonly maxBytes?: number;
}

/**
 * `cdk-ipv6-ready replacements [options] OLD NEW`. Returns the exit code; writes results with
 * `print`, usage errors with `printError` (one line, never a stack trace).
 */
export function replacementsCommand(args: string[], print: (line: string) => void, printError: (line: string) => void = print): number {
  if (args.includes('--help') || args.includes('-h')) {
    print(REPLACEMENTS_USAGE);
    return 0;
  }
  let options: ReplacementsOptions;
  let templates: object[];
  try {
    options = parseArguments(args);
    templates = options.files.map(file => readTemplate(file, { maxBytes: options.maxBytes }).template);
  } catch (e) {
    printError(`cdk-ipv6-ready replacements: ${e instanceof TemplateError ? e.message : String((e as Error)?.message ?? e).split('\n')[0]}`);
    return 2;
  }
  const found = TemplateReplacements.compare(templates[0], templates[1], { parameters: options.parameters });
  for (const replacement of found) {
    print(format(replacement));
  }
  const replaced = found.filter(r => r.kind !== ReplacementKind.REFUSED);
  const stateful = replaced.filter(r => r.stateful).length;
  const refused = found.length - replaced.length;
  print(`${replaced.length} resource${replaced.length === 1 ? '' : 's'} replaced or removed, ${stateful} of them stateful`
    + `${refused > 0 ? `; ${refused} update${refused === 1 ? '' : 's'} the service refuses` : ''}.`);
  return stateful > 0 || refused > 0 ? 1 : 0;
}

/** The options, or a `TemplateError` that says what is wrong with them. */
function parseArguments(args: string[]): ReplacementsOptions {
  const files: string[] = [];
  const parameters: { [name: string]: string } = {};
  let maxBytes: number | undefined;
  const usage = (why: string) => new TemplateError(`${why} (see cdk-ipv6-ready replacements --help)`);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const values = (): string[] => {
      if (inline !== undefined) return [inline];
      const taken: string[] = [];
      while (i + 1 < args.length && !args[i + 1].startsWith('--') && args[i + 1].includes('=')) taken.push(args[++i]);
      if (taken.length === 0) throw usage(`${flag} needs a value`);
      return taken;
    };
    if (flag === '--parameters') {
      for (const pair of values()) Object.assign(parameters, parameterPair(pair));
    } else if (flag === '--parameters-file') {
      const file = inline ?? args[++i];
      if (file === undefined) throw usage('--parameters-file needs a file');
      Object.assign(parameters, parametersFile(file));
    } else if (flag === '--max-size') {
      const text = inline ?? args[++i];
      const mib = Number(text);
      if (!(mib > 0) || !Number.isFinite(mib)) throw usage(`--max-size must be a number of MiB above 0, not ${text}`);
      maxBytes = Math.floor(mib * 1024 * 1024);
    } else if (flag.startsWith('-') && flag !== '-') {
      throw usage(`unknown option ${flag}`);
    } else {
      files.push(args[i]);
    }
  }
  if (files.length !== 2) {
    throw usage(`give two templates, the deployed one and the new one (${files.length} given)`);
  }
  return { files, parameters, maxBytes };
}

function parameterPair(text: string): { [name: string]: string } {
  const aws = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(text);
  if (aws) return { [aws[1]]: aws[2] };
  const eq = text.indexOf('=');
  if (eq <= 0) throw new TemplateError(`--parameters takes KEY=VALUE, not ${text}`);
  return { [text.slice(0, eq)]: text.slice(eq + 1) };
}

function parametersFile(file: string): { [name: string]: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readTemplateFile(file, { maxBytes: 1024 * 1024 }));
  } catch (e) {
    throw e instanceof TemplateError ? e : new TemplateError(`${file}: not JSON (${String((e as Error).message).split('\n')[0]})`);
  }
  const fail = () => new TemplateError(`${file}: give [{"ParameterKey": "K", "ParameterValue": "V"}] or {"K": "V"}`);
  if (Array.isArray(parsed)) {
    return Object.fromEntries(parsed.map(p => {
      if (typeof p?.ParameterKey !== 'string' || p.ParameterValue === undefined) throw fail();
      return [p.ParameterKey, String(p.ParameterValue)];
    }));
  }
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  throw fail();
}

const LABEL: Record<ReplacementKind, string> = {
  [ReplacementKind.REPLACED]: 'REPLACED',
  [ReplacementKind.MAY_BE_REPLACED]: 'MAY BE REPLACED',
  [ReplacementKind.REMOVED]: 'REMOVED',
  [ReplacementKind.REFUSED]: 'ERROR: UPDATE REFUSED',
};

function format(r: ResourceReplacement): string {
  return `${LABEL[r.kind]} ${r.logicalId} (${r.resourceType}${r.stateful ? ', stateful' : ''})\n  ${r.reason}\n`;
}

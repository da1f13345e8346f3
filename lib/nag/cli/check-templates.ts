import * as fs from 'fs';
import * as path from 'path';
import { AssemblyAcknowledgements } from './assembly-acknowledgements';
import { UNREAD_NESTED_STACK } from './unread-nested-stack';
import { CannotJudgeLevel, judgeTemplate } from '../../engine/judge-template';
import { ParsedTemplate, readTemplate, readTemplateFile, TemplateError } from '../../engine/read-template';
import { StackExports } from '../../engine/stack-exports';
import { isObject, TemplateModel } from '../../engine/template-model';
import { Prerequisite } from '../../prerequisites/prerequisite';

/** One finding of one prerequisite in one template. */
export interface TemplateFinding {
  /** The template file, as given or found. */
  readonly template: string;
  /** The line the resource starts on, where known. */
  readonly line?: number;
  readonly level: 'error' | 'warning' | 'info';
  /** `Ipv6Ready-<rule id>`, with a granular part in brackets where the rule gives one. */
  readonly ruleId: string;
  readonly prerequisite: Prerequisite;
  /** The template's logical id of the resource. */
  readonly resource: string;
  readonly resourceType: string;
  /** What is wrong, on which resource, and the fix. */
  readonly message: string;
  /**
   * The resource's construct path (`aws:cdk:path` metadata), where the template has it.
   * @default - none: the template was not written by CDK, or without metadata
   */
  readonly constructPath?: string;
  /**
   * The construct's creation stack trace, where the cloud assembly keeps it (`cdk synth --debug`).
   * @default - none
   */
  readonly trace?: readonly string[];
}

/** How `checkTemplates` reads and judges. */
export interface CheckOptions {
  /** How a value a rule cannot follow counts. @default 'warning' */
  readonly cannotJudge?: CannotJudgeLevel;
  /** Whether a nested stack that cannot be read is an error rather than a warning. @default false */
  readonly strict?: boolean;
  /** The largest template file read, in bytes. @default - DEFAULT_MAX_TEMPLATE_MIB */
  readonly maxBytes?: number;
}

/** What a check read and found. */
export interface CheckResult {
  readonly templates: string[];
  readonly resources: number;
  readonly findings: TemplateFinding[];
  /** Findings left out because the CDK app of the `cdk.out` they are in acknowledges them. */
  readonly acknowledged: number;
}

/** A template to read, and the directory it must stay in once links are followed. */
interface Input {
  readonly file: string;
  readonly within?: string;
}

/**
 * Judges CloudFormation templates, JSON or YAML, with no CDK app: files, nested stacks whose
 * template is a local file (as in `cdk.out`), and every template of a directory such as `cdk.out`.
 * A template of a cloud assembly is judged with the acknowledgements of its app. A nested stack
 * whose template cannot be read is a finding (`Ipv6Ready-UnreadNestedStack`), never a silent pass.
 * Throws a `TemplateError` (one line) for an input that cannot be read or is not a template.
 */
export function checkTemplates(inputs: string[], options: CheckOptions = {}): CheckResult {
  const queue: Input[] = inputs.flatMap(templatesOf);
  // Each given template read once, first: a template is judged with the exports of the others it
  // was given with (a cdk.out of a multi-stack app), its imports followed as CloudFormation resolves them.
  const parsed = new Map<string, ParsedTemplate>();
  const parse = (file: string, within?: string) => {
    let result = parsed.get(file);
    if (result === undefined) {
      result = readTemplate(file, { maxBytes: options.maxBytes, within });
      parsed.set(file, result);
    }
    return result;
  };
  const exports = StackExports.of(queue.map(({ file, within }) =>
    ({ name: path.basename(file).replace(/\.template\.(json|ya?ml)$/, ''), template: parse(file, within).template })));
  const seen = new Set<string>();
  const templates: string[] = [];
  const findings: TemplateFinding[] = [];
  let resources = 0;
  let acknowledged = 0;
  while (queue.length > 0) {
    const { file, within } = queue.shift()!;
    // Read (or refused: not a regular file, a link leaving its directory, too large) before anything else.
    const { template: own, lines } = parse(file, within);
    const real = fs.realpathSync(file);
    if (seen.has(real)) {
      continue;
    }
    seen.add(real);
    templates.push(file);
    const { template, own: ownIds } = exports.inline(own);
    const model = new TemplateModel(template, ownIds);
    resources += ownIds.size;
    const acknowledgements = AssemblyAcknowledgements.of(path.dirname(file));
    const judged = judgeTemplate(model, options.cannotJudge ?? 'warning');
    const open = judged.filter(f => acknowledgements?.acknowledged(file, f.logicalId, f.ruleId) !== true);
    acknowledged += judged.length - open.length;
    const finding = (f: Omit<TemplateFinding, 'template' | 'line' | 'constructPath' | 'trace'>): TemplateFinding => {
      const metadataPath = model.resource(f.resource)?.Metadata?.['aws:cdk:path'];
      // The assembly's keys start with a slash; the resources' metadata does not.
      const constructPath = typeof metadataPath === 'string' ? metadataPath : acknowledgements?.constructPath(file, f.resource)?.replace(/^\//, '');
      const trace = acknowledgements?.trace(file, f.resource);
      return {
        template: file,
        line: lines.get(f.resource),
        ...f,
        ...(constructPath === undefined ? {} : { constructPath }),
        ...(trace === undefined ? {} : { trace }),
      };
    };
    open.forEach(f => findings.push(finding({
      level: f.level,
      ruleId: f.ruleId,
      prerequisite: f.prerequisite,
      resource: f.logicalId,
      resourceType: f.resourceType,
      message: f.message,
    })));
    for (const nested of nestedTemplates(model, file, within ?? path.dirname(file))) {
      if ('file' in nested) {
        queue.push(nested);
      } else {
        findings.push(finding({
          level: options.strict ? 'error' : 'warning',
          ruleId: `Ipv6Ready-${UNREAD_NESTED_STACK.id}`,
          prerequisite: UNREAD_NESTED_STACK,
          resource: nested.logicalId,
          resourceType: 'AWS::CloudFormation::Stack',
          message: `The nested stack ${nested.logicalId} was not checked: ${nested.why}. ${UNREAD_NESTED_STACK.fix}`,
        }));
      }
    }
  }
  return { templates, resources, findings, acknowledged };
}

/**
 * The templates an input names: the file, or the `*.template.json|yaml` files of a directory,
 * which must stay in it.
 */
function templatesOf(input: string): Input[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new TemplateError(`${input}: no such file or directory`);
  }
  if (!stat.isDirectory()) {
    return [{ file: input }];
  }
  const found = walk(input).filter(f => /\.template\.(json|ya?ml)$/.test(f)).sort();
  if (found.length === 0) {
    throw new TemplateError(`${input}: a directory with no *.template.json (give a template file, or a cdk.out directory)`);
  }
  return found.map(file => ({ file, within: input }));
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    // asset.* directories hold Lambda code and Docker contexts, not templates.
    return entry.isDirectory() ? (entry.name.startsWith('asset.') ? [] : walk(file)) : [file];
  });
}

/** A nested stack's template to read, or why it cannot be read. */
type NestedTemplate = Input | { readonly logicalId: string; readonly why: string };

/**
 * The templates of the nested stacks of a template that are files next to it: the `aws:asset:path`
 * CDK writes with asset metadata on, else the file asset whose hash the `TemplateURL` ends with (the
 * `*.assets.json` manifests of `cdk.out`), or a `TemplateURL` that is a relative path (before
 * `aws cloudformation package`). Each other nested stack says why it cannot be read.
 */
function nestedTemplates(model: TemplateModel, file: string, within: string): NestedTemplate[] {
  const dir = path.dirname(file);
  let assets: Map<string, string> | undefined;
  return model.resourcesOfType('AWS::CloudFormation::Stack').map(([logicalId, stack]): NestedTemplate => {
    const assetPath = isObject(stack.Metadata) ? stack.Metadata['aws:asset:path'] : undefined;
    const url = stack.Properties?.TemplateURL;
    let local: string | undefined;
    if (typeof assetPath === 'string') {
      local = assetPath;
    } else if (typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      local = url;
    } else {
      const hash = /([0-9a-f]{64})\.json"/.exec(JSON.stringify(url ?? null))?.[1];
      assets ??= fileAssets(dir);
      local = hash === undefined ? undefined : assets.get(hash);
      if (local === undefined) {
        return {
          logicalId,
          why: hash === undefined
            ? `its TemplateURL (${describeUrl(url)}) is not a file next to ${file}, and it has no aws:asset:path metadata`
            : `its template (asset ${hash.slice(0, 12)}...) is not among the assets of ${dir} (was ${path.basename(file)} copied out of its cdk.out?)`,
        };
      }
    }
    const nested = path.resolve(dir, local);
    if (!fs.existsSync(nested)) {
      return { logicalId, why: `its template ${path.relative(process.cwd(), nested) || nested} does not exist` };
    }
    return { file: path.relative(process.cwd(), nested) || nested, within };
  });
}

function describeUrl(url: unknown): string {
  const text = typeof url === 'string' ? url : JSON.stringify(url) ?? 'none';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The file assets of the cloud assembly in `dir`: hash to the file's path in `dir`. */
function fileAssets(dir: string): Map<string, string> {
  const assets = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.assets.json'))) {
    try {
      const files = JSON.parse(readTemplateFile(path.join(dir, name), { within: dir })).files ?? {};
      for (const [hash, asset] of Object.entries<{ source?: { path?: unknown } }>(files)) {
        if (typeof asset?.source?.path === 'string') {
          assets.set(hash, asset.source.path);
        }
      }
    } catch {
      // Not an asset manifest after all: it only helps find nested templates.
    }
  }
  return assets;
}

import * as fs from 'fs';
import * as path from 'path';
import { AssemblyAcknowledgements } from './assembly-acknowledgements';
import { CannotJudgeLevel, judgeTemplate } from '../../engine/judge-template';
import { parseTemplate, TemplateError } from '../../engine/read-template';
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
}

/** What a check read and found. */
export interface CheckResult {
  readonly templates: string[];
  readonly resources: number;
  readonly findings: TemplateFinding[];
  /** Findings left out because the CDK app of the `cdk.out` they are in acknowledges them. */
  readonly acknowledged: number;
}

/**
 * Judges CloudFormation templates, JSON or YAML, with no CDK app: files, nested stacks whose
 * template is a local file (as in `cdk.out`), and every template of a directory such as `cdk.out`.
 * A template of a cloud assembly is judged with the acknowledgements of its app.
 * Throws a `TemplateError` (one line) for an input that cannot be read or is not a template.
 */
export function checkTemplates(inputs: string[], cannotJudge: CannotJudgeLevel = 'warning'): CheckResult {
  const queue = inputs.flatMap(templatesOf);
  // Each read once. A template is judged with the exports of the others it was given with (a
  // cdk.out of a multi-stack app): its imports are followed as CloudFormation resolves them.
  const parsed = new Map<string, ReturnType<typeof parseTemplate>>();
  const parse = (file: string) => {
    let result = parsed.get(file);
    if (result === undefined) {
      result = parseTemplate(readText(file), file);
      parsed.set(file, result);
    }
    return result;
  };
  const exports = StackExports.of(queue.map(file => ({ name: path.basename(file).replace(/\.template\.(json|ya?ml)$/, ''), template: parse(file).template })));
  const seen = new Set<string>();
  const templates: string[] = [];
  const findings: TemplateFinding[] = [];
  let resources = 0;
  let acknowledged = 0;
  while (queue.length > 0) {
    const file = queue.shift()!;
    const real = fs.realpathSync(file);
    if (seen.has(real)) {
      continue;
    }
    seen.add(real);
    templates.push(file);
    const { template: own, lines } = parse(file);
    const { template, own: ownIds } = exports.inline(own);
    const model = new TemplateModel(template, ownIds);
    resources += ownIds.size;
    const acknowledgements = AssemblyAcknowledgements.of(path.dirname(file));
    const judged = judgeTemplate(model, cannotJudge);
    const open = judged.filter(f => acknowledgements?.acknowledged(file, f.logicalId, f.ruleId) !== true);
    acknowledged += judged.length - open.length;
    findings.push(...open.map(f => ({
      template: file,
      line: lines.get(f.logicalId),
      level: f.level,
      ruleId: f.ruleId,
      prerequisite: f.prerequisite,
      resource: f.logicalId,
      resourceType: f.resourceType,
      message: f.message,
    })));
    queue.push(...nestedTemplates(model, file));
  }
  return { templates, resources, findings, acknowledged };
}

/** The templates an input names: the file, or the `*.template.json|yaml` files of a directory. */
function templatesOf(input: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new TemplateError(`${input}: no such file or directory`);
  }
  if (!stat.isDirectory()) {
    return [input];
  }
  const found = walk(input).filter(f => /\.template\.(json|ya?ml)$/.test(f)).sort();
  if (found.length === 0) {
    throw new TemplateError(`${input}: a directory with no *.template.json (give a template file, or a cdk.out directory)`);
  }
  return found;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    // asset.* directories hold Lambda code and Docker contexts, not templates.
    return entry.isDirectory() ? (entry.name.startsWith('asset.') ? [] : walk(file)) : [file];
  });
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new TemplateError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The templates of the nested stacks of a template that are files next to it: the `aws:asset:path`
 * CDK writes with asset metadata on, else the file asset whose hash the `TemplateURL` ends with (the
 * `*.assets.json` manifests of `cdk.out`), or a `TemplateURL` that is a relative path (before
 * `aws cloudformation package`).
 */
function nestedTemplates(model: TemplateModel, file: string): string[] {
  const dir = path.dirname(file);
  let assets: Map<string, string> | undefined;
  return model.resourcesOfType('AWS::CloudFormation::Stack').flatMap(([, stack]) => {
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
    }
    const nested = local === undefined ? undefined : path.resolve(dir, local);
    return nested !== undefined && fs.existsSync(nested) && fs.statSync(nested).isFile() ? [path.relative(process.cwd(), nested) || nested] : [];
  });
}

/** The file assets of the cloud assembly in `dir`: hash to the file's path in `dir`. */
function fileAssets(dir: string): Map<string, string> {
  const assets = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.assets.json'))) {
    try {
      const files = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf-8')).files ?? {};
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

import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { isObject, TemplateJson } from './template-model';

/**
 * A file that is not a CloudFormation template, or not one the engine can read. Its message is one
 * line, for the checker to print as it is.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A template as read from its text, with the line each resource starts on where known. */
export interface ParsedTemplate {
  readonly template: TemplateJson;
  /** Logical id to 1-based line number. */
  readonly lines: Map<string, number>;
}

/**
 * Deeper than any real template (CDK writes about 15 levels): a guard against input built to
 * exhaust the stack of every recursive reader after this one.
 */
export const MAX_DEPTH = 200;

/** `Type: Service::Group::Resource` (AWS, Alexa, registry types), `::MODULE`, and `Custom::Name`. */
const RESOURCE_TYPE = /^([A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?|Custom::[A-Za-z0-9_@.-]+)$/;

/**
 * Reads a CloudFormation template, JSON or YAML (with the short-form intrinsics `!Ref`, `!GetAtt`,
 * `!Sub` ...). Throws a `TemplateError` for anything that is not a template.
 */
export function parseTemplate(text: string, name: string): ParsedTemplate {
  const fail = (why: string): never => {
    throw new TemplateError(`${name}: ${why}`);
  };
  if (text.includes('\u0000')) {
    fail('not a CloudFormation template (binary content)');
  }
  if (text.trim() === '') {
    fail('not a CloudFormation template (the file is empty)');
  }
  const json = /^\s*[{[]/.test(text);
  if (!json && yamlTooDeep(text)) {
    fail(`not a CloudFormation template: values are nested more than ${MAX_DEPTH} levels deep`);
  }
  let value: unknown;
  try {
    value = json ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    fail(`not a CloudFormation template: it is neither JSON nor YAML (${oneLine(e)})`);
  }
  if (!isObject(value)) {
    fail(`not a CloudFormation template: the top level is ${kindOf(value)}, not an object`);
  }
  const template = value as { [key: string]: unknown };
  if (depthExceeds(template, MAX_DEPTH)) {
    fail(`not a CloudFormation template: values are nested more than ${MAX_DEPTH} levels deep`);
  }
  const resources = template.Resources;
  if (!isObject(resources)) {
    fail(`not a CloudFormation template: ${resources === undefined ? 'it has no Resources section' : `Resources is ${kindOf(resources)}, not an object`}`);
  }
  for (const [logicalId, resource] of Object.entries(resources as object)) {
    if (!isObject(resource)) {
      fail(`not a CloudFormation template: resource ${logicalId} is ${kindOf(resource)}, not an object`);
    }
    const type = resource.Type;
    if (typeof type !== 'string' || !RESOURCE_TYPE.test(type)) {
      fail(`not a CloudFormation template: resource ${logicalId} has Type ${JSON.stringify(type) ?? 'undefined'}, not a resource type (AWS::Service::Resource or Custom::Name)`);
    }
    const known = awsResourceTypes();
    if (known !== undefined && /^(AWS|Alexa)::/.test(type) && !NOT_LISTED.test(type) && !known.types.has(type)) {
      fail(`not a CloudFormation template: resource ${logicalId} has Type ${type}, which CloudFormation does not have (not among the ${known.types.size} types of aws-cdk-lib ${known.version})`);
    }
    if (resource.Properties !== undefined && !isObject(resource.Properties)) {
      fail(`not a CloudFormation template: the Properties of resource ${logicalId} are ${kindOf(resource.Properties)}, not an object`);
    }
  }
  const cycle = dependencyCycle(resources as { [logicalId: string]: unknown });
  if (cycle !== undefined) {
    fail(`not a CloudFormation template: circular dependency between resources ${cycle.join(' -> ')} (CloudFormation rejects it)`);
  }
  return { template: template as TemplateJson, lines: json ? jsonResourceLines(text) : yamlResourceLines(text) };
}

/** The resources a resource depends on: `Ref`, `Fn::GetAtt`, `${}` of `Fn::Sub`, `DependsOn`. */
function dependenciesOf(resource: unknown, resources: { [logicalId: string]: unknown }): Set<string> {
  const found = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id === 'string' && Object.prototype.hasOwnProperty.call(resources, id)) {
      found.add(id);
    }
  };
  const stack: unknown[] = [resource];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...value);
    } else if (isObject(value)) {
      add(value.Ref);
      const getAtt = value['Fn::GetAtt'];
      add(Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined);
      const sub = value['Fn::Sub'];
      const text = Array.isArray(sub) ? sub[0] : sub;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) add(m[1]);
      }
      stack.push(...Object.values(value));
    }
  }
  const dependsOn = isObject(resource) ? resource.DependsOn : undefined;
  (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).forEach(add);
  return found;
}

/** A cycle of dependencies between resources (`[A, B, A]`), found without recursion, if any. */
function dependencyCycle(resources: { [logicalId: string]: unknown }): string[] | undefined {
  const edges = new Map(Object.entries(resources).map(([id, r]) => [id, [...dependenciesOf(r, resources)]]));
  const state = new Map<string, 'open' | 'done'>();
  for (const root of edges.keys()) {
    if (state.has(root)) {
      continue;
    }
    const walk: Array<[string, number]> = [[root, 0]];
    state.set(root, 'open');
    while (walk.length > 0) {
      const top = walk[walk.length - 1];
      const next = edges.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], 'done');
        walk.pop();
      } else if (state.get(next) === 'open') {
        const ids = walk.map(([id]) => id);
        return [...ids.slice(ids.indexOf(next)), next];
      } else if (!state.has(next)) {
        state.set(next, 'open');
        walk.push([next, 0]);
      }
    }
  }
  return undefined;
}

let awsTypes: { types: Set<string>; version: string } | undefined | null;

/** Types CloudFormation accepts that aws-cdk-lib lists no class for: CDK's own metadata, and SAM's transform. */
const NOT_LISTED = /^AWS::(CDK::Metadata$|Serverless::)/;

/**
 * The resource types of AWS (and Alexa) that CloudFormation has, as the aws-cdk-lib installed
 * beside this library lists them (`cloudformation-include/cfn-types-2-classes.json`, read as a
 * file: no `exports` entry is needed). `undefined` when it cannot be read: types are then not checked.
 */
function awsResourceTypes(): { types: Set<string>; version: string } | undefined {
  if (awsTypes === undefined) {
    try {
      const manifest = require.resolve('aws-cdk-lib/package.json');
      const file = path.join(path.dirname(manifest), 'cloudformation-include', 'cfn-types-2-classes.json');
      awsTypes = { types: new Set(Object.keys(JSON.parse(fs.readFileSync(file, 'utf-8')))), version: JSON.parse(fs.readFileSync(manifest, 'utf-8')).version };
    } catch {
      awsTypes = null;
    }
  }
  return awsTypes ?? undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

/** Whether any value is nested deeper than `max`, checked without recursion. */
export function depthExceeds(root: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth > max) {
      return true;
    }
    for (const child of Object.values(value)) {
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The line of each resource of a JSON template: the keys of the `Resources` object, found in one
 * pass, at the indentation of its first key.
 */
function jsonResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const start = /"Resources"\s*:\s*\{/.exec(text);
  if (start === null) {
    return lines;
  }
  const key = /\n([ \t]*)"((?:[^"\\]|\\.)*)"\s*:\s*\{/g;
  key.lastIndex = start.index;
  let indent: string | undefined;
  let line = countLines(text, 0, start.index) + 1;
  let at = start.index;
  for (let m = key.exec(text); m !== null; m = key.exec(text)) {
    indent ??= m[1];
    if (m[1].length < indent.length) {
      break; // the end of Resources
    }
    if (m[1] === indent) {
      line += countLines(text, at, m.index + 1);
      at = m.index + 1;
      lines.set(JSON.parse(`"${m[2]}"`), line);
    }
  }
  return lines;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

// --- YAML -------------------------------------------------------------------------------

/** The part of the `yaml` package (1.x) the engine uses. */
export interface YamlModule {
  parse(text: string, options: object): unknown;
  parseAllDocuments(text: string, options: object): Array<{ contents: unknown; errors: Error[]; toJSON(): unknown }>;
  parseDocument(text: string, options: object): { contents: unknown; errors: Error[] };
}

let yamlModule: YamlModule | undefined;

/**
 * The YAML parser aws-cdk-lib bundles (and reads templates with in `cloudformation-include`): a
 * peer dependency already, so the library bundles none of its own.
 */
export function yaml(): YamlModule {
  yamlModule ??= createRequire(require.resolve('aws-cdk-lib/package.json'))('yaml') as YamlModule;
  return yamlModule;
}

/** The intrinsic functions with a short form, and the key each short form stands for. */
const SHORT_FORMS: Array<[string, string]> = [
  ...['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Sub', 'Select', 'Split', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'GetAtt', 'Length', 'ToJsonString'].map((name): [string, string] => [name, `Fn::${name}`]),
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
];

/**
 * Tags for the short forms. The value after the tag is read again as YAML, as aws-cdk-lib's own
 * reader does: it may be a scalar, a list or a map, each with more short forms inside.
 */
const CUSTOM_TAGS = SHORT_FORMS.map(([name, key]) => ({
  identify: () => false,
  tag: `!${name}`,
  resolve: (_doc: unknown, node: { toString(): string }) => ({ [key]: parseYaml(node.toString().substring(name.length + 1)) }),
}));

/**
 * Whether YAML text nests deeper than `MAX_DEPTH`, in flow collections (`[[[...`) or by indentation:
 * the parser takes seconds on such input before it fails, so it is refused first. Quotes are
 * skipped roughly; a template is never near the bound.
 */
export function yamlTooDeep(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      quote = undefined;
      continue;
    }
    if (lineStart && c === ' ') {
      if (++indent > 2 * MAX_DEPTH) return true;
      continue;
    }
    lineStart = false;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

function parseYaml(text: string): unknown {
  return yaml().parse(text, { customTags: CUSTOM_TAGS, schema: 'core', prettyErrors: false });
}

/** The line of each resource of a YAML template, from the parser's own positions. */
function yamlResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  try {
    const document = yaml().parseDocument(text, { customTags: CUSTOM_TAGS, schema: 'core' });
    const resources = pairsOf(document.contents).find(p => keyOf(p) === 'Resources');
    for (const pair of pairsOf(resources?.value)) {
      const offset = pair.key?.range?.[0];
      const id = keyOf(pair);
      if (typeof offset === 'number' && id !== undefined) {
        lines.set(id, countLines(text, 0, offset) + 1);
      }
    }
  } catch {
    // Lines are a help, not a need: the template itself was read already.
  }
  return lines;
}

interface YamlPair {
  readonly key?: { readonly value?: unknown; readonly range?: number[] };
  readonly value?: unknown;
}

function pairsOf(node: unknown): YamlPair[] {
  const items = isObject(node) ? node.items : undefined;
  return Array.isArray(items) ? items : [];
}

function keyOf(pair: YamlPair): string | undefined {
  return typeof pair.key?.value === 'string' ? pair.key.value : undefined;
}

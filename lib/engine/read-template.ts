import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
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

/**
 * The largest template file read by default, in MiB. CloudFormation itself accepts at most 1 MB
 * (a template uploaded to S3; 51,200 bytes inline), so a deployable template is far below it; the
 * margin is for templates written with wide indentation. At the engine's YAML cost (at most 5x
 * the input, bench/yaml-memory.ts) 16 MiB stays under 100 MB of memory. Raised with `--max-size`.
 */
export const DEFAULT_MAX_TEMPLATE_MIB = 16;

/** How a template file may be read. */
export interface ReadFileOptions {
  /** The largest file read, in bytes. @default DEFAULT_MAX_TEMPLATE_MIB MiB */
  readonly maxBytes?: number;
  /**
   * The directory the file must stay in once links are followed (the directory the user gave).
   * @default - anywhere: the user named the file itself
   */
  readonly within?: string;
}

/**
 * The text of a template file, read only if it is a regular file (never a FIFO, a device or a
 * directory, which would hang or never end), within `within` once links are followed, and no
 * larger than `maxBytes` (read with a bound, so a file that grows while it is read stops too).
 * Throws a one-line `TemplateError` otherwise.
 */
export function readTemplateFile(file: string, options: ReadFileOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEMPLATE_MIB * 1024 * 1024;
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (e) {
    throw new TemplateError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (options.within !== undefined) {
    const root = fs.realpathSync(options.within);
    if (real !== root && !real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
      throw new TemplateError(`${file}: refused, it is a link to ${real}, outside ${options.within}`);
    }
  }
  if (!stat.isFile()) {
    throw new TemplateError(`${file}: refused, not a regular file (${fileKind(stat)}${real === path.resolve(file) ? '' : ` ${real}`})`);
  }
  const tooLarge = (bytes: number) => new TemplateError(`${file}: refused, ${mib(bytes)} is larger than the ${mib(maxBytes)} cap`
    + ' (CloudFormation deploys templates of at most 1 MB); raise it with --max-size MiB');
  if (stat.size > maxBytes) {
    throw tooLarge(stat.size);
  }
  // Non-blocking: a file that became a FIFO after the check above cannot hang the open. Flags are bits.
  // eslint-disable-next-line no-bitwise
  const fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(stat.size - length + 1, 64 * 1024), maxBytes + 1 - length, 16 * 1024 * 1024));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw tooLarge(length);
    }
    return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)).toString('utf-8');
  } finally {
    fs.closeSync(fd);
  }
}

function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
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
  // `aws cloudformation get-template` wraps the template: its TemplateBody is a string (the YAML
  // or JSON text of the stack) or, for a JSON stack, the object itself.
  const body = (value as { [key: string]: unknown }).TemplateBody;
  if ((value as { [key: string]: unknown }).Resources === undefined && body !== undefined) {
    if (typeof body === 'string') {
      return parseTemplate(body, `${name} (TemplateBody)`);
    }
    value = body;
    if (!isObject(value)) {
      fail(`not a CloudFormation template: its TemplateBody is ${kindOf(value)}, not an object`);
    }
  }
  const template = value as { [key: string]: unknown };
  const shape = shapeProblem(template, MAX_DEPTH, text.length + 1000);
  if (shape !== undefined) {
    fail(`not a CloudFormation template: ${shape}`);
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
  normalizeGetAtt(template);
  const cycle = dependencyCycle(resources as { [logicalId: string]: unknown });
  if (cycle !== undefined) {
    fail(`not a CloudFormation template: circular dependency between resources ${cycle.join(' -> ')} (CloudFormation rejects it)`);
  }
  return { template: template as TemplateJson, lines: json ? jsonResourceLines(text) : yamlResourceLines(text) };
}

/**
 * Writes every `Fn::GetAtt` in its list form: `"A.B.C"` (JSON) and `!GetAtt A.B.C` (YAML) become
 * `["A", "B.C"]`, as CloudFormation reads them (the logical id has no dot; the attribute may).
 * Every reader after this one, rules and the replacement check, sees one form.
 */
function normalizeGetAtt(root: unknown) {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
    } else if (isObject(value)) {
      const getAtt = value['Fn::GetAtt'];
      if (typeof getAtt === 'string' && getAtt.includes('.')) {
        const dot = getAtt.indexOf('.');
        value['Fn::GetAtt'] = [getAtt.slice(0, dot), getAtt.slice(dot + 1)];
      }
      for (const v of Object.values(value)) stack.push(v);
    }
  }
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
      for (const v of value) stack.push(v);
    } else if (isObject(value)) {
      add(value.Ref);
      const getAtt = value['Fn::GetAtt'];
      add(Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined);
      const sub = value['Fn::Sub'];
      const text = Array.isArray(sub) ? sub[0] : sub;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) add(m[1]);
      }
      for (const v of Object.values(value)) stack.push(v);
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

/**
 * What is wrong with the shape of the values, checked without recursion: nested deeper than `max`,
 * or more values than `maxValues`. A YAML alias is the same object again: a few lines of aliases of
 * aliases (an alias bomb) are billions of values to every reader after this one. Text without
 * aliases has fewer values than characters.
 */
export function shapeProblem(root: unknown, max: number, maxValues: number): string | undefined {
  // Two stacks, not one of pairs: no allocation per value on a template of millions of values.
  const values: unknown[] = [root];
  const depths: number[] = [0];
  let count = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++count > maxValues) {
      return `it holds more than ${maxValues} values (YAML aliases that repeat values, an alias bomb)`;
    }
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth > max) {
      return `values are nested more than ${max} levels deep`;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
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

/** The intrinsic functions with a short form, and the key each short form stands for. */
const SHORT_FORMS: Array<[string, string]> = [
  ...['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Sub', 'Select', 'Split', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'GetAtt', 'Length', 'ToJsonString'].map((name): [string, string] => [name, `Fn::${name}`]),
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
];

let cfnSchema: jsYaml.Schema | undefined;

/**
 * YAML 1.2's core schema (no merge keys, timestamps or binary) with the short forms: `!Name value`
 * is `{ 'Fn::Name': value }` whatever the value (a scalar, a list or a map, with more short forms
 * inside). js-yaml builds the values directly, in one pass, with no document of the whole file.
 */
function schema(): jsYaml.Schema {
  cfnSchema ??= jsYaml.CORE_SCHEMA.extend(SHORT_FORMS.flatMap(([name, key]) => (['scalar', 'sequence', 'mapping'] as const).map(kind =>
    new jsYaml.Type(`!${name}`, { kind, construct: (data: unknown) => ({ [key]: data ?? '' }) }))));
  return cfnSchema;
}

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
  return jsYaml.load(text, { schema: schema() });
}

/**
 * The line of each resource of a YAML template, from the text: the keys one level under a
 * top-level `Resources:`. A scan, not a second parse: a parser's document (with its positions)
 * costs many times the text in memory.
 */
function yamlResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const header = /^Resources[ \t]*:[ \t]*(#.*)?\r?$/m.exec(text);
  if (header === null) {
    return lines;
  }
  let line = countLines(text, 0, header.index) + 1;
  let indent: number | undefined;
  // One line at a time, without splitting the text: a large template has hundreds of thousands.
  for (let at = text.indexOf('\n', header.index) + 1; at > 0 && at < text.length; line++) {
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next;
    let column = at;
    while (column < end && (text[column] === ' ' || text[column] === '\t')) column++;
    if (column < end && text[column] !== '#' && text[column] !== '\r') {
      indent ??= column - at;
      if (column - at < indent || indent === 0) {
        break;
      }
      if (column - at === indent) {
        const key = /^("((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"][^#]*?))\s*:(\s|$)/.exec(text.slice(column, Math.min(end, column + 1024)));
        if (key) {
          lines.set(key[2] ?? key[3]?.replace(/''/g, "'") ?? key[4], line + 1);
        }
      }
    }
    at = end + 1;
  }
  return lines;
}

import * as fs from 'fs';
import * as path from 'path';
import { StringDecoder } from 'string_decoder';
import { countLines, linesOf, loadYaml, loadYamlBySection, yamlResourceLines, yamlTooDeep } from './read-yaml';
import { isObject, TemplateJson } from './template-model';
import { MAX_DEPTH, shapeProblem } from './value-shape';

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
 * margin is for templates written with wide indentation. At the engine's YAML cost (about 3x the
 * input, under 5.5x when no expression repeats: bench/yaml-memory.ts) 16 MiB stays under 100 MB of
 * memory to read. Raised with `--max-size`.
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

/** A template file, open and checked (see `openTemplateFile`). */
interface OpenTemplateFile {
  readonly file: string;
  readonly fd: number;
  readonly maxBytes: number;
  /** The error for a file found larger than the cap while it is read. */
  tooLarge(bytes: number): TemplateError;
}

/**
 * Opens a template file only if it is a regular file (never a FIFO, a device or a directory,
 * which would hang or never end), within `within` once links are followed, and no larger than
 * `maxBytes`. Throws a one-line `TemplateError` otherwise. The caller closes `fd`.
 */
function openTemplateFile(file: string, options: ReadFileOptions): OpenTemplateFile {
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
  return { file, fd, maxBytes, tooLarge };
}

/**
 * The text of a file from its start, a block at a time, decoded as UTF-8 (an invalid sequence is
 * U+FFFD, as `Buffer.toString` writes it). Read with a bound, so a file that grows while it is read
 * stops too.
 */
function* textBlocks(open: OpenTemplateFile): Generator<string> {
  const decoder = new StringDecoder('utf-8');
  const block = Buffer.alloc(Math.min(1024 * 1024, open.maxBytes + 1));
  let length = 0;
  for (;;) {
    const n = fs.readSync(open.fd, block, 0, Math.min(block.length, open.maxBytes + 1 - length), length);
    if (n === 0) break;
    length += n;
    if (length > open.maxBytes) throw open.tooLarge(length);
    yield decoder.write(block.subarray(0, n));
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * The text of a template file, read only if it is a regular file, within `within` once links are
 * followed, and no larger than `maxBytes` (see `openTemplateFile`). Throws a one-line
 * `TemplateError` otherwise.
 */
export function readTemplateFile(file: string, options: ReadFileOptions = {}): string {
  const open = openTemplateFile(file, options);
  try {
    return [...textBlocks(open)].join('');
  } finally {
    fs.closeSync(open.fd);
  }
}

/**
 * Reads and parses a template file (see `readTemplateFile` and `parseTemplate`). A YAML template
 * laid out as tools write it is read from the file one section at a time and never held whole
 * (read-yaml.ts); any other is read whole and parsed by `parseTemplate`.
 */
export function readTemplate(file: string, options: ReadFileOptions = {}): ParsedTemplate {
  const open = openTemplateFile(file, options);
  try {
    const sections = loadYamlBySection(linesOf(textBlocks(open)), normalizeGetAtt);
    if (sections !== undefined) {
      return templateOf(sections.value, file, sections.length, () => sections.lines);
    }
    return parseText([...textBlocks(open)].join(''), file, false);
  } finally {
    fs.closeSync(open.fd);
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

/** `Type: Service::Group::Resource` (AWS, Alexa, registry types), `::MODULE`, and `Custom::Name`. */
const RESOURCE_TYPE = /^([A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?|Custom::[A-Za-z0-9_@.-]+)$/;

/**
 * Reads a CloudFormation template, JSON or YAML (with the short-form intrinsics `!Ref`, `!GetAtt`,
 * `!Sub` ...). Throws a `TemplateError` for anything that is not a template.
 */
export function parseTemplate(text: string, name: string): ParsedTemplate {
  return parseText(text, name, true);
}

function parseText(text: string, name: string, bySection: boolean): ParsedTemplate {
  const fail = (why: string): never => {
    throw new TemplateError(`${name}: ${why}`);
  };
  const json = /^\s*[{[]/.test(text);
  if (!json && bySection) {
    const sections = loadYamlBySection(linesOf([text]), normalizeGetAtt);
    if (sections !== undefined) {
      return templateOf(sections.value, name, text.length, () => sections.lines);
    }
  }
  if (text.includes('\u0000')) {
    fail('not a CloudFormation template (binary content)');
  }
  if (text.trim() === '') {
    fail('not a CloudFormation template (the file is empty)');
  }
  if (!json && yamlTooDeep(text)) {
    fail(`not a CloudFormation template: values are nested more than ${MAX_DEPTH} levels deep`);
  }
  let value: unknown;
  try {
    value = json ? JSON.parse(text) : loadYaml(text);
  } catch (e) {
    fail(`not a CloudFormation template: it is neither JSON nor YAML (${oneLine(e)})`);
  }
  return templateOf(value, name, text.length, () => json ? jsonResourceLines(text) : yamlResourceLines(text));
}

/**
 * The template of parsed values, checked: an object with Resources, each of a resource type, no
 * alias bomb or nesting past `MAX_DEPTH` (`length` is the text's, which bounds the values), no
 * dependency cycle. `aws cloudformation get-template` output is unwrapped.
 */
function templateOf(parsed: unknown, name: string, length: number, lines: () => Map<string, number>): ParsedTemplate {
  const fail = (why: string): never => {
    throw new TemplateError(`${name}: ${why}`);
  };
  let value = parsed;
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
  const shape = shapeProblem(template, MAX_DEPTH, length + 1000);
  if (shape !== undefined) {
    fail(`not a CloudFormation template: ${shape}`);
  }
  const resources = template.Resources;
  if (!isObject(resources)) {
    fail(`not a CloudFormation template: ${resources === undefined ? 'it has no Resources section' : `Resources is ${kindOf(resources)}, not an object`}`);
  }
  // Keys, not entries: no pair per resource on a template of hundreds of thousands.
  for (const logicalId of Object.keys(resources as object)) {
    const resource = (resources as { [logicalId: string]: any })[logicalId];
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
  return { template: template as TemplateJson, lines: lines() };
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

/**
 * A cycle of dependencies between resources (`[A, B, A]`), found without recursion, if any. A
 * resource's dependencies are listed when the walk reaches it and dropped when it leaves: the
 * memory is the walk's depth, not the template's edges.
 */
function dependencyCycle(resources: { [logicalId: string]: unknown }): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const root of Object.keys(resources)) {
    if (state.has(root)) {
      continue;
    }
    const walk: Array<{ id: string; next: string[]; at: number }> = [{ id: root, next: [...dependenciesOf(resources[root], resources)], at: 0 }];
    state.set(root, 'open');
    while (walk.length > 0) {
      const top = walk[walk.length - 1];
      const next = top.next[top.at++];
      if (next === undefined) {
        state.set(top.id, 'done');
        walk.pop();
      } else if (state.get(next) === 'open') {
        const ids = walk.map(({ id }) => id);
        return [...ids.slice(ids.indexOf(next)), next];
      } else if (!state.has(next)) {
        state.set(next, 'open');
        walk.push({ id: next, next: [...dependenciesOf(resources[next], resources)], at: 0 });
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

/**
 * CloudFormation YAML, read with js-yaml and the short forms (`!Ref`, `!GetAtt` ...), either whole
 * or one section at a time. A template laid out the way CDK, `cfn-flip`, `get-template` and the
 * console write it (a block mapping at the top, `Resources:` a block mapping under it) is read one
 * top-level entry and one resource at a time: each is parsed on its own and kept in a compact form,
 * so the memory it takes stays near the size of the values, not several times the text (issue 22,
 * bench/yaml-memory.ts). Anything else (a flow mapping, a second document, an alias to an anchor in
 * another resource, a duplicate key, text the parser refuses) is left to the whole-text parse,
 * which reads it exactly as before and gives the parser's own error.
 */
import * as jsYaml from 'js-yaml';
import { MAX_DEPTH, shapeProblem } from './value-shape';

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

/** The whole text, as one YAML document. Throws the parser's error. */
export function loadYaml(text: string): unknown {
  return jsYaml.load(text, { schema: schema() });
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

/** A YAML template read one section at a time: its values, and the line each resource starts on. */
export interface YamlSections {
  readonly value: { [key: string]: unknown };
  /** Logical id to 1-based line number. */
  readonly lines: Map<string, number>;
  /** The characters read. */
  readonly length: number;
}

/**
 * The lines of a text given in blocks (a file read a block at a time, or one string), each with
 * its line break: never the whole text at once.
 */
export function* linesOf(blocks: Iterable<string>): Generator<string> {
  let partial = '';
  for (const text of blocks) {
    let at = 0;
    for (let next = text.indexOf('\n'); next >= 0; next = text.indexOf('\n', at)) {
      yield partial + text.slice(at, next + 1);
      partial = '';
      at = next + 1;
    }
    partial += text.slice(at);
  }
  if (partial !== '') yield partial;
}

/** `Resources:` alone on its line (a block mapping follows), the key plain or quoted. */
const RESOURCES_HEADER = /^(Resources|"Resources"|'Resources')[ \t]*:[ \t]*(#.*)?\r?\n?$/;
/** `---` alone: the start of the (only) document. */
const DOCUMENT_START = /^---[ \t]*(#.*)?\r?\n?$/;

/**
 * Reads a YAML template one top-level entry and one resource at a time, from its lines.
 * `prepare` may rewrite each section's values in place before they are kept (the GetAtt form).
 * `undefined` when the text is not laid out so, or holds anything the whole-text parse must judge
 * (see the module's comment): the caller then parses the whole text. Stops reading at the first
 * line that decides it, so a JSON file costs one line.
 *
 * A section starts at a line that is neither blank nor a comment: at column 0 for a top-level entry,
 * at the indentation of the first resource for a resource. No valid YAML continues a scalar or a
 * collection on such a line without leaving the section before it unfinished (an open quote or
 * bracket), which the parser refuses; so parsing each section alone gives the same values as
 * parsing the whole text whenever every section parses.
 */
export function loadYamlBySection(lines: Iterable<string>, prepare: (value: unknown) => void = () => undefined): YamlSections | undefined {
  const top: { [key: string]: unknown } = {};
  const resourceLines = new Map<string, number>();
  const shared: Shared = { strings: new Map(), expressions: new Map() };
  let resources: { [key: string]: unknown } | undefined;
  let inResources = false;
  let resourceIndent = -1;
  let section: string[] = [];
  let sectionKind: 'top' | 'resource' | undefined;
  let sectionLine = 0;
  let length = 0;
  let line = 0;
  let started = false;

  // Parses the section read so far; false when it must be left to the whole-text parse.
  const flush = (): boolean => {
    const text = section.join('');
    section = [];
    const kind = sectionKind;
    sectionKind = undefined;
    // Binary content anywhere, comments included, is the whole-text parse's error.
    if (text.includes('\u0000')) {
      return false;
    }
    if (kind === undefined) {
      return true;
    }
    if (yamlTooDeep(text)) {
      return false;
    }
    let parsed: unknown;
    try {
      parsed = kind === 'resource' ? (loadYaml(`R:\n${text}`) as { R?: unknown } | undefined)?.R : loadYaml(text);
    } catch {
      return false;
    }
    if (!isPlainMapping(parsed)) {
      return false;
    }
    const keys = Object.keys(parsed);
    const target = kind === 'resource' ? resources! : top;
    if (keys.length !== 1 || Object.prototype.hasOwnProperty.call(target, keys[0])) {
      return false;
    }
    const value = parsed[keys[0]];
    if (shapeProblem(value, MAX_DEPTH, text.length + 1000) !== undefined) {
      return false;
    }
    prepare(value);
    setOwn(target, keys[0], compact(value, shared));
    if (kind === 'resource') {
      resourceLines.set(keys[0], sectionLine);
    }
    return true;
  };

  for (let text of lines) {
    line++;
    length += text.length;
    if (line === 1 && text.startsWith('\uFEFF')) {
      text = text.slice(1);
    }
    let indent = 0;
    while (indent < text.length && text[indent] === ' ') indent++;
    const first = text[indent];
    if (first === undefined || first === '\n' || first === '\r' || first === '#') {
      section.push(text);
      continue;
    }
    if (!started) {
      started = true;
      if (DOCUMENT_START.test(text)) {
        continue;
      }
      // A flow mapping or list (JSON among them), a directive, a tag or anchor on the whole document.
      if (indent > 0 || '{[%!&*-?|>'.includes(first)) {
        return undefined;
      }
    }
    if (indent === 0) {
      if (!flush() || text.startsWith('---') || text.startsWith('...')) {
        return undefined;
      }
      if (RESOURCES_HEADER.test(text)) {
        if (Object.prototype.hasOwnProperty.call(top, 'Resources')) {
          return undefined; // a second Resources key: the parser's duplicate-key error
        }
        resources = {};
        setOwn(top, 'Resources', resources);
        inResources = true;
        resourceIndent = -1;
      } else {
        inResources = false;
        sectionKind = 'top';
        section.push(text);
      }
      continue;
    }
    if (inResources) {
      if (resourceIndent < 0) {
        resourceIndent = indent;
      }
      if (indent === resourceIndent) {
        if (!flush()) {
          return undefined;
        }
        sectionKind = 'resource';
        sectionLine = line;
      }
    }
    section.push(text);
  }
  if (!started || !flush()) {
    return undefined;
  }
  if (resources !== undefined && Object.keys(resources).length === 0) {
    top.Resources = null; // `Resources:` with nothing under it, as the parser reads it
  }
  return { value: top, lines: resourceLines, length };
}

function isPlainMapping(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a key as the parser does: `__proto__` too is an own key, not the prototype. */
function setOwn(target: { [key: string]: unknown }, key: string, value: unknown) {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * The same values in V8's compact form: JSON's parser sizes each object to its keys and copies each
 * string out of the text, where the YAML parser leaves objects with room to grow and strings that
 * keep their section's text alive (about half the memory). Values JSON cannot carry (`.inf`, `.nan`,
 * `-0`) are kept as they are.
 */
function compact(value: unknown, shared: Shared): unknown {
  if (!jsonSafe(value)) {
    return value;
  }
  const copy = JSON.parse(JSON.stringify(value));
  if (typeof copy === 'object' && copy !== null) {
    shareValues(copy, shared);
  }
  return copy;
}

/** The values kept once for the whole template; each table is emptied when full, which bounds it. */
interface Shared {
  readonly strings: Map<string, string>;
  readonly expressions: Map<string, object>;
}

const SHARED_ENTRIES = 100_000;
/** Longer expressions seldom repeat, and their keys would cost more than they save. */
const SHARED_EXPRESSION_CHARS = 256;

/**
 * One copy of each repeated value, in place: strings of up to 64 characters (resource types,
 * logical ids and attribute names repeat in every resource; JSON's parser shares only those of up
 * to 10), and intrinsic expressions (`{"Ref": "Vpc"}`, `{"Fn::GetAtt": [...]}`, whole `Fn::Select`
 * of `Fn::Cidr` trees) that are the same text. A shared expression is frozen: a reader that
 * rewrote one in place would rewrite every resource that uses it, so it fails instead.
 */
function shareValues(root: unknown, shared: Shared) {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as { [key: string]: unknown };
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (typeof child === 'string') {
        if (child.length > 10 && child.length <= 64) {
          value[key] = once(shared.strings, child, child);
        }
      } else if (typeof child === 'object' && child !== null) {
        const text = isExpression(child) ? JSON.stringify(child) : undefined;
        if (text !== undefined && text.length <= SHARED_EXPRESSION_CHARS) {
          value[key] = once(shared.expressions, text, child, deepFreeze);
        } else {
          stack.push(child);
        }
      }
    }
  }
}

function once<T>(table: Map<string, T>, key: string, value: T, keep: (value: T) => void = () => undefined): T {
  const found = table.get(key);
  if (found !== undefined) {
    return found;
  }
  if (table.size >= SHARED_ENTRIES) table.clear();
  keep(value);
  table.set(key, value);
  return value;
}

/** An intrinsic function (one key, `Ref`, `Condition` or `Fn::...`) of scalars, lists and intrinsics only. */
function isExpression(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every(isExpression);
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))
    && isExpression((value as { [key: string]: unknown })[keys[0]]);
}

function deepFreeze(value: unknown) {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
}

function jsonSafe(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Object.is(value, -0)) return false;
    } else if (typeof value === 'object' && value !== null) {
      for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push(child);
    } else if (value === undefined) {
      return false;
    }
  }
  return true;
}

/**
 * The line of each resource of a YAML template, from the text: the keys one level under a
 * top-level `Resources:`. A scan, not a second parse: a parser's document (with its positions)
 * costs many times the text in memory. For text read whole.
 */
export function yamlResourceLines(text: string): Map<string, number> {

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

/** The line breaks in `text` between `from` and `to`. */
export function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

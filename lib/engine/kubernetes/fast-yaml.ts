/**
 * A reader for the plain subset of YAML that Kubernetes manifests are written in: block mappings
 * and sequences by indentation, plain and quoted one-line scalars, comments, `---` between
 * documents. The `yaml` package aws-cdk-lib bundles (1.x) takes about a millisecond per manifest,
 * so a directory of 5,000 of them takes seconds; this reads them in a fraction of that.
 *
 * It gives up (`undefined`) at anything it does not read exactly as the YAML 1.2 core schema does —
 * anchors and aliases, tags, flow collections other than `[]` and `{}`, block and multi-line
 * scalars, numbers other than plain integers, escapes other than the common ones, duplicate or
 * merge keys, tabs — and the caller reads that text with the full parser (and its guards) instead.
 * A test compares the two on every case it reads.
 */

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly line: number;
}

/** A document of the subset: its value and the line (1-based) its content starts on. */
export interface FastDocument {
  readonly value: unknown;
  readonly line: number;
}

class GiveUp extends Error {}

function giveUp(): never {
  throw new GiveUp();
}

/** The documents of a text, or `undefined` when it is not in the subset. */
export function parseSimpleYaml(text: string): FastDocument[] | undefined {
  try {
    const documents: FastDocument[] = [];
    let current: Line[] = [];
    const flush = () => {
      if (current.length > 0) {
        const lines = current;
        const state = { i: 0 };
        const value = parseNode(lines, state, lines[0].indent);
        if (state.i < lines.length || !isMapping(value)) {
          giveUp();
        }
        documents.push({ value, line: lines[0].line });
      }
      current = [];
    };
    let n = 0;
    for (let start = 0; start <= text.length; n++) {
      let end = text.indexOf('\n', start);
      if (end === -1) {
        end = text.length;
      }
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      let indent = start;
      while (indent < lineEnd && text.charCodeAt(indent) === 32) {
        indent++;
      }
      const next = end + 1;
      const first = text.charCodeAt(indent);
      if (indent === lineEnd || first === 35 /* # */) {
        start = next;
        continue; // blank or comment
      }
      if (indent === start && (first === 45 /* - */ || first === 46 /* . */ || first === 37 /* % */ || first === 0xfeff)) {
        const line = text.slice(start, lineEnd);
        if (line === '---') {
          flush();
          start = next;
          continue;
        }
        if (line.startsWith('---') || line.startsWith('...') || first !== 45) {
          giveUp();
        }
      }
      if (first === 9 /* a tab in the indentation */) {
        giveUp();
      }
      current.push({ indent: indent - start, text: text.slice(indent, lineEnd).trimEnd(), line: n + 1 });
      start = next;
    }
    flush();
    return documents;
  } catch (e) {
    if (e instanceof GiveUp) {
      return undefined;
    }
    throw e;
  }
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function parseNode(lines: Line[], state: { i: number }, indent: number): unknown {
  return isItem(lines[state.i].text) ? parseSequence(lines, state, indent) : parseMapping(lines, state, indent);
}

/** A nested block after `key:` or `-`: more indented, or (for a sequence under a key) at the key's indent. */
function parseNested(lines: Line[], state: { i: number }, parentIndent: number, underKey: boolean): unknown {
  const next = lines[state.i];
  if (next !== undefined && next.indent > parentIndent) {
    return parseNode(lines, state, next.indent);
  }
  if (underKey && next !== undefined && next.indent === parentIndent && isItem(next.text)) {
    return parseSequence(lines, state, parentIndent);
  }
  return null;
}

function parseMapping(lines: Line[], state: { i: number }, indent: number): { [key: string]: unknown } {
  const map: { [key: string]: unknown } = {};
  while (state.i < lines.length) {
    const line = lines[state.i];
    if (line.indent < indent || (line.indent === indent && isItem(line.text))) {
      break;
    }
    if (line.indent > indent) {
      giveUp(); // a continuation line of a multi-line scalar, or a stray indent
    }
    const [key, rest] = splitKey(line.text);
    if (key === '<<' || Object.prototype.hasOwnProperty.call(map, key) || key === '__proto__') {
      giveUp();
    }
    state.i++;
    map[key] = rest === '' ? parseNested(lines, state, indent, true) : scalar(rest);
  }
  return map;
}

function parseSequence(lines: Line[], state: { i: number }, indent: number): unknown[] {
  const list: unknown[] = [];
  while (state.i < lines.length) {
    const line = lines[state.i];
    if (line.indent < indent || (line.indent === indent && !isItem(line.text))) {
      break;
    }
    if (line.indent > indent) {
      giveUp();
    }
    const content = line.text.slice(1).trimStart();
    if (content === '') {
      state.i++;
      list.push(parseNested(lines, state, indent, false));
    } else if (isItem(content) || keyOf(content) !== undefined) {
      // `- key: value` (or `- - x`): the item is a block whose first line starts after the dash.
      const column = indent + line.text.length - content.length;
      lines[state.i] = { indent: column, text: content, line: line.line };
      list.push(parseNode(lines, state, column));
    } else {
      state.i++;
      list.push(scalar(content));
    }
  }
  return list;
}

/** `key` and the rest of a `key: value` line, when the line is one. */
function keyOf(text: string): [string, string] | undefined {
  if (text.startsWith('"') || text.startsWith("'")) {
    const [key, end] = quoted(text);
    const after = text.slice(end);
    if (after === ':' || after.startsWith(': ')) {
      return [key, after.slice(1).trim()];
    }
    return undefined;
  }
  const colon = text.endsWith(':') && !text.includes(': ') ? text.length - 1 : text.indexOf(': ');
  if (colon <= 0) {
    return undefined;
  }
  const key = text.slice(0, colon);
  // Keys the core schema reads as null, a boolean or a number are the full parser's to read.
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(key) || key.includes(' #') || key !== key.trim() || /^[-+.0-9]/.test(key)
    || /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(key)) {
    giveUp();
  }
  return [key, text.slice(colon + 1).trim()];
}

function splitKey(text: string): [string, string] {
  return keyOf(text) ?? giveUp();
}

/** A quoted scalar at the start of `text`: its value and the index after the closing quote. */
function quoted(text: string): [string, number] {
  const quote = text[0];
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote === "'" && c === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i++;
        continue;
      }
      return [value, i + 1];
    }
    if (quote === '"' && c === '"') {
      return [value, i + 1];
    }
    if (quote === '"' && c === '\\') {
      const escaped = ESCAPES[text[++i]];
      if (escaped === undefined) {
        giveUp();
      }
      value += escaped;
      continue;
    }
    value += c;
  }
  return giveUp(); // the scalar goes on to the next line
}

/** The first letters of the words the core schema reads as null or a boolean. */
const RESERVED_FIRST = new Set(['n', 'N', 't', 'T', 'f', 'F']);

const ESCAPES: { [c: string]: string } = { '\\': '\\', '"': '"', '/': '/', 'n': '\n', 't': '\t', 'r': '\r' };

/** A one-line scalar, as the core schema resolves it. */
function scalar(text: string): unknown {
  if (text.startsWith('"') || text.startsWith("'")) {
    const [value, end] = quoted(text);
    const rest = text.slice(end);
    if (rest !== '' && !/^\s+#/.test(rest)) {
      giveUp();
    }
    return value;
  }
  // Most values are names and images: a letter first, no comment, no colon-space, not a word the schema reads.
  const first = text.charCodeAt(0);
  if (((first >= 97 && first <= 122) || (first >= 65 && first <= 90)) && !RESERVED_FIRST.has(text[0]) && !text.includes(' #')
    && !text.includes(': ') && !text.endsWith(':')) {
    return text;
  }
  const plain = text.replace(/\s+#.*$/, '');
  if (plain === '[]' || plain === '{}') {
    return plain === '[]' ? [] : {};
  }
  if (/^[[\]{}#&*!|>%@`,]/.test(plain) || /^[-?:](\s|$)/.test(plain) || plain.includes(': ') || plain.endsWith(':')) {
    giveUp();
  }
  if (/^(~|null|Null|NULL)$/.test(plain)) {
    return null;
  }
  if (/^(true|True|TRUE)$/.test(plain)) {
    return true;
  }
  if (/^(false|False|FALSE)$/.test(plain)) {
    return false;
  }
  if (/^[-+]?[0-9]+$/.test(plain)) {
    // `-0` is the integer 0 (JSON, and the full parser, have no negative zero).
    const n = Number(plain) + 0;
    return Number.isSafeInteger(n) ? n : giveUp();
  }
  // Every other number form (octal, hex, floats, .inf, .nan) is the full parser's to read.
  if (/^[-+]?(\.[0-9]|[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$)/.test(plain) && /^[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|\.[0-9]+([eE][-+]?[0-9]+)?|[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|\.(inf|Inf|INF|nan|NaN|NAN))$/.test(plain)) {
    giveUp();
  }
  return plain;
}

import * as fs from 'fs';
import * as path from 'path';

/**
 * Malformed inputs for `check` and `replacements`, generated deterministically from a seed corpus
 * (the checker's fixtures and the replacement pairs): the same seed gives the same inputs, so a
 * failure is reproduced by its name. Each input is a mutation a user, an editor or an attacker can
 * produce: cut files, flipped bytes, wrong types where the engine expects a shape, intrinsics of
 * the wrong form, broken Conditions, Parameters and Mappings, hostile YAML, get-template wrappers.
 */
export interface MalformedInput {
  /** `NNN-mutation.ext`: the file name to write it under. */
  readonly name: string;
  readonly content: string | Buffer;
  /** The seed it was made from (for `replacements SEED INPUT`). */
  readonly seed: string;
}

const ROOT = path.resolve(__dirname, '..');

/** The seed corpus: every fixture template and every replacement pair's templates. */
export function seedCorpus(): string[] {
  const fixtures = path.join(ROOT, 'nag', 'fixtures');
  const pairs = path.join(ROOT, 'replacements', 'pairs');
  return [
    ...fs.readdirSync(fixtures).filter(f => /\.(json|ya?ml)$/.test(f) && !f.startsWith('sarif')).map(f => path.join(fixtures, f)),
    ...fs.readdirSync(pairs).flatMap(d => fs.readdirSync(path.join(pairs, d)).filter(f => /^(old|new)\./.test(f)).map(f => path.join(pairs, d, f))),
  ].sort();
}

/** Park and Miller's minimal standard generator: small, seeded, exact in doubles, enough to pick mutations. */
function random(seed: number): () => number {
  let state = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

type Json = any;

const ODD_VALUES: unknown[] = [
  null, 0, -1, 1e308, '', 'x'.repeat(10_000), [], {}, [[[[[]]]]], true, '\u0000', '\ud800', '💥', { Ref: [] }, { Ref: 'Nope' },
  { 'Fn::GetAtt': {} }, { 'Fn::GetAtt': 'NoDot' }, { 'Fn::GetAtt': ['Vpc'] }, { 'Fn::GetAtt': '.Arn' }, { 'Fn::If': 3 },
  { 'Fn::If': ['Missing', 1] }, { 'Fn::If': [['x'], 1, 2] }, { 'Fn::Sub': [1] }, { 'Fn::Sub': ['${A', {}] }, { 'Fn::Sub': { a: 1 } },
  { 'Fn::FindInMap': 'x' }, { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }] }, { 'Fn::Join': [1, 2] }, { 'Fn::Select': ['-1', [1]] },
  { 'Fn::Select': [99, []] }, { 'Fn::Split': ['', 'abc'] }, { 'Fn::Cidr': [] }, { 'Fn::Equals': [] }, { Ref: 'AWS::NoValue' },
  { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::NoValue' }] }, { __proto__: { polluted: true } }, { constructor: { prototype: {} } },
];

const TOP_LEVEL_MUTATIONS: Array<[string, (t: Json, r: () => number) => void]> = [
  ['conditions-cycle', t => { t.Conditions = { A: { Condition: 'B' }, B: { 'Fn::Not': [{ Condition: 'A' }] } }; }],
  ['conditions-odd', (t, r) => { t.Conditions = { C: odd(r), D: { 'Fn::And': odd(r) } }; }],
  ['parameters-odd', (t, r) => { t.Parameters = { Env: { Type: odd(r), Default: odd(r) }, L: { Type: 'CommaDelimitedList', Default: odd(r) } }; }],
  ['parameters-not-object', (t, r) => { t.Parameters = odd(r); }],
  ['mappings-odd', (t, r) => { t.Mappings = { M: odd(r) }; }],
  ['resources-odd', (t, r) => { t.Resources = odd(r); }],
  ['resource-condition-odd', (t, r) => { for (const res of Object.values<Json>(t.Resources ?? {})) if (res && typeof res === 'object') res.Condition = odd(r); }],
  ['type-odd', (t, r) => { const res = firstResource(t); if (res) res.Type = odd(r); }],
  ['properties-odd', (t, r) => { const res = firstResource(t); if (res) res.Properties = odd(r); }],
  ['metadata-odd', (t, r) => { const res = firstResource(t); if (res) res.Metadata = { 'aws:cdk:path': odd(r), 'aws:asset:path': odd(r) }; }],
  ['nested-stack-odd', (t, r) => {
    t.Resources = { ...(t.Resources ?? {}), Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: odd(r) }, Metadata: { 'aws:asset:path': pick(['../../../../etc/passwd', '/dev/zero', 'missing.json', 3], r) } } };
  }],
  ['depends-on-odd', (t, r) => { const res = firstResource(t); if (res) res.DependsOn = odd(r); }],
  ['wrapped-template-body', (t, r) => { const body = r() < 0.5 ? JSON.stringify(t).slice(0, Math.floor(r() * 200)) : odd(r); for (const k of Object.keys(t)) delete t[k]; t.TemplateBody = body; }],
  ['wrapped-odd', (t, r) => { const inner = { ...t }; for (const k of Object.keys(t)) delete t[k]; t.TemplateBody = { ...inner, Resources: odd(r) }; }],
  ['many-resources', t => { t.Resources = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`T${i}`, { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: `T${i + 1}` } } }])); }],
];

/** An odd value, a copy each time: later mutations write into it, and the list must stay as it is. */
function odd(r: () => number): unknown {
  return structuredClone(pick(ODD_VALUES, r));
}

function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)];
}

function firstResource(t: Json): Json | undefined {
  const resources = t?.Resources;
  return resources && typeof resources === 'object' ? Object.values<Json>(resources).find(v => v && typeof v === 'object') : undefined;
}

/** Replaces one value somewhere in the template (at any depth) with an odd one. */
function replaceDeep(t: Json, r: () => number): void {
  let node = t;
  for (let depth = 0; depth < 8; depth++) {
    const keys = node && typeof node === 'object' ? Object.keys(node) : [];
    if (keys.length === 0) return;
    const key = pick(keys, r);
    const child = node[key];
    if (child === null || typeof child !== 'object' || r() < 0.3) {
      node[key] = odd(r);
      return;
    }
    node = child;
  }
}

/** Mutations of the text itself. */
const TEXT_MUTATIONS: Array<[string, (text: string, r: () => number) => string | Buffer]> = [
  ['truncated', (s, r) => s.slice(0, Math.floor(r() * s.length))],
  ['byte-flips', (s, r) => {
    const b = Buffer.from(s);
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return b;
  }],
  ['inserted-junk', (s, r) => { const at = Math.floor(r() * s.length); return s.slice(0, at) + pick(['{', ']', ':', '"', '!Ref', '&a', '*a', '\t', '---\n', '%YAML 1.1\n', '\ufeff', '\r'], r) + s.slice(at); }],
  ['bom', s => `\ufeff${s}`],
  ['crlf', s => s.replace(/\n/g, '\r\n')],
  ['tabs', s => s.replace(/ {2}/g, '\t')],
  ['yaml-unknown-tag', s => `Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Nope x\n${s.length > 0 ? '' : ''}`],
  ['yaml-ref-map', () => 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref { a: !GetAtt [b] }\n      DisplayName: !If [C, !Sub, !Select]\n'],
  ['yaml-anchors', () => 'Resources:\n  A: &a\n    Type: AWS::SNS::Topic\n  B: *a\n  C:\n    <<: *a\n'],
  ['yaml-alias-bomb', () => ['Resources:', '  A:', '    Type: AWS::SNS::Topic', '    Metadata:', '      a: &a [x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 7 }, (_, i) => `      b${i}: &b${i} [${Array(8).fill(i === 0 ? '*a' : `*b${i - 1}`).join(', ')}]`), '      z: *b6', ''].join('\n')],
  ['yaml-deep', () => `Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 3)}k:`).join('\n')} 1\n`],
  ['yaml-duplicate-keys', () => 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n'],
  ['yaml-binary', () => 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata: { b: !!binary aGVsbG8= }\n'],
  ['yaml-multi-document', s => `${s}\n---\nResources: {}\n`],
  ['json-deep', () => `{"Resources":{"A":{"Type":"AWS::SNS::Topic","Metadata":${'['.repeat(5000)}${']'.repeat(5000)}}}}`],
  ['json-huge-number', () => '{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":1e999999}}}}'],
  ['json-duplicate-keys', () => '{"Resources":{"A":{"Type":"AWS::SNS::Topic"},"A":{"Type":"AWS::SQS::Queue"}}}'],
  ['empty', () => ''],
  ['whitespace', () => ' \n\t\n'],
  ['binary', (_s, r) => Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256)))],
];

/** `count` malformed inputs, the same for the same `seed`. */
export function malformedInputs(count: number, seed = 22): MalformedInput[] {
  const r = random(seed);
  const seeds = seedCorpus();
  const inputs: MalformedInput[] = [];
  for (let i = 0; i < count; i++) {
    const source = seeds[i % seeds.length];
    const text = fs.readFileSync(source, 'utf-8');
    const ext = path.extname(source);
    const n = String(i).padStart(3, '0');
    const structural = i % 3 !== 2;
    let parsed: Json;
    try {
      parsed = ext === '.json' ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (structural && parsed !== undefined) {
      const copy = JSON.parse(JSON.stringify(parsed));
      const [name, mutate] = r() < 0.5 ? pick(TOP_LEVEL_MUTATIONS, r) : ['deep-value', replaceDeep] as const;
      mutate(copy, r);
      if (r() < 0.5) replaceDeep(copy, r);
      inputs.push({ name: `${n}-${name}.template.json`, content: JSON.stringify(copy), seed: source });
    } else {
      const [name, mutate] = pick(TEXT_MUTATIONS, r);
      const yamlish = name.startsWith('yaml') || ext !== '.json';
      inputs.push({ name: `${n}-${name}.template.${yamlish ? 'yaml' : 'json'}`, content: mutate(text, r), seed: source });
    }
  }
  return inputs;
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { readTemplate, parseTemplate } from '../../lib/engine/read-template';
import { linesOf, loadYaml, loadYamlBySection } from '../../lib/engine/read-yaml';
import { malformedInputs } from '../fuzz/malformed-inputs';

/**
 * The section-at-a-time reader is an optimisation: wherever it answers, its values are the
 * whole-text parse's, to the last -0; wherever the whole-text parse refuses the text, it does not
 * answer. Its memory is measured by bench/yaml-memory.ts, not here.
 */
function bySection(text: string) {
  return loadYamlBySection(linesOf([text]));
}

/** The whole-text parse's values, or the error it throws. */
function whole(text: string): { value?: unknown; error?: unknown } {
  try {
    return { value: loadYaml(text) };
  } catch (error) {
    return { error };
  }
}

/** Deep equality that tells -0 from 0 and NaN from null, and sees `__proto__` as a key. */
function expectSameValues(actual: unknown, expected: unknown) {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual, (_k, v) => (typeof v === 'number' && !Number.isFinite(v)) || Object.is(v, -0) ? `number:${Object.is(v, -0) ? '-0' : v}` : v))
    .toBe(JSON.stringify(expected, (_k, v) => (typeof v === 'number' && !Number.isFinite(v)) || Object.is(v, -0) ? `number:${Object.is(v, -0) ? '-0' : v}` : v));
}

/** Text that tools write, each read one section at a time with the whole-text parse's values. */
const LAID_OUT: Array<[string, string[]]> = [
  ['short forms, comments and blank lines everywhere', [
    '# leading comment',
    '',
    'AWSTemplateFormatVersion: "2010-09-09" # trailing',
    'Description: >-',
    '  folded text',
    '  over lines',
    '',
    'Parameters:',
    '  Env: { Type: String, Default: prod }',
    'Resources:',
    '# a comment at column 0 inside Resources',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '    Properties:',
    '      CidrBlock: 10.0.0.0/16',
    '',
    '      # indented comment',
    '  Subnet:',
    '    Type: AWS::EC2::Subnet',
    '    Properties:',
    '      VpcId: !Ref Vpc',
    '      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 256, 8]]',
    '      Tags:',
    '        - Key: Name',
    '          Value: !Sub "${Env}-subnet # not a comment"',
    'Outputs:',
    '  VpcId:',
    '    Value: !Ref Vpc',
  ]],
  ['block scalars that keep, strip and indent, and multi-line plain and quoted scalars', [
    'Resources:',
    '    Fn:',
    '      Type: AWS::Lambda::Function',
    '      Properties:',
    '        Code:',
    '          ZipFile: |+',
    '            line one',
    '',
    '              indented',
    '',
    '        Description: a plain scalar',
    '          continued on the next line',
    '        Handler: "a quoted',
    '          scalar"',
    '        Runtime: \'single',
    '          quoted\'',
    '    Other:',
    '      Type: AWS::SNS::Topic',
  ]],
  ['a document start, CRLF and a byte order mark', ['\uFEFF---', 'Resources:\r', '  Topic:\r', '    Type: AWS::SNS::Topic\r', '']],
  ['numbers JSON cannot carry, nulls, booleans, quoted and odd keys', [
    'Resources:',
    '  "Quoted: Id":',
    '    Type: AWS::SNS::Topic',
    '    Metadata: { inf: .inf, nan: .nan, minusZero: -0.0, hex: 0x1F, octal: 0o17, nothing: ~, yes: true }',
    '  __proto__:',
    '    Type: AWS::SNS::Topic',
    '    Properties: { __proto__: { polluted: true } }',
    '  \'1\':',
    '    Type: AWS::SNS::Topic',
  ]],
  ['an anchor and its alias within one resource', [
    'Resources:',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      Tags: &tags [{ Key: a, Value: b }]',
    '      Other: *tags',
  ]],
  ['Resources empty, then another key', ['Resources:', '# nothing', 'Outputs: {}']],
  ['no Resources at all', ['Description: just this']],
];

/** Text the section reader leaves to the whole-text parse. */
const LEFT_WHOLE: Array<[string, string[]]> = [
  ['a flow mapping (JSON)', ['{"Resources": {}}']],
  ['a second document', ['Resources:', '  A:', '    Type: AWS::SNS::Topic', '---', 'Resources: {}']],
  ['a document end', ['Resources:', '  A:', '    Type: AWS::SNS::Topic', '...']],
  ['an alias to an anchor in another resource', ['Resources:', '  A:', '    Type: &t AWS::SNS::Topic', '  B:', '    Type: *t']],
  ['a duplicate resource', ['Resources:', '  A:', '    Type: AWS::SNS::Topic', '  A:', '    Type: AWS::SQS::Queue']],
  ['a duplicate top-level key', ['Description: a', 'Resources: {}', 'Description: b']],
  ['Resources twice', ['Resources:', '  A: { Type: AWS::SNS::Topic }', 'Resources:', '  B: { Type: AWS::SNS::Topic }']],
  ['Resources twice, the first a flow mapping', ['Resources: { A: { Type: AWS::SNS::Topic } }', 'Resources:', '  B: { Type: AWS::SNS::Topic }']],
  ['a sequence under Resources', ['Resources:', '- a', '- b']],
  ['an indented root', ['  Resources:', '    A: { Type: AWS::SNS::Topic }']],
  ['a directive', ['%YAML 1.2', '---', 'Resources: {}']],
  ['a tab for indentation', ['Resources:', '\tA: { Type: AWS::SNS::Topic }']],
  ['a quote left open into the next resource', ['Resources:', '  A:', '    Description: "open', '  B: "']],
  ['a flow list left open into the next resource', ['Resources:', '  A:', '    Tags: [a,', '  B: c]']],
  ['inconsistent resource indentation', ['Resources:', '    A:', '      Type: AWS::SNS::Topic', '  B:', '    Type: AWS::SNS::Topic']],
  ['binary content in a comment', ['# \u0000', 'Resources: {}']],
  ['a complex key', ['? Resources', ': {}']],
  ['the empty text', ['']],
];

describe('loadYamlBySection', () => {
  test.each(LAID_OUT)('%s: read by section, the same values as the whole-text parse', (_name, lines) => {
    const text = lines.join('\n');
    const read = bySection(text);
    expect(read).toBeDefined();
    const expected = whole(text);
    expect(expected.error).toBeUndefined();
    expectSameValues(read!.value, expected.value);
  });

  test.each(LEFT_WHOLE)('%s: left to the whole-text parse', (_name, lines) => {
    expect(bySection(lines.join('\n'))).toBeUndefined();
  });

  test('the line of each resource is its key\'s', () => {
    const read = bySection(['# c', 'Resources:', '', '  A:', '    Type: AWS::SNS::Topic', '  # c', '  "B":', '    Type: AWS::SNS::Topic'].join('\n'));
    expect([...read!.lines]).toEqual([['A', 4], ['B', 7]]);
  });

  test('a repeated expression is kept once and frozen; the rest of each resource is its own', () => {
    const resource = ['    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: !Ref Vpc', '      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]', '      Tags: [{ Key: a, Value: b }]'];
    const read = bySection(['Resources:', '  A:', ...resource, '  B:', ...resource].join('\n'));
    const { A, B } = read!.value.Resources as { [id: string]: { Properties: { [name: string]: any } } };
    expect(A).toStrictEqual(B);
    expect(A.Properties.VpcId).toBe(B.Properties.VpcId);
    expect(A.Properties.CidrBlock).toBe(B.Properties.CidrBlock);
    expect(Object.isFrozen(A.Properties.CidrBlock['Fn::Select'][1]['Fn::Cidr'])).toBe(true);
    expect(() => { 'use strict'; A.Properties.VpcId.Ref = 'Other'; }).toThrow(TypeError);
    // Not an expression: each resource keeps its own, to change as it likes.
    expect(A.Properties.Tags).not.toBe(B.Properties.Tags);
    expect(A.Properties).not.toBe(B.Properties);
  });

  // The property that makes the optimisation safe, on: every YAML file of the repository's tests;
  // the integration tests' templates written as YAML by js-yaml (indents of 2 and 4, long strings
  // folded), each also with lines cut, repeated, dedented and indented; and 300 malformed templates
  // (cut, flipped, odd values, broken intrinsics, hostile YAML).
  const root = path.join(__dirname, '..', '..');
  const dumped = fs.readdirSync(path.join(root, 'integ')).filter(d => d.endsWith('.snapshot'))
    .flatMap(d => fs.readdirSync(path.join(root, 'integ', d)).filter(f => f.endsWith('.template.json')).map(f => path.join('integ', d, f)))
    .flatMap((file, i) => {
      const text = jsYaml.dump(JSON.parse(fs.readFileSync(path.join(root, file), 'utf-8')), { indent: i % 2 === 0 ? 2 : 4, lineWidth: 60 });
      return [[`${file} as YAML`, text], ...mutations(text, i).map(([how, t]) => [`${file} as YAML, ${how}`, t])] as Array<[string, string]>;
    });
  const corpus: Array<[string, string]> = [
    ...yamlFilesUnder(path.join(root, 'test')).map(f => [path.relative(root, f), fs.readFileSync(f, 'utf-8')] as [string, string]),
    ...dumped,
    ...malformedInputs(300).filter(i => typeof i.content === 'string' && !/^\s*[{[]/.test(i.content)).map(i => [i.name, i.content as string] as [string, string]),
  ];
  test('the corpus holds YAML of both kinds', () => {
    expect(corpus.length).toBeGreaterThan(150);
    expect(dumped.filter(([name, text]) => !name.includes(', ') && bySection(text) !== undefined)).toHaveLength(20);
    expect(corpus.filter(([, text]) => bySection(text) !== undefined).length).toBeGreaterThan(60);
    expect(corpus.filter(([, text]) => whole(text).error !== undefined).length).toBeGreaterThan(30);
  });
  test.each(corpus)('%s: where it answers, the whole-text parse gives the same values', (_name, text) => {
    const read = bySection(text);
    const expected = whole(text);
    if (read === undefined) {
      return;
    }
    expect(expected.error).toBeUndefined();
    expectSameValues(read.value, expected.value);
  });
});

test('linesOf: a line split across blocks is one line, with its break; the last line may have none', () => {
  expect([...linesOf(['a: 1\nb:', ' 2\r', '\n', '', 'c: 3'])]).toEqual(['a: 1\n', 'b: 2\r\n', 'c: 3']);
  expect([...linesOf(['x\n'])]).toEqual(['x\n']);
  expect([...linesOf([''])]).toEqual([]);
});

describe('readTemplate', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-yaml-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a YAML file read by section gives what parseTemplate gives its text, lines included', () => {
    const text = LAID_OUT[0][1].join('\n');
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, text);
    const fromFile = readTemplate(file);
    const fromText = parseTemplate(text, file);
    expect(fromFile.template).toStrictEqual(fromText.template);
    expect([...fromFile.lines]).toEqual([['Vpc', 12], ['Subnet', 18]]);
    expect([...fromText.lines]).toEqual([...fromFile.lines]);
  });

  test('a file read in blocks: a multi-byte character across a block boundary, and lines longer than a block', () => {
    // 1 MiB blocks: a resource whose description puts a 3-byte character across the first boundary.
    const head = 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: "';
    const pad = 'x'.repeat(1024 * 1024 - Buffer.byteLength(head) - 1);
    const text = `${head}${pad}€"\n  B:\n    Type: AWS::SNS::Topic\n    Metadata: { long: "${'y'.repeat(1500 * 1024)}" }\n`;
    const file = path.join(dir, 'blocks.yaml');
    fs.writeFileSync(file, text);
    const { template } = readTemplate(file);
    expect((template.Resources!.A.Properties as { DisplayName: string }).DisplayName).toBe(`${pad}€`);
    expect((template.Resources!.B.Metadata as { long: string }).long).toHaveLength(1500 * 1024);
  });

  test('text left to the whole-text parse is read again, whole, with the parser\'s own error', () => {
    const file = path.join(dir, 'dup.yaml');
    fs.writeFileSync(file, LEFT_WHOLE.find(([n]) => n === 'a duplicate resource')![1].join('\n'));
    expect(() => readTemplate(file)).toThrow(/dup\.yaml: not a CloudFormation template: it is neither JSON nor YAML \(duplicated mapping key/);
  });

  test('a file larger than the cap is refused before it is read', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, `Resources:\n${Array.from({ length: 2000 }, (_, i) => `  T${i}:\n    Type: AWS::SNS::Topic\n`).join('')}`);
    expect(() => readTemplate(file, { maxBytes: 10_000 })).toThrow(/refused, .* is larger than the 0\.01 MiB cap/);
  });
});

/** The text with one line, chosen by `seed`, cut, repeated, dedented by one space or indented by two. */
function mutations(text: string, seed: number): Array<[string, string]> {
  const lines = text.split('\n');
  const at = (k: number) => 1 + ((seed * 7919 + k * 104729) % Math.max(1, lines.length - 2));
  const edit = (k: number, f: (line: string) => string[]) => [...lines.slice(0, at(k)), ...f(lines[at(k)]), ...lines.slice(at(k) + 1)].join('\n');
  return [
    [`line ${at(1) + 1} cut`, edit(1, () => [])],
    [`line ${at(2) + 1} repeated`, edit(2, l => [l, l])],
    [`line ${at(3) + 1} dedented`, edit(3, l => [l.replace(/^ /, '')])],
    [`line ${at(4) + 1} indented`, edit(4, l => [`  ${l}`])],
  ];
}

function yamlFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { parseSimpleYaml } from '../../lib/engine/kubernetes/fast-yaml';

/** What the full parser (the one the manifest reader falls back to) reads: every document's value. */
function full(text: string): unknown[] {
  return jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA }).filter(v => v !== null && v !== undefined);
}

/** The subset reader agrees with the full parser wherever it reads at all. */
function agrees(text: string): 'same' | 'gave up' {
  const simple = parseSimpleYaml(text);
  if (simple === undefined) {
    return 'gave up';
  }
  expect(simple.map(d => d.value)).toEqual(full(text));
  return 'same';
}

const MANIFEST = `# a comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # trailing comment
  namespace: "shop"
  labels: {}
  annotations:
    example.com/quoted: 'it''s'
    example.com/escaped: "a\\"b\\\\c\\n"
    example.com/hash: a#b
    example.com/url: http://example.com:8080/x
spec:
  replicas: 3
  paused: false
  minReadySeconds: -0
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      tolerations: []
      containers:
      - name: web
        image: nginx:1.27
        args:
          - --port=8080
          - "--mode"
          - ~
        ports:
          - containerPort: 8080
            protocol: TCP
        env:
        - name: EMPTY
          value:
        - name: TRUE_STRING
          value: "true"
      -
        name: sidecar
        image: busybox
---
apiVersion: v1
kind: Service
metadata: {name: x}
`;

describe('the subset YAML reader', () => {
  test('reads a typical manifest as the full parser does', () => {
    const [first] = MANIFEST.split('---\n');
    expect(agrees(first)).toBe('same');
    expect(parseSimpleYaml(first)![0].line).toBe(2);
  });

  test.each([
    ['several documents and CRLF', 'a: 1\r\n---\r\nb: [ ]\r\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  line\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a float, an octal, a hex, infinity', 'a: 1.5\n'],
    ['an octal', 'a: 0o17\n'],
    ['a hex number', 'a: 0x1F\n'],
    ['infinity', 'a: .inf\n'],
    ['a number key', '80: http\n'],
    ['a boolean key', 'true: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a merge key', 'base: {}\n<<: 1\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a unicode escape', 'a: "\\u00e9"\n'],
    ['a top-level list', '- a\n- b\n'],
    ['a document marker with content', '--- a: 1\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a big integer', 'a: 123456789012345678901\n'],
    ['words the core schema reads', 'a: yes\nb: on\nc: Null\nd: TRUE\ne: "1"\nf: 0755\ng: 1_000\nh: 1.2.3\n'],
  ])('%s: the same value, or it gives up', (_, text) => {
    expect(['same', 'gave up']).toContain(agrees(text));
  });

  test('gives up, never guesses, on what it does not read', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  line\n', 'a: one\n  two\n', 'a: 1.5\n', 'a: 1\na: 2\n', 'a: {b: 1}\n']) {
      expect(parseSimpleYaml(text)).toBeUndefined();
    }
  });

  test('agrees on every manifest of the test fixtures', () => {
    const dir = path.join(__dirname, '..', 'nag', 'fixtures', 'k8s');
    for (const name of fs.readdirSync(dir)) {
      expect(agrees(fs.readFileSync(path.join(dir, name), 'utf-8'))).toBe('same');
    }
  });
});

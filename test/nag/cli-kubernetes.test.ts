import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { K8S_EXAMPLE_OUTPUT, main } from '../../lib/nag/cli/main';

const FIXTURES = path.join(__dirname, 'fixtures');

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, line => out.push(line), line => err.push(line));
  return { code, output: out.join('\n'), error: err.join('\n') };
}

const ruleIds = (output: string) => [...output.matchAll(/^(ERROR|WARNING|INFO) (\S+)/gm)].map(m => `${m[1]} ${m[2]}`).sort();

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-k8s-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('cdk-ipv6-ready check on plain Kubernetes manifests', () => {
  test('the example of the README and of --help is the real output', () => {
    const cwd = process.cwd();
    process.chdir(FIXTURES);
    try {
      const { code, output } = run('check', 'k8s/', '--ip-family', 'ipv6');
      expect(output).toEqual(K8S_EXAMPLE_OUTPUT);
      expect(code).toBe(1);
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8'))
      .toContain(`npx cdk-ipv6-ready check k8s/ --ip-family ipv6\n\`\`\`\n\n\`\`\`text\n${K8S_EXAMPLE_OUTPUT}\n\`\`\``);
    expect(run('--help').output).toContain(K8S_EXAMPLE_OUTPUT.split('\n')[0]);
    expect(run('--help').output).toContain('npx cdk-ipv6-ready check k8s/ --ip-family ipv6');
  });

  test('without --ip-family: cannot judge, never a pass; with ipv4: nothing', () => {
    const dir = path.join(FIXTURES, 'k8s');
    const unknown = run('check', dir);
    expect(ruleIds(unknown.output)).toEqual(['WARNING Ipv6Ready-CannotJudge[K8S-IPV6-1]', 'WARNING Ipv6Ready-CannotJudge[K8S-IPV6-4]']);
    expect(unknown.output).toContain('give --ip-family ipv6 or ipv4');
    expect(unknown.code).toBe(0);
    expect(run('check', '--strict', dir).code).toBe(1);
    expect(run('check', dir, '--ip-family=ipv4')).toEqual({ code: 0, output: '0 errors, 0 warnings in 1 template (2 resources).', error: '' });
  });

  test('several documents, a List, JSON, subdirectories, and objects of one cluster across files', () => {
    write('multi/a.yaml', [
      'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: web\nspec:\n  controller: ingress.k8s.aws/alb\n'
        + '  parameters:\n    apiGroup: elbv2.k8s.aws\n    kind: IngressClassParams\n    name: web\n',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: crd.k8s.amazonaws.com/v1alpha1\n    kind: ENIConfig\n    metadata:\n      name: az1\n',
      '',
    ].join('---\n'));
    write('multi/sub/params.json', JSON.stringify({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'IngressClassParams',
      metadata: { name: 'web' },
      spec: { ipAddressType: 'dualstack', targetType: 'ip' },
    }));
    write('multi/sub/ingress.yml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: web\n');
    const { code, output } = run('check', path.join(scratch, 'multi'), '--ip-family', 'ipv6');
    // The Ingress has no annotation: its class's parameters (another file) make it dual-stack with IP targets.
    expect(ruleIds(output)).toEqual(['ERROR Ipv6Ready-K8S-IPV6-5[ENIConfig::az1]']);
    expect(output).toContain(`in ${path.join(scratch, 'multi', 'a.yaml')}:12`);
    expect(code).toBe(1);
  });

  test('templates and manifests in one call', () => {
    const { output } = run('check', path.join(FIXTURES, 'clean.json'), path.join(FIXTURES, 'k8s', 'web.yaml'), '--ip-family', 'ipv6');
    expect(ruleIds(output)).toEqual(['ERROR Ipv6Ready-K8S-IPV6-1[Service::shop/web]', 'ERROR Ipv6Ready-K8S-IPV6-4[Deployment::shop/report]']);
    expect(output).toMatch(/in 2 templates/);
  });

  test.each([
    ['an alias bomb', () => write('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: &a ["x","x","x","x","x","x","x","x","x"]\n${
      Array.from({ length: 9 }, (_, i) => `  ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`),
    /bomb\.yaml: not a Kubernetes manifest: .*alias bomb/i],
    ['nesting 10,000 levels deep', () => write('deep.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`),
      /deep\.yaml: not a Kubernetes manifest: values are nested more than 200 levels deep/],
    ['binary content', () => write('binary.yaml', Buffer.from([0x61, 0x70, 0x69, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x3a, 0x00, 0xff])),
      /binary\.yaml: not a Kubernetes manifest \(binary content\)/],
    ['a document that is not an object', () => write('list.yaml', 'apiVersion: v1\nkind: ConfigMap\n---\n- a\n- b\n'), /list\.yaml: not a Kubernetes manifest: a document is a list/],
  ])('refused in one line, exit code 2: %s', (_, file, message) => {
    const started = Date.now();
    const { code, output, error } = run('check', file(), '--ip-family', 'ipv6');
    expect(code).toBe(2);
    expect(output).toBe('');
    expect(error.split('\n')).toHaveLength(1);
    expect(error).toMatch(message);
    expect(Date.now() - started).toBeLessThan(10_000); // refused, not parsed to the end: a guard, not a speed figure
  });

  test('--ip-family takes ipv6 or ipv4', () => {
    const { code, error } = run('check', path.join(FIXTURES, 'k8s'), '--ip-family', 'dual');
    expect(code).toBe(2);
    expect(error).toMatch(/^cdk-ipv6-ready check: --ip-family must be ipv6 or ipv4, not dual/);
  });
});

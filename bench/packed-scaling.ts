/**
 * A user's app on the packed library (dist/js/*.tgz, from `npx projen build`, installed by
 * test/packed/install.sh as the smoke test installs it) against the same architecture in plain
 * aws-cdk-lib, at 1, 4 and 16 stacks, with and without the cdk-nag packs (bench/README.md).
 * Writes bench/packed-report.md and prints it.
 *
 *   npx projen bench:packed [--runs N]
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median } from './run';
import { transpile } from '../examples/run-app';

const ROOT = path.resolve(__dirname, '..');
const STACKS = [1, 4, 16];

// Both apps are the benchmark's (examples/reference-architecture.ts on the package, bench/baseline-app.ts).
const APP = `
const { App, Validations } = require('aws-cdk-lib');
const [kind, count, packs] = process.argv.slice(2);
const Stack = kind === 'library'
  ? require('./examples/reference-architecture').ReferenceArchitectureStack
  : require('./bench/baseline-app').BaselineArchitectureStack;
// Findings are reported, not thrown, on both sides: the baseline has unacknowledged ones.
const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
for (let i = 0; i < Number(count); i++) new Stack(app, 'Stack' + i);
if (packs === 'packs') {
  const { AwsSolutionsChecks } = require('cdk-nag');
  const { Ipv6ReadinessChecks } = require('cdk-ipv6-ready');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app));
}
app.synth();
`;

function install(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-packed-'));
  execFileSync('bash', [path.join(ROOT, 'test', 'packed', 'install.sh'), dir], { stdio: 'inherit' });
  transpile({ outDir: dir, dirs: [], files: ['examples/reference-architecture.ts', 'bench/baseline-app.ts'], links: [] });
  // The reference stack imports the library from its sources; a user imports the package.
  const reference = path.join(dir, 'examples', 'reference-architecture.js');
  fs.writeFileSync(reference, fs.readFileSync(reference, 'utf-8').replace(/require\("\.\.\/lib"\)/g, 'require("cdk-ipv6-ready")'));
  fs.writeFileSync(path.join(dir, 'app.js'), APP);
  return dir;
}

function synth(dir: string, kind: string, count: number, packs: boolean): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-packed-out-'));
  const started = process.hrtime.bigint();
  // aws-cdk-lib's schema validation is the same work on both sides and would dominate at 16 stacks.
  const result = spawnSync(process.execPath, ['app.js', kind, String(count), packs ? 'packs' : 'none'],
    { cwd: dir, env: { ...process.env, CDK_OUTDIR: outdir, CDK_VALIDATION: 'false' }, encoding: 'utf-8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${kind} x${count} failed: ${result.stderr.split('\n').slice(-20).join('\n')}`);
  return seconds;
}

function main(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
  const dir = install();
  const rows: string[] = [];
  let pass = true;
  try {
    for (const packs of [false, true]) {
      for (const count of STACKS) {
        synth(dir, 'library', count, packs); // warm-up of the file cache
        const ratios: number[] = [];
        const times: Record<string, number[]> = { library: [], baseline: [] };
        for (let i = 0; i < runs; i++) {
          const order = i % 2 === 0 ? ['library', 'baseline'] : ['baseline', 'library'];
          for (const kind of order) times[kind].push(synth(dir, kind, count, packs));
          ratios.push(times.library[i] / times.baseline[i]);
        }
        const ratio = median(ratios);
        pass &&= ratio <= 1.2;
        rows.push(`| ${count} | ${packs ? 'AwsSolutions + Ipv6Readiness' : 'none'} | ${median(times.library).toFixed(2)} | ${median(times.baseline).toFixed(2)} | ${ratio.toFixed(2)}x |`);
        process.stderr.write(`${rows[rows.length - 1]}\n`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const report = [
    '# A user app on the packed library against plain aws-cdk-lib', '',
    `${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · load average ${os.loadavg().map(n => n.toFixed(2)).join(' ')}`, '',
    `Median of ${runs} alternating pairs per row; CDK_VALIDATION=false on both sides. Target: every ratio ≤ 1.2x: **${pass ? 'PASS' : 'FAIL'}**.`, '',
    '| Stacks | Packs | Library median (s) | Baseline median (s) | Median pair ratio |', '|---|---|---|---|---|', ...rows, '',
  ].join('\n');
  fs.writeFileSync(path.join(__dirname, 'packed-report.md'), report);
  console.log(report);
}

main();

/**
 * The engine benchmark: `cdk-ipv6-ready check` and the Ipv6ReadinessChecks pack on templates of
 * 100, 1,000 and 5,000 resources, on the reference architecture's template, and on a template of
 * about 64 MB. Writes bench/engine-report.md and bench/engine-report.json and prints the report.
 * A script, not a test (see bench/README.md).
 *
 *   npx ts-node --transpile-only bench/engine.ts [--runs N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUILD, precompile, ROOT } from './run';

const SIZES = [100, 1_000, 5_000];
/** The size of the large template, as the issue measured the old checker on (64 MB). */
const LARGE_BYTES = 64 * 1024 * 1024;

interface PackFigures {
  readonly resources: number;
  readonly templateFile: string;
  readonly seconds: { [pack: string]: number[] };
}

interface CheckFigures {
  readonly label: string;
  readonly resources: number;
  readonly bytes: number;
  readonly seconds: number[];
  readonly maxRssMb: number;
  readonly exitCode: number;
}

function node(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(BUILD, script), ...args], {
    cwd: ROOT, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && !script.includes('check-process')) {
    throw new Error(`${script} failed (exit ${result.status ?? result.signal}):\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n')}`);
  }
  return { seconds, stdout: result.stdout };
}

function scalingApp(units: number, runs: number, outdir: string): PackFigures {
  const { stdout } = node('bench/scaling-app.js', [], { UNITS: String(units), RUNS: String(runs), CDK_OUTDIR: outdir });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

function check(label: string, file: string, runs: number): CheckFigures {
  const seconds: number[] = [];
  let maxRssKb = 0;
  let exitCode = -1;
  for (let i = 0; i < runs; i++) {
    const run = node('bench/check-process.js', ['check', '--format', 'json', '--max-size', '1024', file]);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    seconds.push(run.seconds);
    maxRssKb = Math.max(maxRssKb, result.maxRssKb);
    exitCode = result.code;
  }
  const template = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return { label, resources: Object.keys(template.Resources).length, bytes: fs.statSync(file).size, seconds, maxRssMb: maxRssKb / 1024, exitCode };
}

/**
 * Copies of a template's resources, each copy's logical ids suffixed, with its references
 * (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`) renamed the same way, until the file is `bytes` long.
 */
function largeTemplate(source: string, bytes: number, file: string): void {
  const template = JSON.parse(fs.readFileSync(source, 'utf-8'));
  const ids = new Set(Object.keys(template.Resources));
  const copies = Math.ceil(bytes / fs.statSync(source).size);
  const rename = (value: any, k: number): any => {
    if (Array.isArray(value)) return value.map(v => rename(v, k));
    if (value === null || typeof value !== 'object') return value;
    const out: any = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string' && ids.has(v)) out[key] = `${v}C${k}`;
      else if (key === 'Fn::GetAtt' && Array.isArray(v) && ids.has(v[0])) out[key] = [`${v[0]}C${k}`, ...v.slice(1)];
      else if (key === 'DependsOn') out[key] = (Array.isArray(v) ? v : [v]).map((d: string) => ids.has(d) ? `${d}C${k}` : d);
      else if (key === 'Fn::Sub' && typeof v === 'string') out[key] = v.replace(/\$\{([^!}.]+)/g, (m, id) => ids.has(id) ? `\${${id}C${k}` : m);
      else out[key] = rename(v, k);
    }
    return out;
  };
  const resources: any = {};
  for (let k = 0; k < copies; k++) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      resources[`${id}C${k}`] = rename(resource, k);
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...template, Resources: resources }, undefined, 1));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
  process.stderr.write('Transpiling lib/, examples/ and the bench apps to bench/.build ...\n');
  precompile(['bench/scaling-app.ts', 'bench/check-process.ts']);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  try {
    const unitSize = scalingApp(1, 1, path.join(scratch, 'unit')).resources;
    const packs: PackFigures[] = [];
    const checks: CheckFigures[] = [];
    for (const size of SIZES) {
      const units = Math.max(1, Math.round(size / unitSize));
      process.stderr.write(`  ${units} units (${units * unitSize} resources): pack timings ...\n`);
      const figures = scalingApp(units, runs, path.join(scratch, `n${size}`));
      packs.push(figures);
      process.stderr.write(`  ${figures.resources} resources: check ...\n`);
      checks.push(check(`${figures.resources} resources`, figures.templateFile, runs));
    }
    const referenceOut = path.join(scratch, 'reference');
    process.stderr.write('  the reference architecture: synth, check ...\n');
    node('examples/app.js', [], { CDK_OUTDIR: referenceOut });
    const referenceTemplate = fs.readdirSync(referenceOut).find(f => f.endsWith('.template.json'))!;
    checks.push(check('reference architecture', path.join(referenceOut, referenceTemplate), runs));
    const large = path.join(scratch, 'large.template.json');
    largeTemplate(packs[packs.length - 1].templateFile, LARGE_BYTES, large);
    process.stderr.write(`  a ${(fs.statSync(large).size / 1024 / 1024).toFixed(0)} MB template: check ...\n`);
    checks.push(check('large template', large, runs));
    report(packs, checks, runs);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function report(packs: PackFigures[], checks: CheckFigures[], runs: number): void {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const packRows = packs.map(p => {
    const ipv6 = median(p.seconds.Ipv6Ready);
    const aws = median(p.seconds.AwsSolutions);
    return { resources: p.resources, ipv6, aws, ipv6PerResourceMs: ipv6 / p.resources * 1000, ratio: ipv6 / aws };
  });
  const first = packRows[0];
  const last = packRows[packRows.length - 1];
  // Linear: the cost per resource at the largest size is within 2x of the smallest's.
  const linear = last.ipv6PerResourceMs <= 2 * first.ipv6PerResourceMs;
  const checkRows = checks.map(c => ({ ...c, median: median(c.seconds), memoryRatio: c.maxRssMb / mb(c.bytes) }));
  const five = checkRows.find(c => c.label === `${packs[packs.length - 1].resources} resources`)!;
  const reference = checkRows.find(c => c.label === 'reference architecture')!;
  const large = checkRows.find(c => c.label === 'large template')!;
  const targets = [
    { name: `check, ${five.resources} resources: < 3 s`, pass: five.median < 3, detail: `${five.median.toFixed(2)} s` },
    { name: `check, ${five.resources} resources: < 300 MB peak`, pass: five.maxRssMb < 300, detail: `${five.maxRssMb.toFixed(0)} MB` },
    { name: 'check, reference architecture: < 1 s', pass: reference.median < 1, detail: `${reference.median.toFixed(2)} s` },
    { name: `check, ${mb(large.bytes).toFixed(0)} MB template: memory < 10x input`, pass: large.memoryRatio < 10, detail: `${large.maxRssMb.toFixed(0)} MB peak, ${large.memoryRatio.toFixed(1)}x` },
    { name: 'pack linear in resources (per-resource cost at the largest size within 2x of the smallest)', pass: linear, detail: packRows.map(r => `${r.ipv6PerResourceMs.toFixed(3)} ms`).join(', ') + ' per resource' },
    ...packRows.map(r => ({ name: `pack ≤ AwsSolutionsChecks, ${r.resources} resources`, pass: r.ipv6 <= r.aws, detail: `${(r.ipv6 * 1000).toFixed(0)} ms vs ${(r.aws * 1000).toFixed(0)} ms (${r.ratio.toFixed(2)}x)` })),
  ];
  const md = [
    '# Engine benchmark',
    '',
    `${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}. `
      + `Median of ${runs} runs. The pack figures are each pack's \`validate\` on the synthesized app, in one process, after one unmeasured warm-up of each (the two packs alternate); `
      + 'the check figures are a fresh `node` process running `check --format json` on one template (startup included), peak memory is its maximum resident set.',
    '',
    '| Target | Pass | Figure |',
    '|---|---|---|',
    ...targets.map(t => `| ${t.name} | ${t.pass ? 'yes' : 'NO'} | ${t.detail} |`),
    '',
    '## Pack at synth (Ipv6ReadinessChecks against AwsSolutionsChecks, same app)',
    '',
    '| Resources | Ipv6Ready | AwsSolutions | ratio | Ipv6Ready per resource |',
    '|---|---|---|---|---|',
    ...packRows.map(r => `| ${r.resources} | ${(r.ipv6 * 1000).toFixed(0)} ms | ${(r.aws * 1000).toFixed(0)} ms | ${r.ratio.toFixed(2)} | ${r.ipv6PerResourceMs.toFixed(3)} ms |`),
    '',
    '## `cdk-ipv6-ready check`',
    '',
    '| Template | Resources | Size | Time | Peak memory | Memory / size | Exit code |',
    '|---|---|---|---|---|---|---|',
    ...checkRows.map(c => `| ${c.label} | ${c.resources} | ${mb(c.bytes).toFixed(1)} MB | ${c.median.toFixed(2)} s | ${c.maxRssMb.toFixed(0)} MB | ${c.memoryRatio.toFixed(1)}x | ${c.exitCode} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(__dirname, 'engine-report.md'), md);
  fs.writeFileSync(path.join(__dirname, 'engine-report.json'), JSON.stringify({ packs: packRows, checks: checkRows, targets }, undefined, 2));
  console.log(md);
}

if (require.main === module) {
  main();
}

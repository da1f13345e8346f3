/**
 * The benchmark: the reference architecture (examples/app.ts) against the same architecture
 * written with plain aws-cdk-lib (bench/baseline-app.ts). Writes bench/report.md and
 * bench/report.json and prints the report. See bench/README.md.
 *
 *   npx ts-node --transpile-only bench/run.ts [--runs N] [--with-tests] [--ts-node]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CREATION_TIMES, DEFAULT_MINUTES, MSK_CONNECTIVITY_UPDATE_ROW } from './creation-times';
import { analyze, CriticalPathAnalysis, PathStep } from './critical-path';
import { loadAssembly, TemplateStats, templateStats } from './template-stats';
import { bundle, prepare, transpile } from '../examples/run-app';

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.join(__dirname, '.build');

interface Options {
  readonly runs: number;
  readonly withTests: boolean;
  readonly tsNode: boolean;
}

interface AppUnderTest {
  readonly key: 'reference' | 'baseline' | 'referenceWithoutNag';
  readonly label: string;
  readonly source: string; // relative to ROOT
}

const APPS: AppUnderTest[] = [
  { key: 'reference', label: 'Reference architecture (examples/app.ts, cdk-ipv6-ready + cdk-nag packs)', source: 'examples/app.ts' },
  { key: 'baseline', label: 'Plain aws-cdk-lib baseline (bench/baseline-app.ts)', source: 'bench/baseline-app.ts' },
  { key: 'referenceWithoutNag', label: 'Reference stack without the cdk-nag packs (bench/reference-no-nag-app.ts)', source: 'bench/reference-no-nag-app.ts' },
];
/** The two apps whose templates are analysed (the third has the reference's template). */
const COMPARED = APPS.slice(0, 2) as (AppUnderTest & { key: 'reference' | 'baseline' })[];

function parseArgs(argv: string[]): Options {
  let runs = 5;
  let withTests = false;
  let tsNode = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') {runs = Number(argv[++i]);} else if (a.startsWith('--runs=')) {runs = Number(a.slice('--runs='.length));} else if (a === '--with-tests') {withTests = true;} else if (a === '--ts-node') {tsNode = true;} else if (a === '--help' || a === '-h') {
      console.log('Usage: npx ts-node --transpile-only bench/run.ts [--runs N (>= 5)] [--with-tests] [--ts-node]');
      process.exit(0);
    } else {
      throw new Error(`Unknown argument: ${a}`);
    }
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return { runs, withTests, tsNode };
}

// ---- Preparing the apps -----------------------------------------------------------------------

/**
 * Transpiles lib/, examples/ and the baselines to JavaScript under bench/.build, keeping the
 * repository's layout, with the transpiler `npx cdk synth` uses (examples/run-app.js). The apps
 * then run as plain `node app.js`: no TypeScript work inside the measured time, as for a user of
 * the published package.
 */
function precompile(): void {
  fs.rmSync(BUILD, { recursive: true, force: true });
  bundle();
  transpile({ outDir: BUILD, dirs: ['lib', 'examples'], files: ['bench/baseline-app.ts', 'bench/reference-no-nag-app.ts', 'bench/baseline-with-packs-app.ts'] });
}

function command(app: AppUnderTest, opts: Options): string[] {
  if (opts.tsNode) {
    return [require.resolve('ts-node/dist/bin.js', { paths: [ROOT] }), '--transpile-only', '--prefer-ts-exts', path.join(ROOT, app.source)];
  }
  return [path.join(BUILD, app.source.replace(/\.ts$/, '.js'))];
}

// ---- Synthesis --------------------------------------------------------------------------------

interface SynthResult {
  readonly seconds: number;
  readonly outdir: string;
}

function synth(app: AppUnderTest, opts: Options, validation: boolean, keep = false): SynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${app.key}-`));
  const env = { ...process.env, CDK_OUTDIR: outdir, CDK_VALIDATION: validation ? 'true' : 'false' };
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command(app, opts), { cwd: ROOT, env, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`Synthesis of ${app.source} failed (exit ${result.status ?? result.signal}):\n${tail}`);
  }
  if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  return { seconds, outdir };
}

interface Timing {
  readonly validation: boolean;
  readonly seconds: Record<AppUnderTest['key'], number[]>;
  /** Reference / baseline, per alternating pair. */
  readonly pairRatios: number[];
  readonly medianPairRatio: number;
  /** Reference without the cdk-nag packs / baseline, per alternating pair: like with like. */
  readonly noNagPairRatios: number[];
  readonly medianNoNagPairRatio: number;
  readonly ratioOfMedians: number;
}

function measure(opts: Options, validation: boolean): Timing {
  const seconds: Timing['seconds'] = { reference: [], baseline: [], referenceWithoutNag: [] };
  const pairRatios: number[] = [];
  const noNagPairRatios: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    // Alternate which app goes first, so a slow spell of the machine hits both.
    const order = i % 2 === 0 ? APPS : [...APPS].reverse();
    const pair: Partial<Record<AppUnderTest['key'], number>> = {};
    for (const app of order) {
      const s = synth(app, opts, validation).seconds;
      seconds[app.key].push(s);
      pair[app.key] = s;
      process.stderr.write(`  validation ${validation ? 'on ' : 'off'} run ${i + 1}/${opts.runs} ${app.key}: ${s.toFixed(2)} s\n`);
    }
    pairRatios.push(pair.reference! / pair.baseline!);
    noNagPairRatios.push(pair.referenceWithoutNag! / pair.baseline!);
  }
  return {
    validation,
    seconds,
    pairRatios,
    medianPairRatio: median(pairRatios),
    noNagPairRatios,
    medianNoNagPairRatio: median(noNagPairRatios),
    ratioOfMedians: median(seconds.reference) / median(seconds.baseline),
  };
}

// ---- The main job: `npx cdk synth`, exactly as the README runs it ------------------------------

interface MainJobTiming {
  /** `npx cdk synth` with cdk.json's app (examples/run-app.js), both cdk-nag packs on. */
  readonly readme: number[];
  /** `npx cdk synth --app 'node …/baseline-with-packs-app.js'`: plain aws-cdk-lib, the same packs. */
  readonly baseline: number[];
  readonly pairRatios: number[];
  readonly medianPairRatio: number;
  /** What the compiled example app still had to transpile and bundle after one synth. */
  readonly repeat: { readonly transpiled: number; readonly bundled: string[] };
}

function cdkSynth(app: string | undefined): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-synth-'));
  const args = ['cdk', 'synth', '--output', outdir, ...(app === undefined ? [] : ['--app', app])];
  const started = process.hrtime.bigint();
  const result = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(outdir, { recursive: true, force: true });
  // The baseline's findings are unacknowledged on purpose: the CLI then exits 1 once it has done all the work.
  const onlyFindings = app !== undefined && result.status === 1 && /Synthesis finished with errors/.test(result.stderr ?? '');
  if (result.status !== 0 && !onlyFindings) {
    throw new Error(`npx ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${(result.stderr ?? '').trim().split('\n').slice(-30).join('\n')}`);
  }
  return seconds;
}

function measureMainJob(opts: Options): MainJobTiming {
  const baselineApp = `node ${path.join(BUILD, 'bench', 'baseline-with-packs-app.js')}`;
  // The warm-up is where a fresh clone transpiles and bundles; after it there must be nothing to do.
  process.stderr.write(`  warm-up npx cdk synth: ${cdkSynth(undefined).toFixed(2)} s\n`);
  const { transpiled, bundled } = prepare();
  const readme: number[] = [];
  const baseline: number[] = [];
  const pairRatios: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const order: Array<string | undefined> = i % 2 === 0 ? [undefined, baselineApp] : [baselineApp, undefined];
    const pair: number[] = [];
    for (const app of order) {
      const s = cdkSynth(app);
      (app === undefined ? readme : baseline).push(s);
      pair[app === undefined ? 0 : 1] = s;
      process.stderr.write(`  npx cdk synth run ${i + 1}/${opts.runs} ${app === undefined ? 'README' : 'baseline with packs'}: ${s.toFixed(2)} s\n`);
    }
    pairRatios.push(pair[0] / pair[1]);
  }
  return { readme, baseline, pairRatios, medianPairRatio: median(pairRatios), repeat: { transpiled, bundled } };
}

// ---- The README's test command -----------------------------------------------------------------

interface TestTiming {
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly tail: string;
}

/**
 * `npx projen build` (the README's test command after its `npm ci`) with a cold jest cache:
 * compile, unit tests with coverage, eslint, the integ snapshot check, docs and the package.
 */
function timeTests(): TestTiming {
  spawnSync('npx', ['jest', '--clearCache'], { cwd: ROOT });
  const started = process.hrtime.bigint();
  const result = spawnSync('npx', ['projen', 'build'], { cwd: ROOT, encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').filter(l => /^(Tests|Test Suites|Time):/.test(l.trim()));
  return { seconds, exitCode: result.status, tail: lines.join('\n') };
}

// ---- Report -----------------------------------------------------------------------------------

interface Target {
  readonly name: string;
  readonly pass: boolean | undefined;
  readonly detail: string;
}

interface Report {
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  readonly method: string;
  readonly timings: Timing[];
  readonly mainJob: MainJobTiming;
  readonly stats: Record<'reference' | 'baseline', TemplateStats>;
  readonly criticalPaths: Record<'reference' | 'baseline', CriticalPathAnalysis[]>;
  readonly tests?: TestTiming;
  readonly targets: Target[];
}

function targets(r: Omit<Report, 'targets'>): Target[] {
  const out: Target[] = [];
  out.push({
    name: 'The main job, `npx cdk synth` as the README runs it, no slower than 1.2x plain aws-cdk-lib with the same cdk-nag packs',
    pass: r.mainJob.medianPairRatio <= 1.2,
    detail: `median ratio ${r.mainJob.medianPairRatio.toFixed(2)}x over ${r.mainJob.pairRatios.length} alternating pairs `
      + `(medians ${fmtSec(median(r.mainJob.readme))} and ${fmtSec(median(r.mainJob.baseline))})`,
  });
  out.push({
    name: 'A repeat `npx cdk synth` with nothing changed transpiles and bundles nothing',
    pass: r.mainJob.repeat.transpiled === 0 && r.mainJob.repeat.bundled.length === 0,
    detail: `${r.mainJob.repeat.transpiled} file(s) transpiled, ${r.mainJob.repeat.bundled.length} bundle(s) made after the first synth`,
  });
  for (const t of r.timings) {
    const validation = `validation ${t.validation ? 'on' : 'off'}`;
    // Like with like: the baseline runs no cdk-nag pack, so neither side does.
    out.push({
      name: `Synthesis no slower than 1.2x the baseline, neither running cdk-nag (${validation})`,
      pass: t.medianNoNagPairRatio <= 1.2,
      detail: `median ratio ${t.medianNoNagPairRatio.toFixed(2)}x over ${t.noNagPairRatios.length} alternating pairs`,
    });
    out.push({
      name: `The same, the reference also running AwsSolutionsChecks and Ipv6ReadinessChecks (${validation})`,
      pass: t.medianPairRatio <= 1.2,
      detail: `median ratio ${t.medianPairRatio.toFixed(2)}x over ${t.pairRatios.length} alternating pairs`,
    });
  }
  const ref = r.stats.reference;
  const badKinds = ref.customResourceKinds.filter(k => k.providers > 1 || k.nativeAlternative !== undefined);
  out.push({
    name: 'Lambda-backed custom resources only where CloudFormation has no native way, one function per kind',
    pass: badKinds.length === 0,
    detail: ref.customResourceKinds.length === 0 ? 'no custom resources'
      : ref.customResourceKinds.map(k => `${k.type} x${k.count}: ${k.providers} provider(s)${k.nativeAlternative ? `, native: ${k.nativeAlternative}` : ''}${k.sdkCalls.length ? ` [${k.sdkCalls.join(', ')}]` : ''}`).join('; '),
  });
  const cliLayers = ref.layers.filter(l => l.kind !== 'other');
  out.push({
    name: 'No kubectl or AWS CLI layers unless the user adds manifests or charts',
    pass: cliLayers.length === 0 || ref.kubernetesManifests > 0,
    detail: `${cliLayers.length} kubectl/AWS CLI layer(s), ${ref.kubernetesManifests} manifest/chart resource(s)`,
  });
  for (const cp of r.criticalPaths.reference) {
    const slowest = Math.max(0, ...Object.values(cp.clusters).map(v => v ?? 0));
    out.push({
      name: `Critical path no longer than the slowest single cluster plus the network (${cp.stack})`,
      pass: cp.total <= cp.independentBound + 0.01,
      detail: `${fmtMin(cp.total)} vs ${fmtMin(cp.independentBound)} with the clusters independent (network alone ${fmtMin(cp.network)}, slowest cluster chain alone ${fmtMin(slowest)})`
        + (cp.crossClusterWaits.length ? `; waits: ${cp.crossClusterWaits.map(w => `${w.from} on ${w.to}`).join(', ')}` : ''),
    });
  }
  out.push({
    name: 'The README\'s test command (`npx projen build`, cold jest cache, coverage on) under 3 minutes on a 2-core machine',
    pass: r.tests === undefined ? undefined : r.tests.seconds < 180 && r.tests.exitCode === 0,
    detail: r.tests === undefined ? 'not measured (run with --with-tests)'
      : `${fmtSec(r.tests.seconds)} on ${r.machine.cpus} cores, exit code ${r.tests.exitCode}`,
  });
  return out;
}

function markdown(r: Report): string {
  const l: string[] = [];
  l.push('# cdk-ipv6-ready benchmark', '');
  l.push(`${r.date} · ${r.machine.cpus} cores (${r.machine.cpuModel}) · Node ${r.machine.node} · load average ${r.machine.loadAverageStart.map(n => n.toFixed(2)).join(' ')} at start, ${r.machine.loadAverageEnd.map(n => n.toFixed(2)).join(' ')} at end`, '');
  l.push(`Method: ${r.method}`, '');

  l.push('## Targets', '', '| Target | Result | Detail |', '|---|---|---|');
  for (const t of r.targets) l.push(`| ${t.name} | ${t.pass === undefined ? 'NOT MEASURED' : t.pass ? 'PASS' : 'FAIL'} | ${escape(t.detail)} |`);
  l.push('');

  l.push('## The main job: `npx cdk synth`', '');
  l.push('The README\'s first command against plain aws-cdk-lib with the same two cdk-nag packs (`bench/baseline-with-packs-app.ts`), both through the CDK CLI, alternating.', '');
  l.push('| Run | README (s) | Baseline with packs (s) | Ratio |', '|---|---|---|---|');
  r.mainJob.readme.forEach((v, i) => l.push(`| ${i + 1} | ${v.toFixed(2)} | ${r.mainJob.baseline[i].toFixed(2)} | ${r.mainJob.pairRatios[i].toFixed(2)}x |`));
  l.push('');

  l.push('## Synthesis time', '');
  l.push('Median pair ratio: the median over runs of reference / baseline within the same run (the target). Without nag: the reference stack with no cdk-nag pack, to tell the constructs\' cost from the packs\'.', '');
  l.push('| Built-in CloudFormation validation | Reference median | Baseline median | Median pair ratio | Ratio of medians | Reference without nag, median (ratio to baseline) |', '|---|---|---|---|---|---|');
  for (const t of r.timings) {
    const noNag = median(t.seconds.referenceWithoutNag);
    l.push(`| ${validationLabel(t)} | ${fmtSec(median(t.seconds.reference))} | ${fmtSec(median(t.seconds.baseline))} | ${t.medianPairRatio.toFixed(2)}x | ${t.ratioOfMedians.toFixed(2)}x | ${fmtSec(noNag)} (${(noNag / median(t.seconds.baseline)).toFixed(2)}x) |`);
  }
  l.push('', '| Validation | App | Runs (s) |', '|---|---|---|');
  for (const t of r.timings) {
    for (const app of APPS) l.push(`| ${t.validation ? 'on' : 'off'} | ${app.key} | ${t.seconds[app.key].map(s => s.toFixed(2)).join(', ')} |`);
  }
  l.push('');

  l.push('## Templates', '');
  const s = r.stats;
  const rows: [string, (x: TemplateStats) => string][] = [
    ['CloudFormation resources', x => String(x.resources)],
    ['Template bytes (as written to cdk.out)', x => `${x.templateBytes} (${x.templates} template${x.templates === 1 ? '' : 's'})`],
    ['Nested stacks', x => String(x.nestedStacks)],
    ['Lambda functions', x => String(x.lambdaFunctions.length)],
    ['Custom resources', x => `${x.customResources} (${x.customResourceKinds.map(k => `${k.type} x${k.count}`).join(', ') || 'none'})`],
    ['Lambda layers', x => x.layers.length === 0 ? '0' : x.layers.map(y => `${y.kind}: ${y.logicalId}`).join(', ')],
    ['Kubernetes manifests / charts', x => String(x.kubernetesManifests)],
    ['Assets (without templates)', x => `${x.assets} (${x.dockerImages} Docker images)`],
    ['Asset bytes', x => String(x.assetBytes)],
  ];
  l.push('| | Reference | Baseline |', '|---|---|---|');
  for (const [name, f] of rows) l.push(`| ${name} | ${escape(f(s.reference))} | ${escape(f(s.baseline))} |`);
  l.push('');
  const types = [...new Set([...Object.keys(s.reference.resourcesByType), ...Object.keys(s.baseline.resourcesByType)])].sort();
  l.push('<details><summary>Resources by type</summary>', '', '| Type | Reference | Baseline |', '|---|---|---|');
  for (const t of types) l.push(`| ${t} | ${s.reference.resourcesByType[t] ?? 0} | ${s.baseline.resourcesByType[t] ?? 0} |`);
  l.push('', '</details>', '');

  l.push('## Deployment critical path (estimate)', '');
  for (const app of COMPARED) {
    for (const cp of r.criticalPaths[app.key]) {
      l.push(`### ${app.key === 'reference' ? 'Reference' : 'Baseline'}: ${cp.stack}: ${fmtMin(cp.total)}`, '');
      const parts = Object.entries(cp.clusters).map(([p, v]) => `${p} chain alone ${fmtMin(v!)}, ${p} + network + shared ${fmtMin(cp.alone[p as keyof typeof cp.alone]!)}`);
      l.push(`Network alone ${fmtMin(cp.network)}; ${parts.join('; ') || 'no MSK or EKS cluster'}; bound with the clusters independent ${fmtMin(cp.independentBound)}.`, '');
      if (cp.crossClusterWaits.length === 0) {
        l.push('MSK and EKS do not wait on each other.', '');
      } else {
        for (const w of cp.crossClusterWaits) l.push(`**${w.from.toUpperCase()} waits on ${w.to.toUpperCase()}**: ${w.chain.join(' → ')}`, '');
      }
      for (const h of cp.heavy) {
        l.push(`- ${h.logicalId} (${h.type}, ${fmtMin(h.minutes)}) starts at ${fmtMin(h.start)}${h.waitsFor.length ? `, after ${h.waitsFor.join(' → ')}` : ''}`);
      }
      if (cp.heavy.length) l.push('');
      l.push('| Start | Finish | Resource | Type | Part | Minutes | Note |', '|---|---|---|---|---|---|---|');
      const emit = (steps: PathStep[], prefix: string) => {
        for (const step of steps) {
          if (step.minutes === 0 && step.nested === undefined) continue;
          l.push(`| ${step.start.toFixed(1)} | ${step.finish.toFixed(1)} | ${prefix}${step.logicalId} | ${step.type} | ${step.part} | ${step.minutes} | ${escape(step.note ?? '')} |`);
          if (step.nested) emit(step.nested, `${prefix}${step.logicalId}/`);
        }
      };
      emit(cp.chain, '');
      l.push('');
    }
  }

  l.push('## The README\'s test command (`npx projen build`, cold jest cache)', '');
  l.push(r.tests === undefined ? 'Not measured (run with `--with-tests`).'
    : `${fmtSec(r.tests.seconds)}, exit code ${r.tests.exitCode}.\n\n\`\`\`\n${r.tests.tail}\n\`\`\``, '');

  l.push('## Creation-time assumptions', '', '| Type | Estimate (min) | Range | Source / assumption |', '|---|---|---|---|');
  for (const row of [...CREATION_TIMES, MSK_CONNECTIVITY_UPDATE_ROW]) l.push(`| ${row.type} | ${row.minutes} | ${row.range[0]}-${row.range[1]} | ${escape(row.source)} |`);
  l.push(`| any other type | ${DEFAULT_MINUTES} | | Assumption: seconds. |`, '');
  return l.join('\n');
}

function validationLabel(t: Timing): string {
  return t.validation ? 'on (default of `cdk synth`)' : 'off (`CDK_VALIDATION=false`)';
}

function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fmtSec(s: number): string {
  return `${s.toFixed(2)} s`;
}

function fmtMin(m: number): string {
  return `${m.toFixed(1)} min`;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---- Main -------------------------------------------------------------------------------------

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const loadAverageStart = os.loadavg();
  if (!opts.tsNode) {
    process.stderr.write('Transpiling lib/, examples/ and the baseline to bench/.build ...\n');
    precompile();
  }

  // One synthesis of each, validation on (what `cdk synth` does): a warm-up, and the assembly analysed.
  const assemblies: Partial<Record<AppUnderTest['key'], string>> = {};
  for (const app of APPS) {
    const result = synth(app, opts, true, true);
    assemblies[app.key] = result.outdir;
    process.stderr.write(`  warm-up ${app.key}: ${result.seconds.toFixed(2)} s\n`);
  }
  const stats = {} as Report['stats'];
  const criticalPaths = {} as Report['criticalPaths'];
  for (const app of COMPARED) {
    const assembly = loadAssembly(assemblies[app.key]!);
    stats[app.key] = templateStats(assembly);
    criticalPaths[app.key] = assembly.stacks.map(analyze);
  }
  Object.values(assemblies).forEach(dir => fs.rmSync(dir!, { recursive: true, force: true }));

  const mainJob = measureMainJob(opts);
  const timings = [measure(opts, true), measure(opts, false)];
  let tests: TestTiming | undefined;
  if (opts.withTests) {
    process.stderr.write('Running npx projen build with a cold jest cache ...\n');
    tests = timeTests();
  }

  const partial: Omit<Report, 'targets'> = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageStart, loadAverageEnd: os.loadavg() },
    method: `each synthesis is a fresh \`node\` process writing to a temporary CDK_OUTDIR; ${opts.tsNode
      ? 'both apps run through `ts-node --transpile-only --prefer-ts-exts` (as cdk.json does), so the reference also transpiles lib/ in every run'
      : 'both apps precompiled to JavaScript (TypeScript transpileModule into bench/.build), so no TypeScript work is timed'}; `
      + `${opts.runs} runs per app and per validation setting, alternating which app goes first; one unmeasured warm-up of each. `
      + 'Template figures and critical paths come from the warm-up synthesis (validation on). The reference app also runs the AwsSolutions and Ipv6Readiness cdk-nag packs, which the baseline does not: the third app is the reference stack without them.',
    timings,
    mainJob,
    stats,
    criticalPaths,
    tests,
  };
  const report: Report = { ...partial, targets: targets(partial) };
  const md = markdown(report);
  fs.writeFileSync(path.join(__dirname, 'report.md'), md);
  fs.writeFileSync(path.join(__dirname, 'report.json'), JSON.stringify(report, undefined, 2));
  console.log(md);
  console.log(`\nWritten: ${path.relative(process.cwd(), path.join(__dirname, 'report.md'))} and report.json`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

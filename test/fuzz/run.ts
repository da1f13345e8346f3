/**
 * The full fuzz run: writes the malformed inputs (test/fuzz/malformed-inputs.ts) to a temporary
 * directory and runs the CLI on each as users do, one `node main.js` process per run:
 * `check INPUT` for every input and `replacements SEED INPUT` for every other one. Each run must
 * end with exit 0, 1 or 2, print no stack trace, and take under 30 s and 1 GB (peak resident
 * memory, from /usr/bin/time). Prints a summary and exits 1 on any failure.
 *
 *   npx ts-node --transpile-only test/fuzz/run.ts [--count 300] [--seed 22]
 *
 * The CLI is lib/nag/cli/main.ts bundled by esbuild (the bundler the project already uses for its
 * Lambda handler), node_modules left outside, as `npx cdk-ipv6-ready` runs build/nag/cli/main.js.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { malformedInputs } from './malformed-inputs';

const ROOT = path.resolve(__dirname, '..', '..');
const TIME_LIMIT_MS = 30_000;
const MEMORY_LIMIT_KB = 1024 * 1024;

interface Run {
  readonly args: string[];
  readonly code: number | null;
  readonly seconds: number;
  readonly maxRssKb: number;
  readonly problem?: string;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

function bundleCli(): string {
  // Inside the repository, so that node finds the packages left outside the bundle.
  const out = path.join(ROOT, 'node_modules', '.cache', 'cdk-ipv6-ready-fuzz', 'main.js');
  const built = spawnSync(require.resolve('esbuild/bin/esbuild', { paths: [ROOT] }), [path.join(ROOT, 'lib/nag/cli/main.ts'),
    '--bundle', '--platform=node', '--target=node22', '--packages=external', `--outfile=${out}`, '--log-level=warning'], { cwd: ROOT, encoding: 'utf-8' });
  if (built.status !== 0) {
    throw new Error(`esbuild failed: ${built.stderr}`);
  }
  return out;
}

function runCli(cli: string, args: string[]): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, cli, ...args], {
    cwd: ROOT, encoding: 'utf-8', timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /MAXRSS (\d+)\s*$/.exec(result.stderr ?? '');
  // /usr/bin/time adds its own lines: the peak, and "Command exited with non-zero status N".
  const stderr = (result.stderr ?? '').replace(/MAXRSS \d+\s*$/, '').replace(/^Command exited with non-zero status \d+$/m, '').trim();
  const maxRssKb = rss ? Number(rss[1]) : 0;
  const code = result.status;
  let problem: string | undefined;
  if (result.error || code === null) {
    problem = `did not finish (${result.error?.message ?? result.signal})`;
  } else if (![0, 1, 2].includes(code)) {
    problem = `exit ${code}`;
  } else if (/\n\s+at .+:\d+:\d+\)?/.test(`${result.stdout}\n${stderr}`) || /^(TypeError|RangeError|Error|SyntaxError)\b/m.test(stderr)) {
    problem = `a stack trace or a raw error: ${stderr.split('\n').slice(0, 3).join(' | ')}`;
  } else if (code === 2 && stderr.split('\n').length !== 1) {
    problem = `exit 2 with ${stderr.split('\n').length} lines on stderr`;
  } else if (maxRssKb > MEMORY_LIMIT_KB) {
    problem = `${(maxRssKb / 1024).toFixed(0)} MB peak`;
  }
  return { args, code, seconds, maxRssKb, problem };
}

function main(): number {
  const count = option('--count', 300);
  const seed = option('--seed', 22);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  try {
    const cli = bundleCli();
    const inputs = malformedInputs(count, seed);
    const runs: Run[] = [];
    const started = Date.now();
    inputs.forEach((input, i) => {
      const file = path.join(dir, input.name);
      fs.writeFileSync(file, input.content);
      runs.push(runCli(cli, ['check', file]));
      if (i % 2 === 0) {
        runs.push(runCli(cli, ['replacements', input.seed, file]));
      }
    });
    const failed = runs.filter(r => r.problem !== undefined);
    const codes = [0, 1, 2].map(c => `${runs.filter(r => r.code === c).length} exit ${c}`).join(', ');
    const slowest = runs.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const largest = runs.reduce((a, b) => (b.maxRssKb > a.maxRssKb ? b : a));
    console.log(`${inputs.length} malformed inputs (seed ${seed}), ${runs.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s: ${codes}.`);
    console.log(`Slowest run ${slowest.seconds.toFixed(1)} s (${path.basename(slowest.args[slowest.args.length - 1])}); `
      + `peak memory ${(largest.maxRssKb / 1024).toFixed(0)} MB (${path.basename(largest.args[largest.args.length - 1])}).`);
    for (const f of failed) {
      console.log(`FAILED ${f.args.map(a => path.basename(a)).join(' ')}: ${f.problem}`);
    }
    console.log(failed.length === 0 ? 'Every run ended with exit 0, 1 or 2, no stack trace, under 30 s and 1 GB.' : `${failed.length} runs failed.`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();

/**
 * Checks that the committed snapshot of every integration test is current, without AWS
 * credentials: synthesizes each `integ/integ.*.ts` into a temporary directory, the way
 * integ-runner does, and compares it with `integ/integ.*.ts.snapshot/`.
 *
 *   npx ts-node --transpile-only integ/check-snapshots.ts              check every test
 *   npx ts-node --transpile-only integ/check-snapshots.ts --update     rewrite the stale snapshots
 *   npx ts-node --transpile-only integ/check-snapshots.ts integ.msk-dual-stack-upgrade.ts
 *   npx ts-node --transpile-only integ/check-snapshots.ts --out=DIR [TEST...]
 *       synthesize into DIR/<test>/ with assets, for `npx cdk deploy --app DIR/<test>`
 *
 * Why not `integ-runner` itself: its snapshot mode needs no credentials, but the newest release
 * (2.197.10) bundles a toolkit that reads cloud assembly schema 53 at most, and aws-cdk-lib 2.276
 * writes schema 55, so every test fails with "Cloud assembly schema version mismatch". See
 * integ/README.md.
 *
 * What is compared, exactly (parsed JSON, so only key order is ignored): every stack template,
 * every asset manifest (asset hashes included: all assets here are prebuilt handler bundles, whose
 * hashes are deterministic) and `integ.json` (test cases and their options). A template or file
 * present on one side only is a difference too. `manifest.json`, `tree.json`, `*.metadata.json`
 * are written to the snapshot so that it stays a deployable cloud assembly, but not compared:
 * they carry construct paths, library versions and annotations rather than what gets deployed.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const INTEG_DIR = __dirname;
const ROOT = path.dirname(INTEG_DIR);
const TEST_FILE = /^integ\..+(?<!\.d)\.ts$/;
const COMPARED_FILE = /(\.template\.json|\.assets\.json|^integ\.json)$/;
const MAX_DIFFERENCES_SHOWN = 20;

/**
 * The context integ-runner synthesizes with (its recommended feature flags, no path, asset or
 * version metadata), so that these snapshots are the ones integ-runner would write and compare.
 */
function synthContext(): Record<string, unknown> {
  const flagsFile = require.resolve('@aws-cdk/integ-runner/lib/recommended-feature-flags.json', { paths: [ROOT] });
  return {
    ...JSON.parse(fs.readFileSync(flagsFile, 'utf-8')),
    'aws:cdk:version-reporting': false,
    'aws:cdk:enable-path-metadata': false,
    'aws:cdk:enable-asset-metadata': false,
  };
}

/** The environment integ-runner gives an app at synthesis (DEFAULT_SYNTH_OPTIONS.env). */
const INTEG_ENV = {
  CDK_INTEG_ACCOUNT: '12345678',
  CDK_INTEG_REGION: 'test-region',
  CDK_INTEG_HOSTED_ZONE_ID: 'Z23ABC4XYZL05B',
  CDK_INTEG_HOSTED_ZONE_NAME: 'example.com',
  CDK_INTEG_DOMAIN_NAME: '*.example.com',
  CDK_INTEG_CERT_ARN: 'arn:aws:acm:test-region:12345678:certificate/86468209-a272-595d-b831-0efb6421265z',
  CDK_INTEG_SUBNET_ID: 'subnet-0dff1a399d8f6f92c',
};

interface Result {
  readonly test: string;
  readonly problems: string[];
  readonly seconds: number;
  /** The test app itself failed, so nothing could be compared. */
  readonly synthFailed?: boolean;
  /** --update: the snapshot was current, and was left as it was. */
  readonly unchanged?: boolean;
}

async function main(argv: string[]): Promise<number> {
  const update = argv.includes('--update');
  const out = argv.find(a => a.startsWith('--out='))?.slice('--out='.length);
  const requested = argv.filter(a => !a.startsWith('--')).map(a => path.basename(a));
  const all = fs.readdirSync(INTEG_DIR).filter(f => TEST_FILE.test(f)).sort();
  const unknown = requested.filter(r => !all.includes(r));
  if (unknown.length > 0) {
    console.error(`No such integration test: ${unknown.join(', ')}. Tests: ${all.join(', ')}`);
    return 1;
  }
  const tests = requested.length > 0 ? requested : all;
  const problems: string[] = [];
  if (requested.length === 0) {
    // A snapshot whose test was renamed or removed would never be checked again.
    for (const dir of fs.readdirSync(INTEG_DIR).filter(f => f.endsWith('.snapshot'))) {
      if (!all.includes(dir.replace(/\.snapshot$/, ''))) {
        if (update) {
          fs.rmSync(path.join(INTEG_DIR, dir), { recursive: true, force: true });
          console.log(`removed   ${dir} (no such test)`);
        } else {
          problems.push(`integ/${dir}: snapshot of a test that does not exist. Delete it (or run with --update).`);
        }
      }
    }
  }

  const context = synthContext();
  if (out !== undefined) {
    for (const test of tests) {
      const dir = path.resolve(out, test);
      fs.rmSync(dir, { recursive: true, force: true });
      const failure = await synthesize(test, dir, context);
      console.log(failure === undefined ? `synthesized ${test} -> ${dir}` : `ERROR ${test}:\n${failure}`);
      if (failure !== undefined) {
        return 1;
      }
    }
    return 0;
  }
  const results = await inParallel(tests, Math.max(1, os.cpus().length), test => checkOne(test, context, update));
  for (const result of results) {
    const status = result.synthFailed ? 'ERROR' : result.problems.length === 0 ? (update ? (result.unchanged ? 'unchanged' : 'updated') : 'ok') : 'STALE';
    console.log(`${status.padEnd(9)} ${result.test} (${result.seconds.toFixed(1)}s)`);
    for (const problem of result.problems) {
      console.log(indent(problem, '    '));
    }
    problems.push(...result.problems);
  }
  if (results.some(r => r.synthFailed)) {
    console.log(`\nSome integration test apps failed to synthesize${update ? ': their snapshots were not written' : ''}.`);
    return 1;
  }
  if (problems.length > 0) {
    console.log(update
      ? '\nSome snapshots could not be written.'
      : '\nIntegration test snapshots are out of date: a construct or test changed, and its snapshot did not.\n'
        + 'Check that the change is intended, then run `npx ts-node --transpile-only integ/check-snapshots.ts --update` '
        + '(or `npx projen integ:snapshot`) and commit integ/*.snapshot/.');
    return 1;
  }
  return 0;
}

async function checkOne(test: string, context: Record<string, unknown>, update: boolean): Promise<Result> {
  const start = Date.now();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${test}.`));
  try {
    const synth = await synthesize(test, outdir, context);
    if (synth !== undefined) {
      return { test, problems: [`integ/${test}: synthesis failed:\n${synth}`], seconds: (Date.now() - start) / 1000, synthFailed: true };
    }
    removeAssets(outdir);
    const snapshotDir = path.join(INTEG_DIR, `${test}.snapshot`);
    if (update) {
      // A snapshot that differs only in what the check ignores (the salt of every assertion,
      // the template hashes) stays as it is, so that --update rewrites only the tests that changed.
      if (fs.existsSync(snapshotDir) && compareAssemblies(test, snapshotDir, outdir).length === 0) {
        return { test, problems: [], seconds: (Date.now() - start) / 1000, unchanged: true };
      }
      fs.rmSync(snapshotDir, { recursive: true, force: true });
      fs.cpSync(outdir, snapshotDir, { recursive: true });
      return { test, problems: [], seconds: (Date.now() - start) / 1000 };
    }
    const problems = fs.existsSync(snapshotDir)
      ? compareAssemblies(test, snapshotDir, outdir)
      : [`integ/${test}.snapshot/ does not exist: a new test needs its snapshot committed.`];
    return { test, problems, seconds: (Date.now() - start) / 1000 };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs the test app as integ-runner's TypeScript preset does; undefined when it succeeded, else its output. */
function synthesize(test: string, outdir: string, context: Record<string, unknown>): Promise<string | undefined> {
  return new Promise(resolve => {
    // Type errors are the type-check's business (tsc over integ/ in the build): transpile only.
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', test], {
      cwd: INTEG_DIR,
      env: { ...process.env, ...INTEG_ENV, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => output += chunk);
    child.stderr.on('data', chunk => output += chunk);
    child.on('close', code => resolve(code === 0 ? undefined : output.trim() || `exit code ${code}`));
    child.on('error', error => resolve(String(error)));
  });
}

/** Asset directories are staged copies of handler bundles; .gitignore keeps them out of git. */
function removeAssets(dir: string) {
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('asset.') || entry === '.cache') {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

function compareAssemblies(test: string, expectedDir: string, actualDir: string): string[] {
  const compared = (dir: string) => fs.readdirSync(dir).filter(f => COMPARED_FILE.test(f));
  const expectedFiles = compared(expectedDir);
  const actualFiles = compared(actualDir);
  const problems: string[] = [];
  for (const file of actualFiles.filter(f => !expectedFiles.includes(f))) {
    problems.push(`integ/${test}.snapshot/${file}: not in the snapshot, but the test synthesizes it (new stack?)`);
  }
  for (const file of expectedFiles.filter(f => !actualFiles.includes(f))) {
    problems.push(`integ/${test}.snapshot/${file}: in the snapshot, but the test no longer synthesizes it (stack removed or renamed?)`);
  }
  for (const file of actualFiles.filter(f => expectedFiles.includes(f))) {
    const expected = normalize(file, JSON.parse(fs.readFileSync(path.join(expectedDir, file), 'utf-8')));
    const actual = normalize(file, JSON.parse(fs.readFileSync(path.join(actualDir, file), 'utf-8')));
    const differences = diff(expected, actual, '');
    if (differences.length > 0) {
      const shown = differences.slice(0, MAX_DIFFERENCES_SHOWN);
      const more = differences.length - shown.length;
      problems.push(`integ/${test}.snapshot/${file}: ${differences.length} difference(s) (- snapshot, + synthesized now)\n`
        + shown.map(d => indent(d, '  ')).join('\n')
        + (more > 0 ? `\n  ... and ${more} more` : ''));
    }
  }
  return problems;
}

/**
 * The only values that differ between two syntheses of the same app:
 *
 * - integ-tests-alpha gives every assertion custom resource (`Custom::DeployAssert@...`) a
 *   `salt` of `Date.now()`, so that CloudFormation runs the assertion again on every deployment;
 * - an asset manifest keys each stack template by the template's hash (and derives its
 *   destination ids and object key from it), so a salted template changes those too. The
 *   template itself is compared on its own.
 *
 * Everything else is compared as it is.
 */
function normalize(file: string, json: any): any {
  if (file.endsWith('.template.json')) {
    for (const resource of Object.values<any>(json.Resources ?? {})) {
      if (String(resource?.Type).startsWith('Custom::DeployAssert@') && resource.Properties?.salt !== undefined) {
        resource.Properties.salt = '(Date.now() at synthesis)';
      }
    }
  } else if (file.endsWith('.assets.json')) {
    const files: Record<string, any> = {};
    for (const [hash, asset] of Object.entries<any>(json.files ?? {})) {
      const templatePath: unknown = asset?.source?.path;
      if (asset?.source?.packaging === 'file' && typeof templatePath === 'string' && templatePath.endsWith('.template.json')) {
        files[`(hash of ${templatePath})`] = { displayName: asset.displayName, source: asset.source };
      } else {
        files[hash] = asset;
      }
    }
    json.files = files;
  }
  return json;
}

/** Every path where `actual` differs from `expected`. */
function diff(expected: unknown, actual: unknown, at: string): string[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap(key => {
      const where = at === '' ? key : `${at}.${key}`;
      if (!(key in actual)) {
        return [`${where}\n    - ${show(expected[key])}\n    + (absent)`];
      }
      if (!(key in expected)) {
        return [`${where}\n    - (absent)\n    + ${show(actual[key])}`];
      }
      return diff(expected[key], actual[key], where);
    });
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((item, i) => diff(item, actual[i], `${at}[${i}]`));
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) {
    return [];
  }
  return [`${at || '(root)'}\n    - ${show(expected)}\n    + ${show(actual)}`];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map(line => prefix + line).join('\n');
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

main(process.argv.slice(2)).then(code => process.exit(code), error => {
  console.error(error);
  process.exit(1);
});

// `npx projen compat`: the compiled assembly (.jsii) against the last released one, kept in
// compat/<version>/, with jsii-diff. Every incompatible change jsii-diff reports must be named, by
// its key, under "### Breaking changes" in CHANGELOG.md's Unreleased section; anything else fails.
// A breaking change jsii-diff cannot see (a moved logical id, a new default) is named there too,
// without a key: README, "Versioning".
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { breakingChangeKeys, unreleasedSection } from './changelog';
import { lastReleasedAssembly, stageForJsiiDiff } from './released-assemblies';

const root = join(__dirname, '..');

function main(): number {
  if (!existsSync(join(root, '.jsii'))) {
    console.error('compat: no .jsii here. Compile first: npx projen compile');
    return 1;
  }
  const baseline = lastReleasedAssembly(root);
  const unreleased = unreleasedSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf-8'));
  const named = breakingChangeKeys(unreleased);

  const ignoreFile = join(mkdtempSync(join(tmpdir(), 'compat-')), 'breaking-changes-named-in-changelog');
  writeFileSync(ignoreFile, named.map(key => `${key}\n`).join(''));

  console.log(`compat: ${baseline.version} (${baseline.dir}) -> this tree; ${named.length} breaking change(s) named in CHANGELOG.md`);
  const staged = stageForJsiiDiff(root, baseline);
  const diff = spawnSync('jsii-diff', ['--keys', '--ignore-file', ignoreFile, staged, '.'], { cwd: root, encoding: 'utf-8' });
  rmSync(staged, { recursive: true, force: true });
  const output = `${diff.stdout ?? ''}${diff.stderr ?? ''}`;
  process.stdout.write(output);
  if (diff.error) throw diff.error;

  // A key named in the changelog that jsii-diff no longer reports is kept, but said: the entry may
  // be stale, or its key mistyped (then the real break fails above).
  const reported = new Set([...output.matchAll(/\[([^\]\s]+)\]$/gm)].map(m => m[1]));
  for (const key of named.filter(k => !reported.has(k))) {
    console.log(`compat: CHANGELOG.md names \`${key}\`, which jsii-diff does not report against ${baseline.version}.`);
  }

  if (diff.status !== 0) {
    console.error([
      '',
      `compat: the API is not compatible with ${baseline.version}, and CHANGELOG.md does not name the change(s) marked "err" above.`,
      'Either keep the old API (a deprecated prop or method beside the new one), or name each change under',
      '"### Breaking changes" of the Unreleased section: what changed, what users do, and its key in backticks,',
      'for example `removed:cdk-ipv6-ready.DualStackSubnetGroup.ipv6Slot`.',
    ].join('\n'));
    return 1;
  }
  return 0;
}

process.exitCode = main();

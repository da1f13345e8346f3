// `npx projen release [-- --release-as <version|major|minor|patch>]`, on a clean tree after a green
// CI run: README, "Versioning and upgrading".
//
// 1. The version: the first release is FIRST_RELEASE; after that a breaking change named in
//    CHANGELOG.md's Unreleased section raises the minor version while 0.x (the major from 1.0.0),
//    otherwise commit-and-tag-version decides from the conventional commits since the last v* tag
//    (feat, fix, "BREAKING CHANGE:"). It writes package.json and package-lock.json.
// 2. CHANGELOG.md: the Unreleased notes move under the new version, with the notes
//    commit-and-tag-version generates from those commits; an empty Unreleased section stays on top.
// 3. The API check against the last release (compat/check-compat.ts) passes, and the new assembly
//    replaces it in compat/<version>/.
// 4. One commit, "chore(release): <version>", and an annotated tag v<version>. Nothing is pushed.
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { breakingChanges, EMPTY_UNRELEASED, unreleasedBounds } from './changelog';
import { ASSEMBLY_FILE, releasedAssemblies } from './released-assemblies';

/** README, "Versioning and upgrading": why 0.1.0. */
const FIRST_RELEASE = '0.1.0';

const root = join(__dirname, '..');
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf-8'));

function lastTag(): string | undefined {
  try {
    return run('git', ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*.[0-9]*.[0-9]*']);
  } catch {
    return undefined;
  }
}

function main(args: string[]): void {
  if (run('git', ['status', '--porcelain']) !== '') {
    throw new Error('release: the work tree has uncommitted changes. Commit or stash them first.');
  }
  const changelogFile = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogFile, 'utf-8');
  const { start, end } = unreleasedBounds(changelog);
  const unreleasedBody = changelog.slice(changelog.indexOf('\n', start) + 1, end);
  const breaking = breakingChanges(unreleasedBody) !== '';

  const tag = lastTag();
  const current: string = readJson('package.json').version;
  let releaseAs = args[args.indexOf('--release-as') + 1];
  if (!args.includes('--release-as')) {
    if (tag === undefined) releaseAs = FIRST_RELEASE;
    else if (breaking) releaseAs = current.startsWith('0.') ? 'minor' : 'major';
  }
  console.log(`release: last tag ${tag ?? '(none)'}, version ${current}; ${breaking ? 'breaking changes named in CHANGELOG.md' : 'no breaking change named'}; `
    + `release as ${releaseAs ?? 'the conventional commits say'}`);

  // Bump, and the generated notes into a scratch file (commit-and-tag-version would replace
  // everything above the last release in CHANGELOG.md, the Unreleased section included).
  const notesFile = join(mkdtempSync(join(tmpdir(), 'release-')), 'notes.md');
  writeFileSync(notesFile, '\n');
  execFileSync('commit-and-tag-version', [
    '--skip.commit', '--skip.tag', '--infile', notesFile, '--header', '',
    ...(releaseAs ? ['--release-as', releaseAs] : []),
  ], { cwd: root, stdio: 'inherit' });
  const version: string = readJson('package.json').version;

  // The assembly of this release, checked against the last one while CHANGELOG.md's Unreleased
  // section still names the breaking changes; it becomes the next releases' baseline below.
  const npx = (...a: string[]) => execFileSync('npx', a, { cwd: root, stdio: 'inherit' });
  npx('projen', 'compile');
  npx('projen', 'compat');

  // The generated heading ("## [0.2.0](compare link) (date)", "### [0.1.1]..." for a patch) as a
  // level-2 heading, so that every release is one section; then the Unreleased notes; then the
  // generated ones.
  const notes = readFileSync(notesFile, 'utf-8').trim();
  const headingMatch = /^#{2,3} (\[?\d+\.\d+\.\d+.*)$/m.exec(notes);
  const heading = `## ${headingMatch ? headingMatch[1] : `${version} (${new Date().toISOString().slice(0, 10)})`}`;
  const generated = headingMatch ? notes.slice(headingMatch.index + headingMatch[0].length).trim() : '';
  let handWritten = unreleasedBody.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/\n{3,}/g, '\n\n').trim();
  if (!breaking) handWritten = handWritten.replace(/^### Breaking changes\s*$/m, '').trim();
  const section = [heading, handWritten, generated].filter(part => part !== '').join('\n\n');
  writeFileSync(changelogFile, `${changelog.slice(0, start)}${EMPTY_UNRELEASED}\n${section}\n\n${changelog.slice(end).trimStart()}`.replace(/\n+$/, '\n'));

  const previous = releasedAssemblies(root);
  const dir = join(root, 'compat', version);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, '.jsii'), join(dir, ASSEMBLY_FILE));
  const pkg = readJson('package.json');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
    // Not the package's own name: two package.json files of one name confuse jest and resolvers.
    name: `${pkg.name}-released-assembly`,
    version,
    private: true,
    peerDependencies: pkg.peerDependencies,
    jsii: pkg.jsii,
  }, undefined, 2)}\n`);
  for (const old of previous.filter(p => p.version !== version)) {
    run('git', ['rm', '-r', '-q', old.dir]);
  }

  run('git', ['add', 'CHANGELOG.md', 'package.json', 'package-lock.json', `compat/${version}`]);
  run('git', ['commit', '-q', '-m', `chore(release): ${version}`]);
  run('git', ['tag', '-a', `v${version}`, '-m', `v${version}`]);
  console.log(`release: ${version} committed and tagged v${version}. Push with: git push --follow-tags origin HEAD`);
}

main(process.argv.slice(2));

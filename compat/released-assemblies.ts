// compat/<version>/ holds the jsii assembly of a release (assembly.json) and the package.json
// fields jsii-diff needs to load it with its dependencies. The release task writes it; only the
// newest one is kept. Not named .jsii: jsii-docgen and jsii-rosetta take every .jsii below the
// project for an assembly of the type system, and this one has the package's own name.
import { copyFileSync, mkdtempSync, readdirSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const ASSEMBLY_FILE = 'assembly.json';

export interface ReleasedAssembly {
  readonly version: string;
  /** Relative to the repository root. */
  readonly dir: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map(v => SEMVER.exec(v)!.slice(1).map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function releasedAssemblies(root: string): ReleasedAssembly[] {
  return readdirSync(join(root, 'compat'), { withFileTypes: true })
    .filter(e => e.isDirectory() && SEMVER.test(e.name))
    .map(e => ({ version: e.name, dir: `compat/${e.name}` }))
    .sort((a, b) => compareVersions(a.version, b.version));
}

export function lastReleasedAssembly(root: string): ReleasedAssembly {
  const all = releasedAssemblies(root);
  if (all.length === 0) {
    throw new Error('compat/ holds no released assembly (compat/<version>/.jsii): the release task writes one.');
  }
  return all[all.length - 1];
}

/**
 * The release as a package directory jsii-diff can load (package.json and .jsii), outside the
 * project, with the project's node_modules for aws-cdk-lib, constructs and cdk-nag.
 */
export function stageForJsiiDiff(root: string, release: ReleasedAssembly): string {
  const dir = mkdtempSync(join(tmpdir(), `cdk-ipv6-ready-${release.version}-`));
  copyFileSync(join(root, release.dir, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(root, release.dir, ASSEMBLY_FILE), join(dir, '.jsii'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// compat/<version>/ holds the jsii assembly of a release (.jsii) and the package.json fields
// jsii-diff needs to load it with its dependencies (aws-cdk-lib, constructs, cdk-nag resolve from
// the repository's node_modules). The release task writes it; only the newest one is kept.
import { readdirSync } from 'fs';
import { join } from 'path';

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

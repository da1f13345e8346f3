// CHANGELOG.md's structure, read by the compat check and rewritten by the release task:
//
//   # Changelog
//   ...
//   ## Unreleased             <- entries for the next release go here
//   ### Breaking changes      <- each one says what users do; jsii-diff's key in backticks if it has one
//   ### Upgrading             <- optional, free text
//   ## [0.1.0](...) (date)    <- released sections, newest first

export const UNRELEASED_HEADING = '## Unreleased';

/** The template the release task leaves on top after moving the notes under the new version. */
export const EMPTY_UNRELEASED = [
  UNRELEASED_HEADING,
  '',
  '### Breaking changes',
  '',
  '<!-- One entry per breaking change: what changed, what users do, and the jsii-diff key in backticks',
  '     (`npx projen compat` prints it) when it has one. README, "Versioning", says what is breaking. -->',
  '',
].join('\n');

/** Start and end (exclusive) offsets of the Unreleased section, heading included. */
export function unreleasedBounds(changelog: string): { start: number; end: number } {
  const start = changelog.search(/^## Unreleased\s*$/m);
  if (start < 0) {
    throw new Error(`CHANGELOG.md has no '${UNRELEASED_HEADING}' section: add one above the released versions.`);
  }
  const afterHeading = changelog.indexOf('\n', start) + 1;
  const next = changelog.slice(afterHeading).search(/^## /m);
  return { start, end: next < 0 ? changelog.length : afterHeading + next };
}

export function unreleasedSection(changelog: string): string {
  const { start, end } = unreleasedBounds(changelog);
  return changelog.slice(start, end);
}

/** The body of the Unreleased section's "### Breaking changes" subsection, comments removed. */
export function breakingChanges(unreleased: string): string {
  const start = unreleased.search(/^### Breaking changes\s*$/mi);
  if (start < 0) return '';
  const afterHeading = unreleased.indexOf('\n', start) + 1;
  const next = unreleased.slice(afterHeading).search(/^#{2,3} /m);
  const body = next < 0 ? unreleased.slice(afterHeading) : unreleased.slice(afterHeading, afterHeading + next);
  return body.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** jsii-diff keys (`removed:cdk-ipv6-ready.X.y`, `incompatible-argument:...`) named as breaking changes. */
export function breakingChangeKeys(unreleased: string): string[] {
  const keys = [...breakingChanges(unreleased).matchAll(/`([a-z][a-z-]*:cdk-ipv6-ready\.[^`\s]+)`/g)].map(m => m[1]);
  return [...new Set(keys)];
}

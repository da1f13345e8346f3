#!/usr/bin/env bash
# The packed library as users get it: dist/js/*.tgz (from `npx projen build`) and its peer
# dependencies installed into a scratch app outside the repository, which synthesizes every
# construct environment-agnostic and with a concrete account and region, with AwsSolutionsChecks
# and Ipv6ReadinessChecks on (test/packed/smoke-app.ts). Any unacknowledged finding fails it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bash "$repo/test/packed/install.sh" "$work"
cd "$work"
# The app and the fixture it shares with the unit tests, in the repository's layout.
mkdir -p test/packed test/support
cp "$repo"/test/packed/{smoke-app,every-construct-stack}.ts test/packed/
cp "$repo"/test/support/{migration,nag}.ts test/support/
# Type-checked against the package's own .d.ts files, as a TypeScript user's app would be.
node "$repo/node_modules/typescript/bin/tsc" --strict --target es2022 --module commonjs --moduleResolution node10 \
  --esModuleInterop --skipLibCheck --ignoreDeprecations 6.0 --types node --typeRoots "$repo/node_modules/@types" \
  test/packed/smoke-app.ts
CDK_OUTDIR="$work/cdk.out" node test/packed/smoke-app.js
# CI lints these templates with cfn-lint afterwards (test/cfn-lint/run.sh): keep a copy where it asks.
if [ -n "${SMOKE_CDK_OUT:-}" ]; then
  mkdir -p "$SMOKE_CDK_OUT" && cp "$work"/cdk.out/*.template.json "$SMOKE_CDK_OUT"/
fi
# The template checker as users get it (the package's bin), on what the app synthesized: the same
# findings as the pack, so none, and exit 0.
npx --no-install cdk-ipv6-ready check "$work/cdk.out"

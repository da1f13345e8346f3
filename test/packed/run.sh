#!/usr/bin/env bash
# The packed library as users get it: dist/js/*.tgz (from `npx projen build`) and its peer
# dependencies installed into a scratch app outside the repository, which synthesizes every
# construct environment-agnostic and with a concrete account and region, with AwsSolutionsChecks
# and Ipv6ReadinessChecks on (test/packed/smoke-app.ts). Any unacknowledged finding fails it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shopt -s nullglob
tarballs=("$repo"/dist/js/*.tgz)
if [ "${#tarballs[@]}" -ne 1 ]; then
  echo "packed smoke test: expected one dist/js/*.tgz, found ${#tarballs[@]}; run npx projen build first" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The peers at the versions this repository builds and tests with (its devDependencies).
dev() { node -p "require('$repo/package.json').devDependencies['$1']"; }
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "${tarballs[0]}" \
  "aws-cdk-lib@$(dev aws-cdk-lib)" "constructs@$(dev constructs)" "cdk-nag@$(dev cdk-nag)" \
  "@aws-cdk/lambda-layer-kubectl-v36@$(dev @aws-cdk/lambda-layer-kubectl-v36)"
# The app and the fixture it shares with the unit tests, in the repository's layout.
mkdir -p test/packed test/support
cp "$repo"/test/packed/{smoke-app,every-construct-stack}.ts test/packed/
cp "$repo/test/support/migration.ts" test/support/
# Type-checked against the package's own .d.ts files, as a TypeScript user's app would be.
node "$repo/node_modules/typescript/bin/tsc" --strict --target es2022 --module commonjs --moduleResolution node10 \
  --esModuleInterop --skipLibCheck --ignoreDeprecations 6.0 --types node --typeRoots "$repo/node_modules/@types" \
  test/packed/smoke-app.ts
CDK_OUTDIR="$work/cdk.out" node test/packed/smoke-app.js

#!/usr/bin/env bash
# Installs the packed library as users get it into the app folder $1: dist/js/*.tgz (from
# `npx projen build`) and its peer dependencies, at the versions this repository builds and tests
# with (its devDependencies). Used by the smoke test (run.sh) and by `npx projen bench:packed`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
app="$1"
shopt -s nullglob
tarballs=("$repo"/dist/js/*.tgz)
if [ "${#tarballs[@]}" -ne 1 ]; then
  echo "packed library: expected one dist/js/*.tgz, found ${#tarballs[@]}; run npx projen build first" >&2
  exit 1
fi
dev() { node -p "require('$repo/package.json').devDependencies['$1']"; }
cd "$app"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "${tarballs[0]}" \
  "aws-cdk-lib@$(dev aws-cdk-lib)" "constructs@$(dev constructs)" "cdk-nag@$(dev cdk-nag)" \
  "@aws-cdk/lambda-layer-kubectl-v36@$(dev @aws-cdk/lambda-layer-kubectl-v36)"

#!/usr/bin/env bash
# After `npx projen build` (which compiles and packages JavaScript into dist/js): the publishing dry
# run of the npm tarball, the Python, Java and Go packages (each task timed), then each language's
# smoke app on them (test/packed/{python,java,go}/run.sh, which also run that language's publishing
# dry run), and last a deliberate mistake that must fail: the Python app with one acknowledgement
# dropped. .NET is configured but neither built nor tested here (no .NET SDK; README, "Install").
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
timed() {
  local start=$SECONDS
  "$@"
  echo "time: $* took $((SECONDS - start)) s"
}

shopt -s nullglob
tarballs=(dist/js/*.tgz)
[ "${#tarballs[@]}" -eq 1 ] || { echo "languages: expected one dist/js/*.tgz; run npx projen build first" >&2; exit 1; }
timed npm publish --dry-run --ignore-scripts "${tarballs[0]}"

for lang in python java go; do
  timed npx projen "package:$lang"
done
for lang in python java go; do
  timed bash "test/packed/$lang/run.sh"
done

# The smoke apps can fail: without the legacy VPC's acknowledgement the Python app must report
# AwsSolutions-VPC7 and exit non-zero.
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if SMOKE_BREAK=1 bash test/packed/python/run.sh >"$out" 2>&1; then
  cat "$out"
  echo "languages: the Python smoke app passed with an acknowledgement dropped" >&2
  exit 1
fi
grep -q 'AwsSolutions-VPC7 Production/Migration/Legacy' "$out" || { cat "$out"; echo "languages: the Python smoke app failed for another reason" >&2; exit 1; }
echo "languages: with one acknowledgement dropped the Python smoke app fails, as it must:"
grep 'AwsSolutions-VPC7' "$out"

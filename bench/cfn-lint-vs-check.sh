#!/usr/bin/env bash
# cfn-lint against `cdk-ipv6-ready check` on the same templates: the ones CI lints
# (test/cfn-lint/run.sh): the reference architecture plain and with a hosted zone, and every integ
# snapshot template with resources, and the packed smoke app's stacks when $SMOKE_CDK_OUT holds them;
# or the templates and directories given as arguments.
# Each tool runs as CI runs it, one process over all the templates, wall time measured from here
# (so interpreter start-up is in it), RUNS times (default 3), alternating; the median is reported.
#
#   bash bench/cfn-lint-vs-check.sh [TEMPLATE|DIR ...]
#   RUNS=5 CFN_LINT_VENV=/path/to/venv bash bench/cfn-lint-vs-check.sh
#
# Not a test: it measures, and fails only when a tool cannot run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
runs="${RUNS:-3}"
venv="${CFN_LINT_VENV:-${TMPDIR:-/tmp}/cdk-ipv6-ready-cfn-lint}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-bench-lint.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$venv/bin/cfn-lint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r test/cfn-lint/requirements.txt
fi

# The check command as users get it: the compiled bin when `npx projen build` has run, else the
# same source bundled once (esbuild, outside the measurement).
check_js="$repo/build/nag/cli/main.js"
if [ ! -f "$check_js" ]; then
  check_js="$work/check.js"
  npx esbuild lib/nag/cli/main.ts --bundle --platform=node --target=node22 --log-level=warning --outfile="$check_js"
fi

templates=()
if [ "$#" -gt 0 ]; then
  for arg in "$@"; do
    if [ -d "$arg" ]; then templates+=("$arg"/*.template.json); else templates+=("$arg"); fi
  done
else
  npx cdk synth -q -o "$work/reference" >/dev/null
  npx cdk synth -q -o "$work/reference-zone" -c hostedZoneId=Z0123456789ABCDEFGHIJ -c zoneName=example.com >/dev/null
  templates=("$work"/reference/*.template.json "$work"/reference-zone/*.template.json integ/*.snapshot/*.template.json)
  # The packed smoke app's stacks, when test/packed/run.sh has kept them (SMOKE_CDK_OUT, as in CI).
  if [ -n "${SMOKE_CDK_OUT:-}" ]; then templates+=("$SMOKE_CDK_OUT"/*.template.json); fi
fi
# Templates without resources are never deployed (and cfn-lint calls them invalid): left out, as in CI.
mapfile -t templates < <(for t in "${templates[@]}"; do python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("Resources") else 1)' "$t" && echo "$t"; done)
bytes=$(cat "${templates[@]}" | wc -c)
resources=$(python3 -c 'import json,sys; print(sum(len(json.load(open(f))["Resources"]) for f in sys.argv[1:]))' "${templates[@]}")

# Wall time (the machine may be shared: CPU time, user + system, is reported beside it).
TIMEFORMAT='%R %U %S'
measure() { { time "$@" >/dev/null; } 2>&1 | tail -n 1; }
lint() { "$venv/bin/cfn-lint" --format parseable -- "${templates[@]}" || [ $? -lt 16 ]; } # exit codes are the levels found
check() { node "$check_js" check --format json "${templates[@]}" || [ $? -eq 1 ]; }      # 1: findings
declare -a lint_wall lint_cpu check_wall check_cpu
for ((i = 0; i < runs; i++)); do
  read -r wall user sys < <(measure lint)
  lint_wall+=("$wall"); lint_cpu+=("$(echo "$user + $sys" | bc)")
  read -r wall user sys < <(measure check)
  check_wall+=("$wall"); check_cpu+=("$(echo "$user + $sys" | bc)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "templates: ${#templates[@]} ($resources resources, $bytes bytes); runs: $runs; $("$venv/bin/cfn-lint" --version), node $(node --version)"
echo "cfn-lint:              wall median $(median "${lint_wall[@]}") s, CPU median $(median "${lint_cpu[@]}") s (wall: ${lint_wall[*]})"
echo "cdk-ipv6-ready check:  wall median $(median "${check_wall[@]}") s, CPU median $(median "${check_cpu[@]}") s (wall: ${check_wall[*]})"

#!/usr/bin/env bash
# cfn-lint (CloudFormation's own linter, maintained by AWS) on every template CI synthesizes:
#   - the reference architecture, plain and with a hosted zone (`npx cdk synth -o ...`);
#   - every integ snapshot template (integ/*.snapshot/*.template.json);
#   - both stacks of the packed smoke app, from the directory $SMOKE_CDK_OUT (test/packed/run.sh
#     copies its templates there when the variable is set; skipped with a note when it is not).
# Zero errors; each warning must be covered by test/cfn-lint/accepted-warnings.txt (lint.py).
#
#   CFN_LINT_VENV=dir   the virtualenv holding the pinned cfn-lint (test/cfn-lint/requirements.txt);
#                       created there when missing. Default: ${TMPDIR:-/tmp}/cdk-ipv6-ready-cfn-lint.
#   --self-test         only show that the step fails on a template with a bad property
#                       (test/cfn-lint/fixtures/bad-property.template.json): exit 0 when it does.
#   -- FILE|DIR...      lint these templates instead of the CI set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${CFN_LINT_VENV:-${TMPDIR:-/tmp}/cdk-ipv6-ready-cfn-lint}"

if [ ! -x "$venv/bin/cfn-lint" ] || ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF "$(grep -v '^#' "$here/requirements.txt")"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
lint() { "$venv/bin/python" "$here/lint.py" "$venv/bin/cfn-lint" "$here/accepted-warnings.txt" "$@"; }

if [ "${1:-}" = "--self-test" ]; then
  status=0
  report="$(lint "$here/fixtures/bad-property.template.json")" || status=$?
  echo "$report" | grep -v '^  \(accepted\|note\)'
  # Failing is not enough: it must fail for the bad property (E3002), not because lint.py broke.
  if [ "$status" -ne 1 ] || ! grep -q "ERROR E3002 .*'Ipv6Cidr' was unexpected" <<<"$report"; then
    echo "cfn-lint step: the template with a bad property did not fail with E3002 (exit $status)" >&2
    exit 1
  fi
  echo "cfn-lint step: fails (exit 1) on a template with a bad property, as it must"
  exit 0
fi
if [ "${1:-}" = "--" ]; then
  shift
  lint "$@"
  exit
fi

out="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-cfn-lint-synth.XXXXXX")"
trap 'rm -rf "$out"' EXIT
cd "$repo"
# The reference architecture as the README synthesizes it, and with the hosted zone of its second
# form; -q: the template is read from the output directory, not stdout.
npx cdk synth -q -o "$out/reference" >/dev/null
npx cdk synth -q -o "$out/reference-zone" -c hostedZoneId=Z0123456789ABCDEFGHIJ -c zoneName=example.com >/dev/null
targets=("$out/reference" "$out/reference-zone" integ/*.snapshot)
if [ -n "${SMOKE_CDK_OUT:-}" ]; then
  targets+=("$SMOKE_CDK_OUT")
else
  echo "note: SMOKE_CDK_OUT is not set: the packed smoke app's stacks are not linted (.ci/run sets it)"
fi
lint "${targets[@]}"

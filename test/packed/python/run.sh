#!/usr/bin/env bash
# The Python package as users get it: a fresh virtualenv outside the repository, `pip install` of
# the wheel in dist/python (from `npx projen package:python`) with aws-cdk-lib, cdk-nag and the
# kubectl layer from PyPI (requirements.txt), then app.py, then `twine check` of the wheel and the
# sdist (the publishing dry run). SMOKE_BREAK=1 drops one acknowledgement: the app must then fail.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
shopt -s nullglob
wheels=("$repo"/dist/python/*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "python smoke: expected one dist/python/*.whl, found ${#wheels[@]}; run npx projen package:python first" >&2
  exit 1
fi
python3 -m venv "$work/venv"
pip() { "$work/venv/bin/python" -m pip --disable-pip-version-check --no-input "$@"; }
# pip's download cache (~/.cache/pip) is outside the work tree and kept between runs.
pip install --quiet "${wheels[0]}" -r "$here/requirements.txt"
pip list 2>/dev/null | grep -iE '^(aws-cdk-lib|cdk-nag|constructs|jsii|cdk-ipv6-ready|aws-cdk.lambda-layer-kubectl-v36) '
cd "$work"
CDK_OUTDIR="$work/cdk.out" "$work/venv/bin/python" "$here/app.py"

# Publishing dry run: the metadata PyPI would render, for both distributions.
pip install --quiet twine
"$work/venv/bin/twine" check --strict "$repo"/dist/python/*

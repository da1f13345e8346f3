#!/usr/bin/env bash
# Prints a GOPROXY value that serves, ahead of the Go module proxy, the two Go modules this
# library's Go package and smoke app need but the Go module proxy reachable here does not serve
# (it answers 403 "not available" for every version of them):
#   github.com/cdklabs/cdk-nag-go/cdknag/v3          v3.0.2  (the Go binding of cdk-nag 3.0.2)
#   github.com/cdklabs/awscdk-kubectl-go/kubectlv36/v2 v2.0.1 (of @aws-cdk/lambda-layer-kubectl-v36 2.0.1)
# Both are generated with jsii-pacmak from the jsii assemblies in the npm packages of the same
# versions (node_modules), which is how their publishers make them, and laid out as a file-based
# module proxy in $1 (outside the work tree). Usage: export GOPROXY="$(bash local-proxy.sh DIR)".
# Their checksums are then not in sum.golang.org's database: GONOSUMDB must name them (run.sh does).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
proxy="$1"
mkdir -p "$proxy"
gen="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-gogen.XXXXXX")"
trap 'rm -rf "$gen"' EXIT

# npm package, its version (from node_modules), and the Go module pacmak writes for it.
publish() {
  local npm_package="$1" module="$2"
  local version
  version="v$(node -p "require('$repo/node_modules/$npm_package/package.json').version")"
  local dir="$proxy/$module/@v"
  if [ -f "$dir/$version.zip" ]; then return; fi
  (cd "$repo" && npx --no-install jsii-pacmak --code-only --target go --outdir "$gen/$npm_package" "node_modules/$npm_package" >&2)
  local src
  src="$(dirname "$(grep -l "^module $module\$" "$gen/$npm_package"/go/*/go.mod)")"
  mkdir -p "$dir"
  cp "$src/go.mod" "$dir/$version.mod"
  printf '{"Version":"%s","Time":"2026-01-01T00:00:00Z"}\n' "$version" >"$dir/$version.info"
  echo "$version" >"$dir/list"
  # A module zip holds every file under "<module>@<version>/".
  python3 - "$src" "$dir/$version.zip" "$module@$version" <<'PY'
import os, sys, zipfile
src, out, prefix = sys.argv[1:]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk(src):
        for f in sorted(files):
            full = os.path.join(root, f)
            z.write(full, prefix + '/' + os.path.relpath(full, src))
PY
}
publish cdk-nag github.com/cdklabs/cdk-nag-go/cdknag/v3
publish @aws-cdk/lambda-layer-kubectl-v36 github.com/cdklabs/awscdk-kubectl-go/kubectlv36/v2
echo "file://$proxy,https://proxy.golang.org,direct"

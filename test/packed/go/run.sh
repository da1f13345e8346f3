#!/usr/bin/env bash
# The Go module as users get it: dist/go/cdkipv6ready (from `npx projen package:go`), first built
# and vetted on its own (the publishing dry run: `go vet` and `go build`), then required by a
# scratch module outside the repository through a `replace`, with aws-cdk-go, constructs-go and
# jsii-runtime-go from the Go module proxy, which synthesizes every seed construct (main.go).
# SMOKE_BREAK=1 drops one acknowledgement: the app must then fail.
#
# Two things the Go module proxy reachable here does not serve are stood in for, outside the
# work tree (README, "Install"):
# - cdk-nag-go v3 and awscdk-kubectl-go kubectlv36 (every version refused): generated from their
#   npm packages' jsii assemblies by local-proxy.sh and served ahead of the proxy (GOPROXY);
# - aws-cdk-go awscdk v2.271.0, the module's minimum (the library's peer floor): a `replace` to
#   v2.276.0, the version the repository tests with, as pacmak's own local build does for its modules.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
module_dir="$repo/dist/go/cdkipv6ready"
if [ ! -f "$module_dir/go.mod" ]; then
  echo "go smoke: no $module_dir/go.mod; run npx projen package:go first" >&2
  exit 1
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cdk-ipv6-ready"
GOPROXY="$(bash "$here/local-proxy.sh" "$cache/goproxy")"
export GOPROXY GONOSUMDB="github.com/cdklabs/cdk-nag-go,github.com/cdklabs/awscdk-kubectl-go" GOFLAGS=-mod=mod
cdk_version="v$(node -p "require('$repo/package.json').devDependencies['aws-cdk-lib']")"
pin_awscdk="replace github.com/aws/aws-cdk-go/awscdk/v2 => github.com/aws/aws-cdk-go/awscdk/v2 $cdk_version"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-go.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Publishing dry run: the module as published, built and vetted (its go.mod untouched; the
# build's go.mod is a copy with the pin, as pacmak's local.go.mod is).
cp -r "$module_dir" "$work/module"
echo "$pin_awscdk" >>"$work/module/go.mod"
(cd "$work/module" && go mod tidy && go build ./... && go vet ./...)
echo "go: $(sed -n 's/^module //p' "$module_dir/go.mod") builds and vets"

# The user's app.
mkdir "$work/app"
cp "$here/main.go" "$work/app/"
cat >"$work/app/go.mod" <<MOD
module example.com/smoke

go 1.25

require github.com/cdk-ipv6-ready/cdk-ipv6-ready-go/cdkipv6ready v0.0.0

replace github.com/cdk-ipv6-ready/cdk-ipv6-ready-go/cdkipv6ready => $module_dir

$pin_awscdk
MOD
cd "$work/app"
go mod tidy
go list -m github.com/aws/aws-cdk-go/awscdk/v2 github.com/cdklabs/cdk-nag-go/cdknag/v3 github.com/aws/constructs-go/constructs/v10 github.com/aws/jsii-runtime-go
CDK_OUTDIR="$work/cdk.out" go run .

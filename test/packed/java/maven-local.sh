#!/usr/bin/env bash
# Makes the Java peers resolvable by version range in the local Maven repository (~/.m2, outside
# the work tree). Maven Central as reached here serves aws-cdk-lib up to 2.272.0 and cdknag 3.0.2,
# but the maven-metadata.xml it serves lists aws-cdk-lib only up to 2.263.0 and cdknag only up to
# 2.37.55, so the ranges jsii writes into the package's pom ([2.271.0,3.0.0), [3.0.2,4.0.0)) find
# no version. The exact versions are downloaded from Central and then installed into the local
# repository, whose metadata Maven merges with Central's. Idempotent.
# Versions: aws-cdk-lib JAVA_CDK_VERSION (default 2.272.0), cdk-nag from package.json.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
cdk="${JAVA_CDK_VERSION:-2.272.0}"
nag="$(node -p "require('$repo/package.json').devDependencies['cdk-nag']")"
m2="$HOME/.m2/repository"  # Maven's default local repository
tmp="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-m2.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
for gav in "software.amazon.awscdk:aws-cdk-lib:$cdk" "io.github.cdklabs:cdknag:$nag"; do
  IFS=: read -r group artifact version <<<"$gav"
  dir="$m2/${group//.//}/$artifact/$version"
  if grep -qs "<version>$version</version>" "$m2/${group//.//}/$artifact/maven-metadata-local.xml"; then
    continue
  fi
  mvn -B -q dependency:get -Dartifact="$gav"
  # install-file refuses a file that is already where it would install it: install copies.
  cp "$dir/$artifact-$version.jar" "$dir/$artifact-$version.pom" "$tmp/"
  mvn -B -q install:install-file -Dfile="$tmp/$artifact-$version.jar" -DpomFile="$tmp/$artifact-$version.pom"
done
echo "maven: aws-cdk-lib $cdk and cdknag $nag resolvable by range in $m2"

#!/usr/bin/env bash
# The Java package as users get it: a Maven project (pom.xml) with dist/java (from
# `npx projen package:java`) as a local repository and aws-cdk-lib and cdk-nag from Maven Central,
# which compiles and runs SmokeApp.java; then the publishing dry run: the files Maven Central would
# get, deployed with Maven's deploy plugin to a scratch repository, and the pom's required metadata.
# SMOKE_BREAK=1 drops one acknowledgement: the app must then fail.
#
# Stood in for, outside the work tree (README, "Install"): software.amazon.awscdk:
# cdk-lambda-layer-kubectl-v36, which Maven Central as reached here does not serve, is generated
# from its npm package's jsii assembly with jsii-pacmak, as its publisher makes it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dist="$repo/dist/java"
version="$(node -p "require('$repo/package.json').version")"
artifact_dir="$dist/io/github/cdk-ipv6-ready/cdk-ipv6-ready/$version"
if [ ! -f "$artifact_dir/cdk-ipv6-ready-$version.jar" ]; then
  echo "java smoke: no $artifact_dir/cdk-ipv6-ready-$version.jar; run npx projen package:java first" >&2
  exit 1
fi
cdk="${JAVA_CDK_VERSION:-2.272.0}"
nag="$(node -p "require('$repo/package.json').devDependencies['cdk-nag']")"
bash "$here/maven-local.sh"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/cdk-ipv6-ready"
kubectl_repo="$cache/maven-kubectl/java"
kubectl_version="$(node -p "require('$repo/node_modules/@aws-cdk/lambda-layer-kubectl-v36/package.json').version")"
if [ ! -d "$kubectl_repo/software/amazon/awscdk/cdk-lambda-layer-kubectl-v36/$kubectl_version" ]; then
  (cd "$repo" && npx --no-install jsii-pacmak --target java --maven-local-repository "$HOME/.m2/repository" \
    --outdir "$cache/maven-kubectl" node_modules/@aws-cdk/lambda-layer-kubectl-v36)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cdk-ipv6-ready-java.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$here/pom.xml" "$here/src" "$work/"
cd "$work"
mvn=(mvn -B -q -Ddist.java="$dist" -Dkubectl.repo="$kubectl_repo" -Dlibrary.version="$version" -Dcdk.version="$cdk" -Dcdknag.version="$nag")
"${mvn[@]}" compile dependency:build-classpath -Dmdep.outputFile=classpath.txt
tr ':' '\n' <classpath.txt | grep -oE '(aws-cdk-lib|cdknag|constructs|jsii-runtime|cdk-ipv6-ready|cdk-lambda-layer-kubectl-v36)-[0-9][^/]*\.jar$' | sort
CDK_OUTDIR="$work/cdk.out" java -cp "target/classes:$(cat classpath.txt)" smoke.SmokeApp

# Publishing dry run: what a release deploys to Maven Central (jar, pom, sources, javadoc), deployed
# by Maven's deploy plugin to a scratch repository, and the pom metadata Central requires.
base="$artifact_dir/cdk-ipv6-ready-$version"
for f in "$base.jar" "$base.pom" "$base-sources.jar" "$base-javadoc.jar"; do
  [ -f "$f" ] || { echo "java: $f is missing" >&2; exit 1; }
done
# (Online only for the plugin's first download into ~/.m2; what it deploys comes from dist/java.)
mvn -B -q org.apache.maven.plugins:maven-deploy-plugin:2.8.2:deploy-file -Durl="file://$work/staging" -DrepositoryId=staging \
  -Dfile="$base.jar" -DpomFile="$base.pom" -Dsources="$base-sources.jar" -Djavadoc="$base-javadoc.jar"
ls "$work/staging/io/github/cdk-ipv6-ready/cdk-ipv6-ready/$version/"
python3 - "$base.pom" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {'m': 'http://maven.apache.org/POM/4.0.0'}
pom = ET.parse(sys.argv[1]).getroot()
missing = [e for e in ('name', 'description', 'url', 'licenses/m:license', 'developers/m:developer', 'scm/m:url')
           if not (pom.findtext('m:' + e, namespaces=ns) or pom.find('m:' + e, ns) is not None)]
if missing:
    sys.exit(f'java: the pom lacks what Maven Central requires: {missing}')
PY
echo "java: $(basename "$base.jar") with its pom, sources and javadoc deploys, and its pom has Maven Central's required metadata"

import { readFileSync } from 'fs';
import { awscdk, DependencyType, javascript, JsonFile } from 'projen';

// The aws-cdk-lib the tests run on. Users may run 2.271.0 or newer: the peer dependency is set
// below, with the reason.
const cdkVersion = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-ipv6-ready',
  description:
    'IPv6-ready AWS CDK constructs: dual-stack VPC, Amazon MSK and Amazon EKS on IPv6, and a cdk-nag pack for every documented IPv6 prerequisite.',
  keywords: ['cdk', 'aws-cdk', 'ipv6', 'dual-stack', 'vpc', 'msk', 'eks', 'cdk-nag'],
  author: 'cdk-ipv6-ready maintainers',
  authorAddress: 'maintainers@cdk-ipv6-ready.invalid',
  repositoryUrl: 'https://github.com/cdk-ipv6-ready/cdk-ipv6-ready.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // jsii 6 compiles with TypeScript 6.0; ts-jest and ts-node do not accept TypeScript 7.
  typescriptVersion: '~6.0',
  // Users run Node 22 and 24; Node 20 is end of life.
  minNodeVersion: '22.0.0',
  workflowNodeVersion: '22.x',

  // Source in lib/ (the layout CDK users know), compiled JavaScript in build/ so the two never mix.
  srcdir: 'lib',
  libdir: 'build',
  entrypoint: 'build/index.js',
  entrypointTypes: 'build/index.d.ts',

  // `npx cdk-ipv6-ready check TEMPLATE`: the rule pack on templates not written with CDK.
  bin: { 'cdk-ipv6-ready': 'build/nag/cli/main.js' },

  // jsii targets. JavaScript, Python, Java and Go are packaged and smoke-tested in CI (README,
  // "Install" and "Packaging"); .NET is configured, not built here (no .NET SDK).
  publishToPypi: { distName: 'cdk-ipv6-ready', module: 'cdk_ipv6_ready' },
  publishToMaven: {
    javaPackage: 'io.github.cdkipv6ready',
    mavenGroupId: 'io.github.cdk-ipv6-ready',
    mavenArtifactId: 'cdk-ipv6-ready',
  },
  publishToNuget: { dotNetNamespace: 'CdkIpv6Ready', packageId: 'CdkIpv6Ready' },
  publishToGo: { moduleName: 'github.com/cdk-ipv6-ready/cdk-ipv6-ready-go' },

  // The rule pack extends cdk-nag's NagPack: users who load the package need cdk-nag v3 too.
  peerDeps: ['cdk-nag@^3.0.2'],
  // The peers' devDependencies are set below: aws-cdk-lib's minimum is not the version tested on.
  peerDependencyOptions: { pinnedDevDependency: false },
  // TemplateReplacements and `cdk-ipv6-ready replacements` read which property changes replace a
  // resource, nested ones included, from the CloudFormation resource specification in this
  // package (2.6 MB gzipped, loaded on first use in about half a second). jsii accepts a
  // dependency that is not a jsii module only when it is bundled.
  bundledDeps: [
    '@aws-cdk/aws-service-spec@^0.1.216',
    // `check` and `replacements` read YAML templates with it: it builds the values directly, with no
    // document of the whole file, at a third of the memory and a tenth of the time of the yaml 1.x
    // aws-cdk-lib bundles (bench/yaml-memory.ts).
    'js-yaml@^4.1.0',
  ],
  devDeps: [
    '@types/js-yaml@^4',
    'aws-cdk@^2', // the CLI for `npx cdk synth` of the example app
    '@aws-cdk/cloudformation-diff@^2.187.0', // tests compare the replacement check with it
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2',
    // kubectl 1.36 for the reference architecture's Kubernetes 1.36 cluster.
    '@aws-cdk/lambda-layer-kubectl-v36@^2.0.1',
    // Validates the checker's SARIF output against the SARIF 2.1.0 schema (a draft-04 schema: ajv 6 reads it).
    'ajv@^6.12.6',
  ],

  jestOptions: {
    // See the unrs-resolver note below.
    jestVersion: '^29',
    // Snapshots are checked, never rewritten by a test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      moduleNameMapper: { '^cdk-ipv6-ready$': '<rootDir>/lib' },
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
      // Coverage on request (`npx projen test --coverage`). V8's precise coverage slows every line
      // that runs, aws-cdk-lib's included (202 s for the suite here); babel instruments only our files.
      coverageProvider: 'babel',
      collectCoverage: false,
      // Every core: with --ci, Jest's default is one worker fewer than the cores, a single worker on
      // a 2-core machine (108 s for the suite here, 69 s with both).
      maxWorkers: '100%',
    },
  },
  tsconfigDev: {
    include: ['../lib/**/*.ts', '../examples/**/*.ts', '../integ/**/*.ts', '../bench/**/*.ts', '../compat/**/*.ts'],
    exclude: ['../bench/.build'],
    // test/packed/ imports the library by its package name, as users do: the packed tarball in the
    // smoke test, lib/ here.
    compilerOptions: { paths: { 'cdk-ipv6-ready': ['../lib/index.ts'] } },
  },
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'examples', 'integ', 'bench', 'compat'],
  },

  gitignore: ['cdk.out/', '*.snapshot/**/asset.*/', '.cdk.staging/', '.jsii.tabl.json', 'integ/cdk-integ.out.*/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/integ/', '/bench/', '/cdk.json', '/cdk.out/', '/.ci/'] },

  // No GitHub workflows: CI here is .ci/run.
  github: false,
  release: false,
});

// Rosetta compiles every TypeScript example in README.md and the API docs; strict makes a broken
// example fail the build instead of printing a warning.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile every TypeScript example in README.md and the doc comments (strict)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosetta);

// Jest 30 and eslint-import-resolver-typescript 4 depend on unrs-resolver, whose per-platform
// builds the npm registry reachable from CI does not all serve: the lockfile then cannot list
// them and `npm ci` refuses it. Jest 29 and resolver 3.8 do without it.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.8.0');
// ts-jest 29.4 loads jest-util at run time but declares it an optional peer; Jest 29 does not hoist it.
project.addDevDeps('jest-util@^29');

// MskDualStackSwitch's Lambda handler carries its own Kafka SDK, bundled by esbuild before compile:
// the SDK in the Lambda runtime may predate the dual-stack fields (NetworkType, the *Ipv6 bootstrap
// brokers; 3.966.0 has none of them), and an SDK that does not know a field drops it silently.
project.addDevDeps('@aws-sdk/client-kafka@^3.1005.0');
// Its Delete reads the stack's status (a stack deletion, or a rollback?) with CloudFormation's SDK, bundled alike.
project.addDevDeps('@aws-sdk/client-cloudformation@^3.1169.0');
project.bundler.addBundle('lib/msk/handlers/dual-stack-switch.handler.ts', {
  platform: 'node',
  target: 'node22',
  externals: [],
  minify: true,
  sourcemap: false,
});

// test/packed/ imports 'cdk-ipv6-ready' through test/tsconfig.json's path mapping; eslint's import
// resolver reads both configurations.
project.tryFindObjectFile('.eslintrc.json')!.addOverride('settings.import/resolver.typescript.project', ['./tsconfig.json', './test/tsconfig.json']);

// Type-checked like the tests; the nearest tsconfig.json is also what eslint's project service uses.
for (const dir of ['examples', 'integ', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..' },
      include: ['**/*.ts'],
      // bench/run.ts compiles the apps it times into bench/.build.
      exclude: dir === 'bench' ? ['.build'] : undefined,
    },
  });
}

// Integration tests (integ/README.md): deployed assertions for users' CI, and a snapshot check here
// that needs no AWS credentials. integ-runner 2.197 cannot read aws-cdk-lib 2.276's cloud assembly
// (schema 55 > 53), so integ/check-snapshots.ts synthesizes each test and compares the snapshot.
const integCheck = project.addTask('integ:check', {
  description: 'Fail if a committed integ/*.snapshot is not what its integration test synthesizes now',
  // The same snapshots as with the CloudFormation schema validation, 3-4x faster.
  env: { CDK_VALIDATION: 'false' },
  exec: 'ts-node --transpile-only integ/check-snapshots.ts',
});
project.addTask('integ:snapshot', {
  description: 'Rewrite integ/*.snapshot from the integration tests (commit the result)',
  env: { CDK_VALIDATION: 'false' },
  exec: 'ts-node --transpile-only integ/check-snapshots.ts --update',
});
project.testTask.spawn(integCheck);

// `npx projen test` (the README's test command) runs the tests, jest and the integration tests'
// snapshots, in under 3 minutes on a fresh 2-core machine; lint runs in the build, after compile.
// Coverage is on request (`npx projen test --coverage`): instrumenting costs a third more time.
const eslintStep = project.testTask.steps.findIndex(step => step.spawn === project.eslint!.eslintTask.name);
project.testTask.removeStep(eslintStep);
project.postCompileTask.spawn(project.eslint!.eslintTask);
// Tests synthesize the MSK switch, whose Lambda code is the bundle in assets/: built first (3 s).
project.testTask.prependSpawn(project.tasks.tryFind('bundle')!);

// The README's rule table is generated from the prerequisites catalogue (a test checks it is current).
project.addTask('docs:rules', {
  description: 'Write the README rule table from the prerequisites catalogue (lib/prerequisites)',
  exec: 'ts-node --transpile-only test/support/rule-table.ts',
});

// `npx projen bench`: the benchmark of bench/README.md, not part of build or test.
const benchEngine = project.addTask('bench:engine', {
  description: 'Benchmark the check command and the rule pack on 100 to 5,000 resources and a 64 MB template (bench/README.md)',
  exec: 'ts-node --transpile-only bench/engine.ts',
  receiveArgs: true,
});
const bench = project.addTask('bench', {
  description: 'Benchmark the reference architecture against plain aws-cdk-lib, then the engine (bench/README.md)',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});
bench.spawn(benchEngine);
project.addTask('bench:manifests', {
  description: 'Benchmark the check command on a directory of 5,000 Kubernetes manifests (bench/README.md)',
  exec: 'ts-node --transpile-only bench/manifests.ts',
  receiveArgs: true,
});
// Needs the packed tarball (`npx projen build`); installs it with its peers into a scratch app.
project.addTask('bench:packed', {
  description: 'Benchmark a user app on the packed library against plain aws-cdk-lib at 1, 4 and 16 stacks (bench/README.md)',
  exec: 'ts-node --transpile-only bench/packed-scaling.ts',
  receiveArgs: true,
});

// `package` (in `build`) packages JavaScript only, so that the test command stays fast; CI runs
// package:python, package:java and package:go after it (test/packed/languages.sh).
project.tasks.tryFind('package')!.reset();
project.tasks.tryFind('package')!.spawn(project.tasks.tryFind('package:js')!);

// Releases (README, "Versioning"): `npx projen release` bumps package.json from the conventional
// commits since the last v* tag and from CHANGELOG.md's Unreleased breaking changes, moves those
// notes under the new version with the generated ones, keeps the release's jsii assembly in
// compat/<version>/ for the compat check, commits and tags. Not projen's `release: true`: that one
// resets package.json to 0.0.0 after each build (the version lives only in tags and dist/) and
// prepends its notes above the Unreleased section.
project.addDevDeps('commit-and-tag-version@^13.2.1');
project.addTask('release', {
  description: 'Bump the version, write CHANGELOG.md, keep the assembly in compat/, commit and tag (README, "Versioning")',
  exec: 'ts-node --transpile-only compat/release.ts',
  receiveArgs: true,
});
// projen writes version 0.0.0 unless told otherwise: the version is the one the release task wrote.
project.package.addVersion(JSON.parse(readFileSync('package.json', 'utf-8')).version ?? '0.0.0');

// API compatibility: jsii-diff against the last released assembly (compat/<version>/), failing on any
// breaking change that CHANGELOG.md's Unreleased section does not name by its jsii-diff key.
project.tasks.tryFind('compat')!.reset('ts-node --transpile-only compat/check-compat.ts');
project.npmignore!.addPatterns('/compat/');
// The released assemblies' package.json files are not modules of this package: jest's module map skips them.
project.tryFindObjectFile('package.json')!.addOverride('jest.modulePathIgnorePatterns', ['<rootDir>/compat/']);
new JsonFile(project, 'compat/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});

// Packages for Python, Java and Go (issue 19). The tests run on cdkVersion above; users may run
// aws-cdk-lib 2.271.0 or newer. The registries reached here serve aws-cdk-lib up to 2.275.0 on PyPI
// and 2.272.0 on Maven Central, so the smoke apps of those languages run there; the packed smoke
// app synthesizes the same templates with 0 findings on 2.271.0, 2.275.0 and 2.276.0 (README, "Install").
project.deps.removeDependency('aws-cdk-lib', DependencyType.PEER);
project.deps.addDependency('aws-cdk-lib@^2.271.0', DependencyType.PEER);
// The peers' devDependencies are the versions the tests run on (not the peers' minimums).
project.deps.addDependency(`aws-cdk-lib@${cdkVersion}`, DependencyType.BUILD);
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);
project.deps.addDependency('cdk-nag@3.0.2', DependencyType.BUILD);

// package:go: jsii-pacmak writes the Go module (code only). Its build step (go mod tidy, go build)
// needs aws-cdk-go at the module's minimum, v2.271.0, and cdk-nag-go v3, which the Go module proxy
// reachable here does not serve; test/packed/go/run.sh builds and vets the module (README, "Install").
project.tasks.tryFind('package:go')!.reset('jsii-pacmak -v --target go --code-only');
// package:java: the peers' exact versions registered in ~/.m2 so that the pom's ranges resolve, and
// pacmak's Maven on ~/.m2 (by default it uses an empty repository of its own for every build).
const packageJava = project.tasks.tryFind('package:java')!;
packageJava.reset('bash test/packed/java/maven-local.sh');
packageJava.exec('jsii-pacmak -v --target java --maven-local-repository "$HOME/.m2/repository"');

// jsii asks for a devDependency on aws-cdk-lib at the peer's minimum (2.271.0). The tests run on
// cdkVersion on purpose; the Python and Java smoke apps run on what PyPI and Maven Central serve
// here (2.275.0, 2.272.0), and lib/ type-checks and synthesizes the packed smoke app on 2.271.0
// (README, "Install"). Only that warning is silenced, beside reserved words as projen does.
for (const name of ['compile', 'watch']) {
  const task = project.tasks.tryFind(name)!;
  const watch = name === 'watch' ? ' -w' : '';
  task.reset(`jsii${watch} --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency`);
}

project.synth();

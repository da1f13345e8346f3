#!/usr/bin/env node
import { checkManifests, isManifestInput } from './check-manifests';
import { CheckResult, checkTemplates } from './check-templates';
import { formatJson } from './format-json';
import { FormatOptions } from './format-options';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { DEFAULT_MAX_TEMPLATE_MIB, TemplateError } from '../../engine/read-template';
import { replacementsCommand, REPLACEMENTS_USAGE } from '../../replacements/replacements-command';

/** What the example prints, for test/nag/fixtures/k8s/web.yaml (a test keeps it the real output). */
export const K8S_EXAMPLE_OUTPUT = `ERROR Ipv6Ready-K8S-IPV6-1[Service::shop/web]
  resource: Service::shop/web (Kubernetes manifest) in k8s/web.yaml:2
  Kubernetes manifest k8s/web.yaml (Service shop/web) does not meet K8S-IPV6-1: A Service of an IPv6 EKS cluster is single-stack IPv6: spec.ipFamilies names no IPv4, and spec.ipFamilyPolicy is not RequireDualStack or PreferDualStack. An IPv6 EKS cluster has one service CIDR, IPv6: Services get IPv6 addresses only. The API server refuses a Service that asks for IPv4 or requires dual-stack, so the manifest fails to apply; with PreferDualStack it is created, but the AWS Load Balancer Controller registers IPv4 pod addresses into IPv6 target groups for dual-stack Services (controller issue #4775). Fix: leave spec.ipFamilies and spec.ipFamilyPolicy out, or set ipFamilyPolicy: SingleStack and ipFamilies: [IPv6] (DualStackService.ipFamilies() returns them); put a dual-stack load balancer in front for IPv4 clients.

ERROR Ipv6Ready-K8S-IPV6-4[Deployment::shop/report]
  resource: Deployment::shop/report (Kubernetes manifest) in k8s/web.yaml:20
  Kubernetes manifest k8s/web.yaml (Deployment shop/report) does not meet K8S-IPV6-4: No workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) of an IPv6 EKS cluster selects kubernetes.io/os: windows by nodeSelector or by required node affinity. Windows pods and services are not supported on IPv6 clusters: there are no Windows nodes for them to run on, so the pods stay Pending. Fix: run the workload on Linux nodes, or on a separate IPv4 cluster if it needs Windows.

2 errors, 0 warnings in 1 template (2 resources).`;

const CHECK_USAGE = `Usage: cdk-ipv6-ready check [--format text|json|sarif] [--strict] [--cannot-judge warning|info]
                            [--max-size MIB] [--source-root DIR] [--ip-family ipv6|ipv4]
                            PATH [PATH ...]

Checks CloudFormation templates (JSON or YAML; PATH may be a cdk.out directory) against every
documented IPv6 prerequisite of Amazon VPC, Amazon MSK and Amazon EKS: the rules of the
Ipv6ReadinessChecks cdk-nag pack, with no CDK app. Nested stacks whose template is a local file
are checked too; a nested stack that cannot be read (a TemplateURL in S3, a missing file, a
template copied out of its cdk.out) is a finding, Ipv6Ready-UnreadNestedStack.

  --format        text (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --strict        warnings fail the check too, and an unread nested stack is an error
  --cannot-judge  how a value a rule cannot follow counts: warning (default) or info
  --max-size      the largest template read, in MiB (default ${DEFAULT_MAX_TEMPLATE_MIB}; CloudFormation deploys
                  templates of at most 1 MB)
  --source-root   SARIF only: the directory of the CDK app's source. A result on a resource
                  whose metadata names its source (aws:cdk:path, and the creation stack trace
                  CDK writes with --debug or CDK_DEBUG=true) points at that source file and
                  line, relative to DIR; other results point at the template. Each result
                  carries its construct path as a logical location either way.
  --ip-family     the IP family of the cluster plain Kubernetes manifests are applied to. A PATH that is
                  a YAML or JSON manifest (several documents, List kinds), or a directory of them, is
                  judged with the Kubernetes-layer rules; without --ip-family, the rules that need the
                  cluster's family cannot judge. (In a template, the cluster's family is read from it.)

Example: npx cdk-ipv6-ready check k8s/ --ip-family ipv6

${K8S_EXAMPLE_OUTPUT.replace(/^/gm, '    ').replace(/^ +$/gm, '')}

Only regular files are read: a FIFO, a device, or a link that leaves the directory given is
refused. Exit code: 0 no errors, 1 errors (or warnings with --strict), 2 wrong use, or a file that
cannot be read or is not a CloudFormation template.`;

const USAGE = `Usage: cdk-ipv6-ready check ... | cdk-ipv6-ready replacements ...

${CHECK_USAGE}

${REPLACEMENTS_USAGE}`;

const FORMATS: { [format: string]: (result: CheckResult, options: FormatOptions) => string[] } = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

/**
 * The `cdk-ipv6-ready` command. Returns the exit code; writes results with `print`, problems with
 * `printError` (one line each, never a stack trace).
 */
export function main(args: string[], print: (line: string) => void, printError: (line: string) => void = print): number {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') {
    print(USAGE);
    return 0;
  }
  if (command === 'replacements') {
    return replacementsCommand(rest, print, printError);
  }
  if (command !== 'check') {
    printError(`cdk-ipv6-ready: ${command === undefined ? 'give a command' : `unknown command ${command}`}: check or replacements (see cdk-ipv6-ready --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(CHECK_USAGE);
    return 0;
  }
  const options = parseOptions(rest);
  if (typeof options === 'string') {
    printError(`cdk-ipv6-ready check: ${options} (see cdk-ipv6-ready check --help)`);
    return 2;
  }
  try {
    const manifests = options.paths.filter(isManifestInput);
    const templates = options.paths.filter(p => !manifests.includes(p));
    const result = merge([
      ...templates.length > 0 || manifests.length === 0
        ? [checkTemplates(templates, { cannotJudge: options.cannotJudge, strict: options.strict, maxBytes: options.maxBytes })] : [],
      ...manifests.length > 0 ? [checkManifests(manifests, options.ipFamily, options.cannotJudge, options.maxBytes)] : [],
    ]);
    FORMATS[options.format](result, { sourceRoot: options.sourceRoot }).forEach(line => print(line));
    const failing = result.findings.filter(f => f.level === 'error' || (options.strict && f.level === 'warning'));
    return failing.length > 0 ? 1 : 0;
  } catch (e) {
    // A template the engine cannot read (or an input built to break it) is a usage problem, not a finding.
    printError(`cdk-ipv6-ready: ${e instanceof TemplateError ? e.message : `cannot check the templates: ${String((e as Error)?.message ?? e).split('\n')[0]}`}`);
    return 2;
  }
}

/** One result for templates and manifests checked together. */
function merge(results: CheckResult[]): CheckResult {
  return results.length === 1 ? results[0] : {
    templates: results.flatMap(r => r.templates),
    resources: results.reduce((n, r) => n + r.resources, 0),
    findings: results.flatMap(r => r.findings),
    acknowledged: results.reduce((n, r) => n + r.acknowledged, 0),
  };
}

interface Options {
  readonly paths: string[];
  readonly format: string;
  readonly strict: boolean;
  readonly cannotJudge: 'warning' | 'info';
  readonly ipFamily?: 'ipv4' | 'ipv6';
  readonly maxBytes?: number;
  readonly sourceRoot?: string;
}

/** The options of `check`, or what is wrong with them. */
function parseOptions(args: string[]): Options | string {
  const paths: string[] = [];
  let format: string | undefined = 'text';
  let strict = false;
  let cannotJudge: string | undefined = 'warning';
  let ipFamily: string | undefined;
  let maxSize: string | undefined;
  let sourceRoot: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      format = value();
    } else if (flag === '--cannot-judge') {
      cannotJudge = value();
    } else if (flag === '--ip-family') {
      ipFamily = value();
    } else if (flag === '--max-size') {
      maxSize = value() ?? '';
    } else if (flag === '--source-root') {
      sourceRoot = value() ?? '';
    } else if (flag === '--strict') {
      strict = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      return `unknown option ${flag}`;
    } else {
      paths.push(args[i]);
    }
  }
  if (format === undefined || !(format in FORMATS)) {
    return `--format must be text, json or sarif, not ${format ?? 'nothing'}`;
  }
  if (cannotJudge !== 'warning' && cannotJudge !== 'info') {
    return `--cannot-judge must be warning or info, not ${cannotJudge ?? 'nothing'}`;
  }
  const mib = maxSize === undefined ? undefined : Number(maxSize);
  if (mib !== undefined && !(mib > 0 && Number.isFinite(mib))) {
    return `--max-size must be a number of MiB above 0, not ${maxSize || 'nothing'}`;
  }
  if (sourceRoot === '') {
    return '--source-root needs a directory';
  }
  if (ipFamily !== undefined && ipFamily !== 'ipv6' && ipFamily !== 'ipv4') {
    return `--ip-family must be ipv6 or ipv4, not ${ipFamily}`;
  }
  if (paths.length === 0) {
    return 'give at least one template file or cdk.out directory';
  }
  return {
    paths,
    format,
    strict,
    cannotJudge,
    ipFamily: ipFamily as Options['ipFamily'],
    maxBytes: mib === undefined ? undefined : Math.floor(mib * 1024 * 1024),
    sourceRoot,
  };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), line => console.log(line), line => console.error(line));
}

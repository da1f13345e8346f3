/**
 * In-place updates that CloudFormation attempts (the specification says the property updates with
 * no replacement) but the service refuses: the deployment fails and the stack rolls back. Only
 * those a service's documentation states are listed, with the document.
 */
interface VersionRule {
  /** Where the version is in the resource's properties. */
  readonly path: string[];
  readonly what: string;
  /** Whether the service refuses a step of more than one minor version up. */
  readonly oneMinorAtATime: boolean;
  readonly source: string;
}

const EKS_SOURCE = 'Amazon EKS User Guide, "Update existing cluster to new Kubernetes version" '
  + '(https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html): once upgraded, a cluster cannot be '
  + 'downgraded, and a cluster is updated one minor version at a time';

const VERSION_RULES: { readonly [type: string]: VersionRule } = {
  'AWS::EKS::Cluster': { path: ['Version'], what: 'Kubernetes version', oneMinorAtATime: true, source: EKS_SOURCE },
  // aws-cdk-lib's eks.Cluster (before eks-v2) writes the cluster through this custom resource.
  'Custom::AWSCDK-EKS-Cluster': { path: ['Config', 'version'], what: 'Kubernetes version', oneMinorAtATime: true, source: EKS_SOURCE },
  'AWS::MSK::Cluster': {
    path: ['KafkaVersion'],
    what: 'Apache Kafka version',
    oneMinorAtATime: false,
    source: 'Amazon MSK Developer Guide, "Upgrade the Apache Kafka version" '
      + '(https://docs.aws.amazon.com/msk/latest/developerguide/version-upgrades.html): an existing MSK cluster cannot be '
      + 'downgraded to an older version of Apache Kafka',
  },
};

/** The resource types whose updates `refusedUpdate` judges. */
export function typesWithRefusedUpdates(): string[] {
  return Object.keys(VERSION_RULES);
}

/** Why the service refuses the in-place update of a resource from `before` to `after`, if it does. */
export function refusedUpdate(resourceType: string, before: unknown, after: unknown): { property: string; why: string } | undefined {
  const rule = VERSION_RULES[resourceType];
  if (rule === undefined) {
    return undefined;
  }
  const from = versionOf(at(before, rule.path));
  const to = versionOf(at(after, rule.path));
  if (from === undefined || to === undefined) {
    return undefined; // unset (the service's default) or a function: nothing to compare
  }
  const property = rule.path.join('.');
  const order = compareVersions(to.parts, from.parts);
  if (order < 0) {
    return { property, why: `${property}: the ${rule.what} goes down from ${from.text} to ${to.text}, which the service refuses (${rule.source}). Keep ${from.text} or higher.` };
  }
  if (rule.oneMinorAtATime && to.parts[0] === from.parts[0] && (to.parts[1] ?? 0) > (from.parts[1] ?? 0) + 1) {
    return { property, why: `${property}: the ${rule.what} goes up from ${from.text} to ${to.text} in one step, which the service refuses (${rule.source}). Deploy each minor version in turn.` };
  }
  return undefined;
}

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as any)[key] : undefined), value);
}

/** `1.31`, `3.6.0`, `3.7.x`, `2.8.2.tiered`, `3.9.x.kraft`: the leading numbers; `x` ends them. */
function versionOf(value: unknown): { text: string; parts: number[] } | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return undefined;
  }
  const text = String(value);
  const match = /^\d+(\.\d+)*/.exec(text);
  return match ? { text, parts: match[0].split('.').map(Number) } : undefined;
}

/** Compares the numbers both versions give (`3.7.x` against `3.7.1` is equal). */
function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return 0;
}

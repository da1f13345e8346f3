/**
 * What the EKS node rules read from a template: the cluster a node group belongs to and its IP
 * family, the launch template it uses, and the text of a node's user data.
 *
 * Not a prerequisite: `prerequisites/eks/index.ts` does not export it. The cluster and user data
 * readers could move to `TemplateModel`.
 */
import { isIpv6Cluster } from './eks-cluster-helpers';
import { cannotJudge, describe, isObject, NOT_APPLICABLE, TemplateModel, TemplateResource, Unresolved, Verdict } from '../../engine/template-model';

export const EKS_CLUSTER = 'AWS::EKS::Cluster';
export const EKS_NODEGROUP = 'AWS::EKS::Nodegroup';
export const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
export const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';

export type IpFamily = 'ipv4' | 'ipv6';

/** The IP family of the cluster `clusterId` (ipv4 when it does not say). */
export function clusterIpFamily(template: TemplateModel, clusterId: string): IpFamily | Unresolved {
  const ipv6 = isIpv6Cluster(template, clusterId);
  return ipv6 instanceof Unresolved ? ipv6 : ipv6 ? 'ipv6' : 'ipv4';
}

/**
 * The `AWS::EKS::Cluster` a node group belongs to: its `ClusterName` is a `Ref` to the cluster, or
 * the literal `Name` of a cluster of this template.
 */
export function clusterOfNodegroup(template: TemplateModel, nodegroupId: string): string | Unresolved {
  const name = template.resource(nodegroupId)?.Properties?.ClusterName;
  const target = template.target(name);
  if (target !== undefined && template.resource(target)?.Type === EKS_CLUSTER) {
    return target;
  }
  if (typeof name === 'string') {
    const named = template.resourcesOfType(EKS_CLUSTER).find(([, c]) => c.Properties?.Name === name);
    if (named !== undefined) {
      return named[0];
    }
  }
  return new Unresolved(`the ClusterName of node group ${nodegroupId} is ${describe(name)}, not a cluster defined in this template`);
}

/** The IP family of the cluster of a node group. */
export function nodegroupIpFamily(template: TemplateModel, nodegroupId: string): IpFamily | Unresolved {
  const cluster = clusterOfNodegroup(template, nodegroupId);
  return cluster instanceof Unresolved ? cluster : clusterIpFamily(template, cluster);
}

/**
 * The verdict for a node group that is not of an IPv6 cluster (NOT_APPLICABLE), or whose cluster
 * cannot be read (cannot judge); `undefined` for a node group of an IPv6 cluster, which the rule judges.
 */
export function unlessIpv6Nodegroup(template: TemplateModel, nodegroupId: string): Verdict | undefined {
  const family = nodegroupIpFamily(template, nodegroupId);
  if (family instanceof Unresolved) {
    return cannotJudge(family.what);
  }
  return family === 'ipv6' ? undefined : NOT_APPLICABLE;
}

/**
 * Whether the template has an IPv6 cluster: `true` when one is, `Unresolved` when none is but the
 * family of one cannot be read.
 */
export function templateHasIpv6Cluster(template: TemplateModel): boolean | Unresolved {
  const families = template.resourcesOfType(EKS_CLUSTER).map(([id]) => clusterIpFamily(template, id));
  if (families.includes('ipv6')) {
    return true;
  }
  return families.find((f): f is Unresolved => f instanceof Unresolved) ?? false;
}

/**
 * The `AWS::EC2::LaunchTemplate` a node group uses (`LaunchTemplate.Id` or `.Name`): its logical
 * id, `undefined` when the node group has none, `Unresolved` when it is not defined in this template.
 */
export function launchTemplateOfNodegroup(template: TemplateModel, nodegroupId: string): string | undefined | Unresolved {
  const spec = template.resource(nodegroupId)?.Properties?.LaunchTemplate;
  if (spec === undefined) {
    return undefined;
  }
  const ref = isObject(spec) ? spec.Id ?? spec.Name : spec;
  const target = template.target(ref);
  if (target !== undefined && template.resource(target)?.Type === LAUNCH_TEMPLATE) {
    return target;
  }
  if (typeof ref === 'string') {
    const named = template.resourcesOfType(LAUNCH_TEMPLATE).find(([, t]) => t.Properties?.LaunchTemplateName === ref);
    if (named !== undefined) {
      return named[0];
    }
  }
  return new Unresolved(`the launch template of node group ${nodegroupId} is ${describe(ref)}, not defined in this template`);
}

/** The node groups whose `LaunchTemplate` is the launch template `launchTemplateId`. */
export function nodegroupsUsing(template: TemplateModel, launchTemplateId: string): Array<[string, TemplateResource]> {
  return template.resourcesOfType(EKS_NODEGROUP).filter(([id]) => launchTemplateOfNodegroup(template, id) === launchTemplateId);
}

/**
 * Whether a launch template is used by a node group of an IPv6 cluster: `true`, `false`, or
 * `Unresolved` when none is known to be IPv6 but the family of one cannot be read.
 */
export function usedByIpv6Nodegroup(template: TemplateModel, launchTemplateId: string): boolean | Unresolved {
  const families = nodegroupsUsing(template, launchTemplateId).map(([id]) => nodegroupIpFamily(template, id));
  if (families.includes('ipv6')) {
    return true;
  }
  return families.find((f): f is Unresolved => f instanceof Unresolved) ?? false;
}

/** The user data of a launch template or launch configuration, as the template writes it. */
export function userDataOf(resource: TemplateResource | undefined): unknown {
  return resource?.Type === LAUNCH_CONFIGURATION
    ? resource.Properties?.UserData
    : resource?.Properties?.LaunchTemplateData?.UserData;
}

// --- User data text ---------------------------------------------------------------------

/**
 * A reference inside flattened user data text: `⟦Ref:Id⟧` or `⟦GetAtt:Id.Attribute⟧`. It contains
 * no blank, quote or comma, so it reads as one word of a script or one YAML value.
 */
const PLACEHOLDER = /\u27e6(Ref|GetAtt):([^\u27e7]+)\u27e7/g;

function placeholder(kind: 'Ref' | 'GetAtt', name: string): string {
  return `\u27e6${kind}:${name}\u27e7`;
}

/**
 * The text of user data: `Fn::Base64` of a string, `Fn::Join` or `Fn::Sub`, or a literal that is
 * already base64. `Ref` and `Fn::GetAtt` become placeholders (see `referencesIn`, `isGetAttOf`);
 * any other expression (`Fn::If`, `Fn::ImportValue`, ...) makes the text `Unresolved`.
 */
export function userDataText(userData: unknown): string | Unresolved {
  if (isObject(userData) && Object.keys(userData).length === 1 && 'Fn::Base64' in userData) {
    return flatten(userData['Fn::Base64']);
  }
  if (typeof userData === 'string') {
    return decodeBase64(userData) ?? userData;
  }
  return new Unresolved(`the user data is ${describe(userData)}, not text this template spells out`);
}

function flatten(value: unknown): string | Unresolved {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isObject(value) && Object.keys(value).length === 1) {
    if (typeof value.Ref === 'string') {
      return placeholder('Ref', value.Ref);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt.every(p => typeof p === 'string')) {
      return placeholder('GetAtt', getAtt.join('.'));
    }
    if (typeof getAtt === 'string') {
      return placeholder('GetAtt', getAtt);
    }
    const join = value['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
      const parts = join[1].map(flatten);
      const unresolved = parts.find((p): p is Unresolved => p instanceof Unresolved);
      return unresolved ?? parts.join(join[0]);
    }
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') {
      return substitute(sub, {});
    }
    if (Array.isArray(sub) && typeof sub[0] === 'string' && isObject(sub[1])) {
      return substitute(sub[0], sub[1]);
    }
  }
  return new Unresolved(`the user data contains ${describe(value)}, an expression this template does not spell out`);
}

function substitute(text: string, variables: { [name: string]: unknown }): string | Unresolved {
  let unresolved: Unresolved | undefined;
  const result = text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('!')) {
      return `\${${name.slice(1)}}`;
    }
    if (name in variables) {
      const value = flatten(variables[name]);
      if (value instanceof Unresolved) {
        unresolved = value;
        return '';
      }
      return value;
    }
    return name.includes('.') ? placeholder('GetAtt', name) : placeholder('Ref', name);
  });
  return unresolved ?? result;
}

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return undefined;
  }
  const decoded = Buffer.from(compact, 'base64').toString('utf-8');
  // Plain text written as a literal can look like base64 ("abcd"); keep it unless it decodes to text.
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(decoded) && !decoded.includes('\ufffd') ? decoded : undefined;
}

/** The logical ids the placeholders of flattened user data point to. */
export function referencesIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map(m => m[1] === 'Ref' ? m[2] : m[2].split('.')[0]);
}

/** Whether `value` is exactly the placeholder of `Fn::GetAtt` of `attribute` of a resource of `type`. */
export function isGetAttOf(template: TemplateModel, value: string, type: string, attribute: string): boolean {
  const match = /^\u27e6GetAtt:([^.\u27e7]+)\.([^\u27e7]+)\u27e7$/.exec(value);
  return match !== null && match[2] === attribute && template.resource(match[1])?.Type === type;
}

/** Whether `value` contains a placeholder: part of it is not spelled out in the template. */
export function hasPlaceholder(value: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(value);
}

// --- Node bootstrap in user data ----------------------------------------------------------

/** How user data bootstraps an EKS node, if it does. */
export interface NodeBootstrap {
  /** Runs the Amazon Linux 2 bootstrap script, `/etc/eks/bootstrap.sh`. */
  readonly bootstrapScript: boolean;
  /** Contains a nodeadm `NodeConfig` (Amazon Linux 2023), `apiVersion: node.eks.aws/...`. */
  readonly nodeConfig: boolean;
}

export function nodeBootstrapOf(text: string): NodeBootstrap {
  return {
    bootstrapScript: text.includes('/etc/eks/bootstrap.sh'),
    nodeConfig: /node\.eks\.aws\/v1\w*/.test(text) && /\bNodeConfig\b/.test(text),
  };
}

/**
 * The IP family the user data's bootstrap nodes would join: the IPv6 family of the clusters its
 * text points to, or when it points to none (a literal cluster name), whether the template has
 * an IPv6 cluster.
 */
export function userDataTargetsIpv6Cluster(template: TemplateModel, text: string): boolean | Unresolved {
  const clusters = [...new Set(referencesIn(text))].filter(id => template.resource(id)?.Type === EKS_CLUSTER);
  if (clusters.length === 0) {
    return templateHasIpv6Cluster(template);
  }
  const families = clusters.map(id => clusterIpFamily(template, id));
  if (families.includes('ipv6')) {
    return true;
  }
  return families.find((f): f is Unresolved => f instanceof Unresolved) ?? false;
}

/** The value of `spec.cluster.cidr` in the nodeadm `NodeConfig` of the text (YAML or JSON), if any. */
export function nodeConfigCidr(text: string): string | undefined {
  const start = text.search(/node\.eks\.aws\/v1/);
  const match = /(?:^|[\s{,])["']?cidr["']?\s*:\s*["']?([^\s"',}]+)/m.exec(text.slice(Math.max(0, start)));
  return match?.[1];
}

/**
 * What the cluster- and add-on-level EKS rules read from a template: the cluster's settings, its
 * add-ons, its EC2 capacity, the IAM statements of a role, and JSON strings CloudFormation joins.
 *
 * Both cluster resource types are read: `AWS::EKS::Cluster` (aws-eks-v2, `CfnCluster`, any other
 * tool) and `Custom::AWSCDK-EKS-Cluster` (the custom resource of the older aws-eks module, whose
 * settings sit in `Config` in the EKS API's camelCase).
 */
import { cannotJudge, describe, isObject, NOT_APPLICABLE, TemplateModel, TemplateResource, Unresolved, Verdict } from '../../engine/template-model';

/** The resource types of an EKS cluster. */
export const EKS_CLUSTER_TYPES = ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'];

/** The add-on name of the Amazon VPC CNI plugin. */
export const VPC_CNI = 'vpc-cni';

/** The settings of a cluster the rules read, whichever resource type holds them. */
export interface EksClusterSettings {
  readonly ipFamily: unknown;
  readonly subnetIds: unknown;
  readonly outpostConfig: unknown;
  readonly name: unknown;
  /** The Kubernetes version; absent, EKS creates the cluster on its default (latest) version. */
  readonly version: unknown;
}

/** The settings of the cluster `logicalId`, or `undefined` when it is not an EKS cluster. */
export function clusterSettings(template: TemplateModel, logicalId: string): EksClusterSettings | undefined {
  const resource = template.resource(logicalId);
  const props = resource?.Properties ?? {};
  if (resource?.Type === 'AWS::EKS::Cluster') {
    return {
      ipFamily: props.KubernetesNetworkConfig?.IpFamily,
      subnetIds: props.ResourcesVpcConfig?.SubnetIds,
      outpostConfig: props.OutpostConfig,
      name: props.Name,
      version: props.Version,
    };
  }
  if (resource?.Type === 'Custom::AWSCDK-EKS-Cluster') {
    const config = props.Config ?? {};
    return {
      ipFamily: config.kubernetesNetworkConfig?.ipFamily,
      subnetIds: config.resourcesVpcConfig?.subnetIds,
      outpostConfig: config.outpostConfig,
      name: config.name,
      version: config.version,
    };
  }
  return undefined;
}

/**
 * Whether the cluster is an IPv6 cluster: `true`, `false` (IPv4, the default), or `Unresolved`
 * when the IP family is a parameter or an expression.
 */
export function isIpv6Cluster(template: TemplateModel, logicalId: string): boolean | Unresolved {
  const settings = clusterSettings(template, logicalId);
  if (settings === undefined) {
    return false;
  }
  const ipFamily = settings.ipFamily;
  if (ipFamily === undefined) {
    return false;
  }
  if (typeof ipFamily !== 'string') {
    return new Unresolved(`the cluster's IP family is ${describe(ipFamily)}`);
  }
  return ipFamily.toLowerCase() === 'ipv6';
}

/**
 * The verdict for a cluster that is not IPv6 (NOT_APPLICABLE), or whose IP family cannot be read
 * (cannot judge); `undefined` for an IPv6 cluster, which the rule judges.
 */
export function unlessIpv6Cluster(template: TemplateModel, logicalId: string): Verdict | undefined {
  const ipv6 = isIpv6Cluster(template, logicalId);
  if (ipv6 instanceof Unresolved) {
    return cannotJudge(ipv6.what);
  }
  return ipv6 ? undefined : NOT_APPLICABLE;
}

/**
 * Whether the cluster runs EKS Auto Mode: `ComputeConfig.Enabled` true (`computeConfig.enabled` in
 * the older module's `Config`). Auto Mode runs pod networking (a /80 IPv6 prefix per node),
 * kube-proxy's function and cluster DNS itself; the VPC CNI add-on and its settings do not apply
 * (Amazon EKS user guide, "Learn about VPC networking and load balancing in EKS Auto Mode";
 * "AWS add-ons", compatible compute types).
 */
export function isAutoModeCluster(template: TemplateModel, logicalId: string): boolean {
  const resource = template.resource(logicalId);
  const props = resource?.Properties ?? {};
  const enabled = resource?.Type === 'AWS::EKS::Cluster' ? props.ComputeConfig?.Enabled : props.Config?.computeConfig?.enabled;
  return enabled === true || enabled === 'true';
}

/**
 * Whether every node of the cluster is launched by EKS Auto Mode: Auto Mode on, and no managed node
 * group or self-managed Auto Scaling group of its own. The VPC CNI rules do not apply to it.
 */
export function onlyAutoModeNodes(template: TemplateModel, logicalId: string): boolean {
  return isAutoModeCluster(template, logicalId) && ec2CapacityOf(template, logicalId).length === 0;
}

/**
 * Whether a `ClusterName` property names the cluster `clusterId`: a `Ref` to it, or the literal
 * name the cluster is given in the template.
 */
export function namesCluster(template: TemplateModel, clusterName: unknown, clusterId: string): boolean {
  if (template.pointsTo(clusterName, clusterId)) {
    return true;
  }
  const name = clusterSettings(template, clusterId)?.name;
  return typeof clusterName === 'string' && typeof name === 'string' && clusterName === name;
}

/** The cluster a `ClusterName` property names: its logical id, or `Unresolved`. */
export function clusterNamed(template: TemplateModel, clusterName: unknown): string | Unresolved {
  const clusters = EKS_CLUSTER_TYPES.flatMap(type => template.resourcesOfType(type));
  const found = clusters.find(([id]) => namesCluster(template, clusterName, id));
  return found?.[0] ?? new Unresolved(`the cluster name ${describe(clusterName)} is not a cluster defined in this template`);
}

/** The resources of `type` whose `ClusterName` names the cluster. */
export function ofCluster(template: TemplateModel, type: string, clusterId: string): Array<[string, TemplateResource]> {
  const index = template.cached(`ofCluster\0${type}`, () => {
    // Clusters by the literal name they are given, then each resource under the cluster its ClusterName names.
    const byName = new Map<string, string[]>();
    for (const [id] of EKS_CLUSTER_TYPES.flatMap(t => template.resourcesOfType(t))) {
      const name = clusterSettings(template, id)?.name;
      if (typeof name === 'string') {
        byName.set(name, [...byName.get(name) ?? [], id]);
      }
    }
    const map = new Map<string, Array<[string, TemplateResource]>>();
    for (const entry of template.resourcesOfType(type)) {
      const clusterName = entry[1].Properties?.ClusterName;
      const target = template.target(clusterName);
      const clusters = new Set([...target === undefined ? [] : [target], ...typeof clusterName === 'string' ? byName.get(clusterName) ?? [] : []]);
      clusters.forEach(c => map.set(c, [...map.get(c) ?? [], entry]));
    }
    return map;
  });
  return index.get(clusterId) ?? [];
}

/** The add-ons named `addonName` of the cluster. */
export function addonsOf(template: TemplateModel, clusterId: string, addonName: string) {
  return ofCluster(template, 'AWS::EKS::Addon', clusterId).filter(([, r]) => r.Properties?.AddonName === addonName);
}

/** Whether `value` contains a `Ref` or `Fn::GetAtt` to `logicalId`, at any depth. */
export function mentions(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) {
    return value.some(v => mentions(v, logicalId));
  }
  if (!isObject(value)) {
    return false;
  }
  if (value.Ref === logicalId) {
    return true;
  }
  const getAtt = value['Fn::GetAtt'];
  if ((Array.isArray(getAtt) && getAtt[0] === logicalId) || (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId)) {
    return true;
  }
  return Object.values(value).some(v => mentions(v, logicalId));
}

/**
 * The cluster's EC2 capacity: managed node groups, and self-managed Auto Scaling groups that
 * refer to the cluster (its `kubernetes.io/cluster/<name>` tag or bootstrap user data, on the group
 * or on its launch template or launch configuration).
 */
export function ec2CapacityOf(template: TemplateModel, clusterId: string): string[] {
  const nodegroups = ofCluster(template, 'AWS::EKS::Nodegroup', clusterId).map(([id]) => id);
  const name = clusterSettings(template, clusterId)?.name;
  const refersToCluster = (props: unknown) => mentions(props, clusterId)
    || (typeof name === 'string' && JSON.stringify(props ?? {}).includes(`kubernetes.io/cluster/${name}`));
  const groups = template.resourcesOfType('AWS::AutoScaling::AutoScalingGroup').filter(([, r]) => {
    const props = r.Properties ?? {};
    const launchTemplate = template.target(props.LaunchTemplate?.LaunchTemplateId ?? props.LaunchTemplate?.LaunchTemplateName
      ?? props.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification?.LaunchTemplateId);
    const launchConfiguration = template.target(props.LaunchConfigurationName);
    return [
      props,
      launchTemplate && template.resource(launchTemplate)?.Properties,
      launchConfiguration && template.resource(launchConfiguration)?.Properties,
    ]
      .some(p => p !== undefined && refersToCluster(p));
  }).map(([id]) => id);
  return [...nodegroups, ...groups];
}

/** A placeholder for a part of a joined string that the template does not define. */
const UNKNOWN = '\u00abunresolved\u00bb';

/**
 * A JSON document written as a template string: a literal, or an `Fn::Join` whose unresolved
 * parts (a cluster's `Ref`, the region) sit inside JSON strings, as `Stack.toJsonString` writes them.
 * Values that contain an unresolved part read as `UNKNOWN_VALUE`. `Unresolved` when the text is
 * not JSON, or is itself a parameter or an expression.
 */
export function literalJson(value: unknown, what: string): any {
  const text = joinedText(value);
  if (text === undefined) {
    return new Unresolved(`${what} is ${describe(value)}, not a JSON string this template defines`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return new Unresolved(`${what} is not JSON (YAML or an expression): ${describe(value)}`);
  }
}

/** Whether a value read by `literalJson` contains a part the template does not define. */
export function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.includes(UNKNOWN);
}

function joinedText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const join = isObject(value) ? value['Fn::Join'] : undefined;
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
    return undefined;
  }
  // A token outside a JSON string (a number, a whole value) becomes a quoted placeholder, so the
  // document still parses and only that value reads as unknown.
  let text = '';
  let inString = false;
  join[1].forEach((part: unknown, i: number) => {
    const piece = typeof part === 'string' ? part : inString ? UNKNOWN : `"${UNKNOWN}"`;
    if (typeof part === 'string') {
      inString = part.split(/\\./).join('').split('"').length % 2 === 0 ? !inString : inString;
    }
    text += (i > 0 ? join[0] : '') + piece;
  });
  return text;
}

// --- IAM ----------------------------------------------------------------------------------

/** The Allow actions a role's policies grant, and the policies the template cannot read. */
export interface RolePermissions {
  readonly actions: string[];
  readonly unreadable: string[];
}

/**
 * The actions the role `roleId` is allowed: its inline `Policies`, `AWS::IAM::Policy`,
 * `AWS::IAM::RolePolicy` and `AWS::IAM::ManagedPolicy` resources attached to it, and managed
 * policies of the template it lists in `ManagedPolicyArns`. Any other managed policy ARN (an
 * AWS-managed policy, an import) is `unreadable`.
 */
export function rolePermissions(template: TemplateModel, roleId: string): RolePermissions {
  const props = template.resource(roleId)?.Properties ?? {};
  const documents: unknown[] = [];
  const unreadable: string[] = [];
  for (const policy of Array.isArray(props.Policies) ? props.Policies : []) {
    documents.push(policy?.PolicyDocument);
  }
  const attached = (list: unknown) => Array.isArray(list) && list.some(r => template.pointsTo(r, roleId));
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [, policy] of template.listReferrers(type, 'Roles', roleId)) {
      documents.push(policy.Properties?.PolicyDocument);
    }
  }
  for (const [, policy] of template.referrers('AWS::IAM::RolePolicy', 'RoleName', roleId)) {
    documents.push(policy.Properties?.PolicyDocument);
  }
  for (const arn of Array.isArray(props.ManagedPolicyArns) ? props.ManagedPolicyArns : []) {
    const managed = template.target(arn);
    if (managed !== undefined && template.resource(managed)?.Type === 'AWS::IAM::ManagedPolicy') {
      if (!attached(template.resource(managed)?.Properties?.Roles)) {
        documents.push(template.resource(managed)?.Properties?.PolicyDocument);
      }
    } else {
      unreadable.push(managedPolicyName(arn));
    }
  }
  return { actions: documents.flatMap(allowedActions), unreadable };
}

/** Whether one of the granted `actions` (which may hold wildcards) covers `action`. */
export function grants(actions: string[], action: string): boolean {
  return actions.some(pattern => {
    const regex = new RegExp(`^${pattern.split('*').map(p => p.split('?').map(escapeRegex).join('.')).join('.*')}$`, 'i');
    return regex.test(action);
  });
}

function allowedActions(document: unknown): string[] {
  const statements = isObject(document) ? document.Statement : undefined;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list
    .filter(s => isObject(s) && s.Effect === 'Allow')
    .flatMap(s => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a: unknown): a is string => typeof a === 'string');
}

function managedPolicyName(arn: unknown): string {
  const join = isObject(arn) ? arn['Fn::Join'] : undefined;
  const text = typeof arn === 'string' ? arn
    : Array.isArray(join) && Array.isArray(join[1]) ? join[1].filter((p: unknown) => typeof p === 'string').join('') : undefined;
  const match = text !== undefined ? /:policy\/(.+)$/.exec(text) : null;
  return match ? match[1] : describe(arn);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- The VPC CNI add-on -------------------------------------------------------------------

/** The `env` of each vpc-cni add-on of the cluster, `{}` when it has no configuration, or `Unresolved`. */
export function vpcCniEnvs(template: TemplateModel, clusterId: string): Array<[string, { [name: string]: unknown } | Unresolved]> {
  return addonsOf(template, clusterId, VPC_CNI).map(([id, addon]) => {
    const values = addon.Properties?.ConfigurationValues;
    if (values === undefined) {
      return [id, {}];
    }
    const config = typeof values === 'string'
      ? literalJson(values, `ConfigurationValues of add-on ${id}`)
      : new Unresolved(`ConfigurationValues of add-on ${id} is ${describe(values)}, not a literal JSON string`);
    if (config instanceof Unresolved) {
      return [id, config];
    }
    return [id, isObject(config) && isObject(config.env) ? config.env : {}];
  });
}

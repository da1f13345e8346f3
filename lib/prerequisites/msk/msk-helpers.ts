import { MSK_DUAL_STACK_SWITCH_TYPE } from '../../core/msk-dual-stack-switch-type';
import { MskClientPorts, mskListeners } from '../../core/msk-ports';
import { admitsTcpPort, cannotJudge, describe, IngressRule, isObject, NOT_APPLICABLE, TemplateModel, Unresolved, Verdict } from '../../engine/template-model';

/** Properties, or a nested object of them, as the template states them. */
export type Settings = { [name: string]: any };

/**
 * Judges a rule that only concerns dual-stack clusters: NetworkType DUAL, or a cluster that an
 * `MskDualStackSwitch` custom resource switches after creation. When NetworkType is an
 * expression, the cluster may be DUAL: the rule passes only if `check` passes, since the answer
 * would then hold for either network type.
 */
export function forDualStack(logicalId: string, template: TemplateModel, check: () => Verdict): Verdict {
  const networkType = template.resource(logicalId)?.Properties?.BrokerNodeGroupInfo?.ConnectivityInfo?.NetworkType;
  if (networkType === 'DUAL' || template.referrers(MSK_DUAL_STACK_SWITCH_TYPE, 'ClusterArn', logicalId).length > 0) {
    return check();
  }
  if (networkType === undefined || typeof networkType === 'string') {
    return NOT_APPLICABLE;
  }
  const verdict = check();
  return verdict.kind === 'compliant'
    ? verdict
    : cannotJudge(`NetworkType is ${describe(networkType)}, and a DUAL cluster would not pass this rule`);
}

/** The client subnets of the cluster: `AWS::EC2::Subnet` resources of the template, or `Unresolved`. */
export function clientSubnets(props: Settings | undefined, template: TemplateModel): Array<string | Unresolved> | Unresolved {
  return ofType(template, template.targets(props?.BrokerNodeGroupInfo?.ClientSubnets, 'ClientSubnets'), 'AWS::EC2::Subnet');
}

/**
 * The broker security groups: `AWS::EC2::SecurityGroup` resources of the template, or `Unresolved`.
 * Without SecurityGroups, MSK puts the brokers in the VPC's default security group, which no
 * template defines.
 */
export function brokerSecurityGroups(props: Settings | undefined, template: TemplateModel): Array<string | Unresolved> | Unresolved {
  const groups = props?.BrokerNodeGroupInfo?.SecurityGroups;
  if (groups === undefined) {
    return new Unresolved('the cluster has no SecurityGroups, so its brokers are in the VPC\'s default security group');
  }
  return ofType(template, template.targets(groups, 'SecurityGroups'), 'AWS::EC2::SecurityGroup');
}

function ofType(template: TemplateModel, ids: Array<string | Unresolved> | Unresolved, type: string): Array<string | Unresolved> | Unresolved {
  if (ids instanceof Unresolved) {
    return ids;
  }
  return ids.map(id => id instanceof Unresolved || template.resource(id)?.Type === type
    ? id
    : new Unresolved(`${id} is a ${template.resource(id)?.Type}, not an ${type}`));
}

/**
 * The client listeners the cluster's authentication and encryption settings open. A cluster with no
 * authentication method enabled is unauthenticated, as one without ClientAuthentication is.
 */
export function clientListeners(props: Settings | undefined): MskClientPorts[] | Unresolved {
  const auth = setting(props, 'ClientAuthentication');
  const sasl = setting(auth, 'Sasl');
  const tls = setting(auth, 'Tls');
  const iam = enabled(sasl, 'Iam');
  const scram = enabled(sasl, 'Scram');
  // A certificate authority list without Enabled turns mutual TLS on.
  const mutualTls = tls instanceof Unresolved || tls?.Enabled !== undefined ? enabled(auth, 'Tls') : tls?.CertificateAuthorityArnList !== undefined;
  const unauthenticatedOn = enabled(auth, 'Unauthenticated');
  if (iam instanceof Unresolved || scram instanceof Unresolved || mutualTls instanceof Unresolved || unauthenticatedOn instanceof Unresolved) {
    return [iam, scram, mutualTls, unauthenticatedOn].find((f): f is Unresolved => f instanceof Unresolved)!;
  }
  const unauthenticated = unauthenticatedOn || !(iam || scram || mutualTls);
  const clientBroker = props?.EncryptionInfo?.EncryptionInTransit?.ClientBroker ?? 'TLS';
  if (unauthenticated && !['TLS', 'TLS_PLAINTEXT', 'PLAINTEXT'].includes(clientBroker)) {
    return new Unresolved(`EncryptionInTransit.ClientBroker is ${describe(clientBroker)}`);
  }
  return mskListeners({ iam, scram, mutualTls, unauthenticated, clientBroker });
}

/** A setting that is an object: absent, the object, or `Unresolved` when it (or its parent) is an expression. */
export function setting(parent: Settings | undefined | Unresolved, name: string): Settings | undefined | Unresolved {
  if (parent instanceof Unresolved) {
    return parent;
  }
  const value: unknown = parent?.[name];
  return value === undefined || isObject(value) && !Object.keys(value).some(k => k.startsWith('Fn::') || k === 'Ref')
    ? value as Settings | undefined
    : new Unresolved(`${name} is ${describe(value)}`);
}

/** Whether `parent[name].Enabled` is on: absent is off; an expression is `Unresolved`. */
export function enabled(parent: Settings | undefined | Unresolved, name: string): boolean | Unresolved {
  const child = setting(parent, name);
  if (child instanceof Unresolved) {
    return child;
  }
  const value = child?.Enabled;
  if (value === undefined || value === false || value === 'false') {
    return false;
  }
  return value === true || value === 'true' ? true : new Unresolved(`${name}.Enabled is ${describe(value)}`);
}

/** Every ingress rule of the resolved groups that admits TCP `port`. */
export function rulesAdmitting(template: TemplateModel, groups: Array<string | Unresolved>, port: number): IngressRule[] {
  return groups.flatMap(g => g instanceof Unresolved ? [] : template.ingressRules(g).filter(r => admitsTcpPort(r, port)));
}


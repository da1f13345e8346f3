import { Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { Ipv6CniPolicy } from './ipv6-cni-policy';
import { invalidProp } from '../core/validation';
import { versionAtLeast } from '../core/version';
import { VPC_CNI_IPV6_MINIMUM_VERSION } from '../prerequisites/eks/eks-addon-vpc-cni-version';

/**
 * Options of the Amazon VPC CNI add-on of an IPv6 cluster.
 */
export interface VpcCniOptions {
  /**
   * The add-on version, 1.10.1 or later (`v1.19.2-eksbuild.1`).
   * @default - the default version EKS gives the cluster's Kubernetes version
   */
  readonly version?: string;

  /**
   * More environment variables of the `aws-node` DaemonSet, merged into the add-on's
   * `configurationValues` `env`. `ENABLE_IPv6` and `ENABLE_PREFIX_DELEGATION` are always `"true"`;
   * custom networking (`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`) is refused, and so are these names
   * spelled in another case (`ENABLE_IPV6`), which the CNI does not read.
   * @default - none
   */
  readonly env?: { [name: string]: string };
}

/** The service account the VPC CNI runs as. */
export const VPC_CNI_SERVICE_ACCOUNT = 'aws-node';

/** The IPv6 environment of the CNI: IPv6 works only in prefix assignment mode. */
const IPV6_ENV: { [name: string]: string } = { ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' };

/** The variable that turns on custom networking, which IPv6 clusters cannot use. */
const CUSTOM_NETWORKING = 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG';

/** Throws when the options cannot give an IPv6 CNI. Runs before any child is created. */
export function validateVpcCniOptions(scope: IConstruct, id: string, options: VpcCniOptions): void {
  const version = options.version;
  if (version !== undefined && !Token.isUnresolved(version)) {
    const recent = versionAtLeast(version, VPC_CNI_IPV6_MINIMUM_VERSION);
    const minimum = VPC_CNI_IPV6_MINIMUM_VERSION.join('.');
    if (recent !== true) {
      invalidProp(scope, id, `vpcCni.version: '${version}' is ${recent === undefined ? 'not a version' : `older than ${minimum}`}; the VPC CNI assigns IPv6 `
        + `addresses from version ${minimum}. Give ${minimum} or later (e.g. 'v1.19.2-eksbuild.1'), or leave it out for the EKS default.`);
    }
  }
  const env = options.env ?? {};
  // aws-node reads its variables case-sensitively: ENABLE_IPV6 is not ENABLE_IPv6, and would sit
  // beside the construct's value in the configuration, doing nothing.
  for (const name of Object.keys(env)) {
    const meant = [...Object.keys(IPV6_ENV), CUSTOM_NETWORKING].find(known => known !== name && known.toUpperCase() === name.toUpperCase());
    if (meant !== undefined) {
      invalidProp(scope, id, `vpcCni.env: '${name}' is not a variable of the VPC CNI, which reads '${meant}' (names are case-sensitive). `
        + `Remove '${name}'${meant === CUSTOM_NETWORKING ? '' : `; the construct sets ${meant}: 'true'`}.`);
    }
  }
  const custom = env[CUSTOM_NETWORKING];
  if (custom !== undefined && !Token.isUnresolved(custom) && custom.trim().toLowerCase() === 'true') {
    invalidProp(scope, id, `vpcCni.env: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG is '${custom}'; custom networking cannot be used with IPv6. Remove it.`);
  }
  for (const [name, value] of Object.entries(IPV6_ENV)) {
    const given = env[name];
    if (given !== undefined && !Token.isUnresolved(given) && given.trim().toLowerCase() !== value) {
      invalidProp(scope, id, `vpcCni.env: ${name} is '${given}'; an IPv6 cluster needs it '${value}' `
        + '(the CNI gives EC2 nodes IPv6 /80 prefixes only in prefix delegation mode). Remove it; the construct sets it.');
    }
  }
}

/** The `configurationValues` JSON of the add-on. */
export function vpcCniConfigurationValues(options: VpcCniOptions): string {
  return JSON.stringify({ env: { ...options.env, ...IPV6_ENV } });
}

/** Props of the vpc-cni add-on with its own pod identity role. */
export interface VpcCniAddonProps extends VpcCniOptions {
  readonly cluster: eks.ICluster;
}

/**
 * The `vpc-cni` add-on configured for IPv6, running on its own role through EKS Pod Identity.
 */
export class VpcCniAddon extends Construct {
  /** The role of the `aws-node` service account. */
  public readonly role: iam.IRole;

  /** The add-on resource. */
  public readonly resource: eks.CfnAddon;

  constructor(scope: Construct, id: string, props: VpcCniAddonProps) {
    super(scope, id);
    validateVpcCniOptions(scope, id, props);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
      description: 'Amazon VPC CNI (kube-system/aws-node) of an IPv6 EKS cluster',
    });
    Ipv6CniPolicy.applyTo(role, props.version);
    this.role = role;
    this.resource = new eks.CfnAddon(this, 'Resource', {
      clusterName: props.cluster.clusterName,
      addonName: 'vpc-cni',
      addonVersion: props.version,
      configurationValues: vpcCniConfigurationValues(props),
      podIdentityAssociations: [{ roleArn: role.roleArn, serviceAccount: VPC_CNI_SERVICE_ACCOUNT }],
    });
    // The role's permissions must exist before aws-node starts asking for addresses.
    this.resource.node.addDependency(role);
  }
}

import { CfnCondition, CfnOutput, Stack, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { albControllerFindings } from './alb-controller-policy';
import { acknowledgeAutoModeClusterRole, controllerManifestsOnAutoMode } from './auto-mode';
import { ClusterCapacityContext, newNodeRole } from './cluster-capacity';
import { finalClusterErrors, validateProps } from './cluster-validation';
import { ipTargetAlbController } from './dual-stack-load-balancing';
import { addFargateCapacity } from './fargate-profiles';
import { Ipv6NodegroupOptions } from './ipv6-nodegroup';
import { addManagedNodegroup, DEFAULT_NODEGROUP_ID, defaultNodegroupOptions } from './managed-node-groups';
import { addSelfManagedCapacity } from './self-managed-node-capacity';
import { SelfManagedNodesOptions } from './self-managed-nodes';
import { ipv6UpgradeOf } from './upgraded-vpc';
import { VpcCniAddon, VpcCniOptions } from './vpc-cni-addon';
import { awsManagedPolicyFinding, functionVersionsFinding, managedPolicyFinding } from '../core/aws-solutions-findings';
import { defaultSubnetSelection, warnDefaultSubnetsFollowZones } from '../core/default-subnet-selection';
import { encryptManagedLogGroupsUnder } from '../core/log-encryption-key';
import { acknowledgeWhenOwnIngressOnly } from '../core/own-ingress-acknowledgement';
import { invalidProp } from '../core/validation';
import { Ipv6Upgrade } from '../vpc/ipv6-upgrade';

/**
 * Properties of an Ipv6EksCluster.
 */
export interface Ipv6EksClusterProps {
  /**
   * The VPC, with IPv4 and IPv6 CIDR blocks (a `DualStackVpc`, an `ec2.Vpc` with `ipProtocol:
   * DUAL_STACK`, or a VPC imported with `DualStackVpc.fromDualStackVpcAttributes`).
   */
  readonly vpc: ec2.IVpc;

  /**
   * Where the control plane's network interfaces go; every subnet needs an IPv6 block.
   * Changing them later replaces the cluster (`ResourcesVpcConfig.SubnetIds` is create-only),
   * and so does a zone added to the VPC while the default selection is used: select the zones
   * (`availabilityZones`) before you add one.
   * @default - the private subnets with egress, in every zone
   */
  readonly vpcSubnets?: ec2.SubnetSelection[];

  /**
   * The Kubernetes version, 1.21 or later.
   * @default eks.KubernetesVersion.V1_36 - the newest version EKS offers in standard support (December 2026)
   */
  readonly version?: eks.KubernetesVersion;

  /**
   * The cluster name. Changing it replaces the cluster.
   * @default - generated
   */
  readonly clusterName?: string;

  /**
   * Access to the Kubernetes API endpoint. Restrict a public endpoint with `onlyFrom(...)`.
   * @default eks.EndpointAccess.PRIVATE
   */
  readonly endpointAccess?: eks.EndpointAccess;

  /**
   * The KMS key that encrypts Kubernetes secrets. Changing it later replaces the cluster
   * (`EncryptionConfig` is create-only).
   * @default - a new key with yearly rotation
   */
  readonly secretsEncryptionKey?: kms.IKey;

  /**
   * The control plane log types sent to CloudWatch Logs.
   * @default - all of them (api, audit, authenticator, controllerManager, scheduler)
   */
  readonly clusterLogging?: eks.ClusterLoggingTypes[];

  /**
   * A role given cluster admin access.
   * @default - none
   */
  readonly mastersRole?: iam.IRole;

  /**
   * The Amazon VPC CNI add-on.
   * @default - the EKS default version, IPv6 and prefix delegation on, on its own pod identity role
   */
  readonly vpcCni?: VpcCniOptions;

  /**
   * The `coredns` add-on version.
   * @default - the EKS default version for the Kubernetes version
   */
  readonly coreDnsVersion?: string;

  /**
   * The `kube-proxy` add-on version.
   * @default - the EKS default version for the Kubernetes version
   */
  readonly kubeProxyVersion?: string;

  /**
   * Whether to create a default managed node group.
   * @default true
   */
  readonly defaultNodegroupEnabled?: boolean;

  /**
   * Options of the default managed node group.
   * @default - two to three m6i.large nodes in the private subnets
   */
  readonly defaultNodegroup?: Ipv6NodegroupOptions;

  /**
   * Install the AWS Load Balancer Controller (v2.3.1 or later), with IP targets by default. It is a
   * Helm chart, so `kubectlProviderOptions` is required with it.
   * @default - not installed
   */
  readonly albController?: eks.AlbControllerOptions;

  /**
   * Options of the kubectl provider (a Lambda function), needed for manifests, Helm charts and
   * the AWS Load Balancer Controller.
   * @default - no kubectl provider
   */
  readonly kubectlProviderOptions?: eks.KubectlProviderOptions;

  /**
   * The default capacity, as aws-eks-v2 names it: `NODEGROUP` (a managed node group, with the
   * vpc-cni, kube-proxy and CoreDNS add-ons) or `AUTOMODE` (EKS Auto Mode: EKS launches and runs
   * the nodes, pod networking with a /80 IPv6 prefix per node, cluster DNS, block storage and load
   * balancing; no add-on is installed and the vpc-cni, kube-proxy, CoreDNS, default node group and
   * Load Balancer Controller props are refused). `EC2` is refused: use `addSelfManagedNodes`.
   * Changing it on a deployed cluster changes how its nodes are run.
   * @default eks.DefaultCapacityType.NODEGROUP
   */
  readonly defaultCapacityType?: eks.DefaultCapacityType;

  /**
   * EKS Auto Mode's node pools and node role (aws-eks-v2's `compute`), with `defaultCapacityType` AUTOMODE.
   * @default - the built-in `system` and `general-purpose` node pools, on `nodeRole`
   */
  readonly compute?: eks.ComputeConfig;

  /**
   * The `Ipv6Upgrade` that gave an IPv4 VPC (`vpc`) its IPv6 blocks and routes. The cluster is
   * created after the upgrade's blocks and routes, reads the VPC's IPv6 block from it, and accepts
   * only subnets the upgrade covers.
   * @default - the `Ipv6Upgrade` of this app whose VPC is `vpc`, if any
   */
  readonly ipv6Upgrade?: Ipv6Upgrade;

  /**
   * Whether to add CloudFormation outputs: cluster name, endpoint, service IPv6 CIDR, OIDC
   * issuer, node role ARN and VPC CNI role ARN.
   * @default false
   */
  readonly outputs?: boolean;
}

/** Options of a pod identity role. */
export interface PodIdentityRoleOptions {
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;

  /** The Kubernetes service account. */
  readonly serviceAccount: string;
}

/**
 * The newest Kubernetes version in EKS standard support in December 2026 (1.35 and 1.36; 1.34 ends
 * 2026-12-02). aws-cdk-lib lists V1_37, but EKS does not offer it yet: a cluster on it fails to
 * create. Source: Amazon EKS user guide, "Understand the Kubernetes version lifecycle on EKS", release calendar.
 */
const DEFAULT_VERSION = eks.KubernetesVersion.V1_36;
const ALL_LOG_TYPES = Object.values(eks.ClusterLoggingTypes);

/**
 * An Amazon EKS cluster with the IPv6 IP family, and everything IPv6 needs around it.
 *
 * Built on aws-eks-v2 (a native `AWS::EKS::Cluster`). Pods and services get IPv6 addresses; the
 * VPC CNI runs with prefix delegation on its own role through EKS Pod Identity; node groups are
 * Nitro-based Linux nodes in subnets that auto-assign IPv6; security groups admit the VPC's IPv6
 * range wherever they admit its IPv4 range.
 *
 * The IP family is fixed at creation: there is no prop to change it. `KubernetesNetworkConfig.IpFamily`
 * causes replacement, so moving a workload between an IPv4 and an IPv6 cluster means a new
 * cluster (with a new construct id) and a migration, never an in-place change.
 *
 * The constructor validates every prop, builds the cluster, its add-ons and its default capacity
 * (a managed node group, or EKS Auto Mode), and exposes them; each compute choice has its own module.
 */
export class Ipv6EksCluster extends Construct implements ec2.IConnectable {
  /** The aws-eks-v2 cluster, for what this construct does not wrap. */
  public readonly cluster: eks.Cluster;

  /**
   * The cluster name.
   * @attribute
   */
  public readonly clusterName: string;

  /**
   * The Kubernetes API endpoint URL.
   * @attribute
   */
  public readonly clusterEndpoint: string;

  /**
   * The CIDR block Kubernetes service addresses come from (`KubernetesNetworkConfig.ServiceIpv6Cidr`).
   * @attribute
   */
  public readonly serviceIpv6Cidr: string;

  /**
   * The OpenID Connect issuer URL of the cluster.
   * @attribute
   */
  public readonly openIdConnectIssuerUrl: string;

  /** The VPC's IPv6 CIDR block. */
  public readonly vpcIpv6CidrBlock: string;

  /**
   * The role of the managed node groups, or of the nodes EKS Auto Mode launches. It has no VPC CNI
   * permissions: those are on `cniRole` only.
   */
  public readonly nodeRole: iam.IRole;

  /**
   * The role of the VPC CNI (`kube-system/aws-node`), through EKS Pod Identity.
   * @default - none on EKS Auto Mode, which runs pod networking itself
   */
  public readonly cniRole?: iam.IRole;

  /** The KMS key that encrypts Kubernetes secrets. */
  public readonly secretsEncryptionKey: kms.IKey;

  /**
   * The vpc-cni add-on.
   * @default - none on EKS Auto Mode
   */
  public readonly vpcCniAddon?: eks.CfnAddon;

  /** The default managed node group, when enabled. */
  public readonly defaultNodegroup?: eks.Nodegroup;

  /** Whether the cluster runs on EKS Auto Mode (`defaultCapacityType` AUTOMODE). */
  public readonly autoMode: boolean;

  /**
   * The cluster security group (shared by the control plane and managed nodes), the control plane
   * security group and the security groups of self-managed nodes, with port 443 as default port.
   * `msk.connections.allowDefaultPortFrom(cluster)` admits the pods; it sees the security groups
   * present when it is called.
   */
  public readonly connections: ec2.Connections;

  private readonly cfnCluster: eks.CfnCluster;
  private readonly capacity: ClusterCapacityContext;

  constructor(scope: Construct, id: string, props: Ipv6EksClusterProps) {
    const version = props.version ?? DEFAULT_VERSION;
    const vpcSubnets = props.vpcSubnets ?? [defaultSubnetSelection(props.vpc)];
    const autoModeChosen = props.defaultCapacityType === eks.DefaultCapacityType.AUTOMODE;
    const defaultNodegroup = props.defaultNodegroupEnabled === false || autoModeChosen ? undefined : props.defaultNodegroup ?? {};
    const upgrade = props.ipv6Upgrade ?? ipv6UpgradeOf(props.vpc, scope.node.root);
    // Validate: every check runs before this construct joins the tree, so a failed synthesis leaves nothing behind.
    const { vpcIpv6CidrBlock, autoMode } = validateProps(scope, id, props, version, vpcSubnets, defaultNodegroup, upgrade, DEFAULT_VERSION);
    super(scope, id);

    // Build.
    // IRSA (the Load Balancer Controller's service account) gets a native AWS::IAM::OIDCProvider
    // instead of aws-cdk-lib's deprecated Lambda-backed one: no custom resource where CloudFormation
    // has a resource type. Context set here reaches only this construct's children.
    this.node.setContext(cxapi.EKS_USE_NATIVE_OIDC_PROVIDER, true);
    this.vpcIpv6CidrBlock = vpcIpv6CidrBlock;
    this.autoMode = autoMode;
    if (props.vpcSubnets === undefined) {
      warnDefaultSubnetsFollowZones(this, 'eks', props.vpc, vpcSubnets[0]);
    }
    this.secretsEncryptionKey = props.secretsEncryptionKey ?? new kms.Key(this, 'SecretsKey', {
      enableKeyRotation: true,
      description: `Encrypts the Kubernetes secrets of ${this.node.path}`,
    });
    const controlPlaneSecurityGroup = new ec2.SecurityGroup(this, 'ControlPlaneSecurityGroup', {
      vpc: props.vpc,
      description: 'EKS control plane of an IPv6 cluster',
      allowAllOutbound: true,
      allowAllIpv6Outbound: true,
    });
    controlPlaneSecurityGroup.addIngressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'Kubernetes API from the VPC (IPv4)');
    controlPlaneSecurityGroup.addIngressRule(ec2.Peer.ipv6(vpcIpv6CidrBlock), ec2.Port.tcp(443), 'Kubernetes API from the VPC (IPv6)');

    // Auto Mode nodes run on the node role; created before the cluster, which names it.
    const autoModeNodeRole = autoMode ? props.compute?.nodeRole ?? this.newNodeRole('NodeRole', 'Nodes of an IPv6 EKS cluster on EKS Auto Mode') : undefined;
    this.cluster = new eks.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      vpcSubnets,
      version,
      clusterName: props.clusterName,
      ipFamily: eks.IpFamily.IP_V6,
      endpointAccess: props.endpointAccess ?? eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: this.secretsEncryptionKey,
      clusterLogging: props.clusterLogging ?? ALL_LOG_TYPES,
      securityGroup: controlPlaneSecurityGroup,
      mastersRole: props.mastersRole,
      kubectlProviderOptions: props.kubectlProviderOptions,
      // The three networking add-ons are managed add-ons below, vpc-cni configured for IPv6; Auto
      // Mode runs them itself (Amazon EKS user guide, "AWS add-ons": compatible compute types).
      bootstrapSelfManagedAddons: false,
      ...autoMode
        ? { defaultCapacityType: eks.DefaultCapacityType.AUTOMODE, compute: { nodePools: props.compute?.nodePools, nodeRole: autoModeNodeRole } }
        : { defaultCapacity: 0, defaultCapacityType: eks.DefaultCapacityType.NODEGROUP },
      outputConfigCommand: props.outputs ?? false,
      albController: props.albController && ipTargetAlbController(props.albController, props.vpc),
    });
    this.cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    if (upgrade !== undefined) {
      // The control plane's interfaces take IPv6 addresses from the upgraded subnets.
      this.cfnCluster.node.addDependency(upgrade);
    }
    this.clusterName = this.cluster.clusterName;
    this.clusterEndpoint = this.cluster.clusterEndpoint;
    this.serviceIpv6Cidr = this.cfnCluster.attrKubernetesNetworkConfigServiceIpv6Cidr;
    this.openIdConnectIssuerUrl = this.cfnCluster.attrOpenIdConnectIssuerUrl;
    this.connections = new ec2.Connections({
      securityGroups: [this.cluster.clusterSecurityGroup, controlPlaneSecurityGroup],
      defaultPort: ec2.Port.tcp(443),
    });
    this.capacity = {
      scope: this,
      cluster: this.cluster,
      vpc: props.vpc,
      version,
      connections: this.connections,
      clusterName: this.clusterName,
      clusterEndpoint: this.clusterEndpoint,
      serviceIpv6Cidr: this.serviceIpv6Cidr,
      upgrade,
      nodeDependencies: [],
      afterNodes: [],
    };

    if (autoMode) {
      this.nodeRole = autoModeNodeRole!;
      acknowledgeAutoModeClusterRole(this.cluster.role);
      this.node.addValidation({ validate: () => controllerManifestsOnAutoMode(this.cluster) });
    } else {
      const podIdentityAgent = this.cluster.eksPodIdentityAgent!;
      const vpcCni = new VpcCniAddon(this, 'VpcCni', { ...props.vpcCni, cluster: this.cluster });
      vpcCni.node.addDependency(podIdentityAgent);
      this.vpcCniAddon = vpcCni.resource;
      this.cniRole = vpcCni.role;
      const kubeProxy = new eks.Addon(this, 'KubeProxy', { cluster: this.cluster, addonName: 'kube-proxy', addonVersion: props.kubeProxyVersion });
      // CoreDNS pods need nodes (and the CNI) to become ACTIVE: the add-on waits for the default node group.
      const coreDns = new eks.Addon(this, 'CoreDns', { cluster: this.cluster, addonName: 'coredns', addonVersion: props.coreDnsVersion });
      this.capacity.nodeDependencies.push(vpcCni, kubeProxy);
      this.capacity.afterNodes.push(coreDns);
      this.nodeRole = this.newNodeRole('NodeRole', 'Managed node groups of an IPv6 EKS cluster');
      if (defaultNodegroup !== undefined) {
        this.defaultNodegroup = this.addNodegroup(DEFAULT_NODEGROUP_ID, defaultNodegroupOptions(defaultNodegroup));
      }
    }
    // Escape hatches can still change the cluster after this point: judged on the final properties.
    this.node.addValidation({ validate: () => finalClusterErrors(this.cfnCluster) });

    // Expose.
    if (props.outputs) {
      this.addOutputs();
    }
    this.acknowledgeFindings(props.albController, controlPlaneSecurityGroup);
  }

  /**
   * Adds a managed node group: Nitro-based Linux nodes in subnets that auto-assign IPv6, on the
   * shared node role unless `nodeRole` is given.
   */
  public addNodegroup(id: string, options: Ipv6NodegroupOptions = {}): eks.Nodegroup {
    this.refuseOnAutoMode(id, 'addNodegroup');
    return addManagedNodegroup(this.capacity, id, options, this.nodeRole);
  }

  /**
   * Adds a Fargate profile. Fargate pods take IPv6 addresses from the profile's subnets, which must
   * be private subnets with IPv6 blocks.
   */
  public addFargateProfile(id: string, options: eks.FargateProfileOptions): eks.FargateProfile {
    this.refuseOnAutoMode(id, 'addFargateProfile');
    return addFargateCapacity(this.capacity, id, options);
  }

  /**
   * Adds self-managed nodes: an Auto Scaling group whose launch template bootstraps them for IPv6
   * (`--ip-family ipv6 --service-ipv6-cidr` for Amazon Linux 2, a nodeadm `NodeConfig` with the
   * service IPv6 CIDR for Amazon Linux 2023), keeps the IMDS IPv6 endpoint off, and runs on a node
   * role (without CNI permissions: aws-node uses the CNI's pod identity role) with an EC2_LINUX access entry.
   */
  public addSelfManagedNodes(id: string, options: SelfManagedNodesOptions): autoscaling.AutoScalingGroup {
    this.refuseOnAutoMode(id, 'addSelfManagedNodes');
    return addSelfManagedCapacity(this.capacity, id, options,
      scope => this.newNodeRole(`${id}Role`, `Self-managed nodes ${id} of an IPv6 EKS cluster`, scope, 'Role'));
  }

  /**
   * Creates a role for a Kubernetes service account through EKS Pod Identity (an
   * `AWS::EKS::PodIdentityAssociation`). Grant it what the pods need, e.g. `mskCluster.grantConnect(role)`.
   */
  public addPodIdentityRole(id: string, options: PodIdentityRoleOptions): iam.IRole {
    for (const [prop, value] of [['namespace', options.namespace], ['serviceAccount', options.serviceAccount]] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) {
        invalidProp(this, id, `${prop}: '${value}' is not a Kubernetes name (lower-case letters, digits, '-' and '.'). Give the name of the ${prop}.`);
      }
    }
    const scope = new Construct(this, id);
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
      description: `Pod identity of ${options.namespace}/${options.serviceAccount}`,
    });
    const association = new eks.CfnPodIdentityAssociation(scope, 'Association', {
      clusterName: this.clusterName,
      namespace: options.namespace,
      serviceAccount: options.serviceAccount,
      roleArn: role.roleArn,
    });
    // EKS Auto Mode has the Pod Identity Agent built in (Amazon EKS user guide, "Set up the Amazon
    // EKS Pod Identity Agent"); elsewhere the association waits for the agent add-on.
    if (!this.autoMode) {
      association.node.addDependency(this.cluster.eksPodIdentityAgent!);
    }
    return role;
  }

  private refuseOnAutoMode(id: string, method: string): void {
    if (this.autoMode) {
      invalidProp(this, id, `${method}: the cluster runs on EKS Auto Mode, which launches and runs its nodes from node pools; this capacity would `
        + 'have no VPC CNI, kube-proxy or CoreDNS add-on. Add a Karpenter NodePool of Auto Mode (eks.amazonaws.com/v1 NodeClass) with a manifest, '
        + 'or use defaultCapacityType NODEGROUP.');
    }
  }

  private newNodeRole(id: string, description: string, scope: Construct = this, childId: string = id): iam.Role {
    return newNodeRole(scope, childId, description, (role, name) => Validations.of(role).acknowledge({
      id: awsManagedPolicyFinding(name),
      reason: `Amazon EKS documents the AWS-managed ${name} for the node IAM role (joining the cluster, pulling images from Amazon ECR); AWS maintains it.`,
    }));
  }

  private addOutputs(): void {
    const outputs: Array<[string, string, string]> = [
      ['ClusterName', this.clusterName, 'EKS cluster name'],
      ['ClusterEndpoint', this.clusterEndpoint, 'Kubernetes API endpoint'],
      ['ServiceIpv6Cidr', this.serviceIpv6Cidr, 'Kubernetes service IPv6 CIDR'],
      ['OpenIdConnectIssuerUrl', this.openIdConnectIssuerUrl, 'OIDC issuer URL'],
      ['NodeRoleArn', this.nodeRole.roleArn, this.autoMode ? 'EKS Auto Mode node role' : 'Managed node group role'],
      ...this.cniRole !== undefined ? [['CniRoleArn', this.cniRole.roleArn, 'VPC CNI pod identity role'] as [string, string, string]] : [],
    ];
    for (const [id, value, description] of outputs) {
      new CfnOutput(this, id, { value, description });
    }
  }

  private acknowledgeFindings(albController: eks.AlbControllerOptions | undefined, controlPlaneSecurityGroup: ec2.SecurityGroup): void {
    Validations.of(this.cluster.role).acknowledge({
      id: awsManagedPolicyFinding('AmazonEKSClusterPolicy'),
      reason: 'Amazon EKS requires the AWS-managed AmazonEKSClusterPolicy on the cluster service role; AWS keeps it in step with the control plane.',
    });
    Validations.of(this.cfnCluster).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason: 'aws-cdk-lib\'s aws-eks-v2 writes EncryptionConfig Resources [\'secrets\'], the one value the EKS API documents for encrypting secrets with '
        + 'the given KMS key. The schema marks the property deprecated; a cluster without it has not been deployed from here, so it stays.',
    });
    // Decided on the final template: a 0.0.0.0/0 the user adds later through `connections` keeps its finding.
    acknowledgeWhenOwnIngressOnly(controlPlaneSecurityGroup, {
      openIngress: 'The rule cannot read the ingress sources, which are references: they are the VPC\'s own IPv4 and IPv6 ranges on port 443, not 0.0.0.0/0 or ::/0.',
      unreadableIngress: 'The group admits port 443 (the Kubernetes API) from the VPC\'s IPv4 and IPv6 ranges',
    });
    this.acknowledgeKubectlFindings();
    encryptManagedLogGroupsUnder(this.cluster.node.tryFindChild('KubectlProvider'), this, 'KubectlLogKey', `Encrypts the kubectl provider's logs of ${this.node.path}`);
    this.acknowledgeAlbControllerFindings(albController);
  }

  /** The kubectl provider aws-cdk-lib creates for manifests and charts, when asked for. */
  private acknowledgeKubectlFindings(): void {
    const provider = this.cluster.node.tryFindChild('KubectlProvider');
    if (provider === undefined) {
      return;
    }
    const handler = provider.node.findChild('Handler');
    const ack = (id: string, reason: string) => ({ id, reason });
    // The policy exists only where ECR Public does: cdk-nag renders the condition around it.
    const ecrPublic = Stack.of(this).getLogicalId(handler.node.findChild('HasEcrPublic') as CfnCondition);
    const ecrPublicPolicy = `{"Fn::If":["${ecrPublic}",{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},`
      + '":iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly"]]},{"Ref":"AWS::NoValue"}]}';
    const lambdaLogs = 'aws-cdk-lib\'s kubectl provider gives its functions this AWS-managed policy, which only lets them write their logs';
    Validations.of(provider).acknowledge(
      ack(awsManagedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'), `${lambdaLogs}.`),
      ack(awsManagedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'), `${lambdaLogs} and attach to the VPC, where the private cluster endpoint is.`),
      ack(awsManagedPolicyFinding('AmazonEC2ContainerRegistryReadOnly'), 'The kubectl handler pulls Helm charts from Amazon ECR with this AWS-managed read-only policy, as aws-cdk-lib sets it up.'),
      ack(managedPolicyFinding(ecrPublicPolicy),
        'Read-only access to Amazon ECR Public for Helm charts, in the partitions that have it; set up by aws-cdk-lib\'s kubectl provider.'),
      ack(functionVersionsFinding(handler), 'The Provider framework may invoke any version of the kubectl handler (function ARN:*), nothing else.'),
      { id: 'AwsSolutions::AwsSolutions-L1', reason: 'aws-cdk-lib\'s kubectl provider chooses the runtime its kubectl and Helm layer is built for.' },
    );
  }

  /**
   * The AWS Load Balancer Controller's IAM policy, when it is this construct's narrowed copy of the
   * published one (not a `policy` of the user's).
   */
  private acknowledgeAlbControllerFindings(albController: eks.AlbControllerOptions | undefined): void {
    const controller = this.cluster.albController;
    if (controller === undefined || albController?.policy !== undefined) {
      return;
    }
    Validations.of(controller).acknowledge(...albControllerFindings());
  }
}

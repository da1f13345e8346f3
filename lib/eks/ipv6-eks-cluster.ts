import { Annotations, CfnCondition, CfnOutput, Stack, Tags, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { albControllerFindings } from './alb-controller-policy';
import { ipTargetAlbController, validateAlbController } from './dual-stack-load-balancing';
import { checkSubnets, vpcIpv6Cidr } from './ipv6-network-checks';
import { checkAmiType, checkInstanceTypes, checkNodegroupImage, defaultAmiType, Ipv6NodegroupOptions } from './ipv6-nodegroup';
import { nodeUserData, NodeOperatingSystem } from './node-bootstrap';
import { instanceLaunchOptions } from './self-managed-launch-template';
import { checkSelfManagedImage, SelfManagedNodesOptions } from './self-managed-nodes';
import { validateVpcCniOptions, VpcCniAddon, VpcCniOptions } from './vpc-cni-addon';
import { awsManagedPolicyFinding, functionVersionsFinding, managedPolicyFinding, OPEN_INGRESS_FINDING } from '../core/aws-solutions-findings';
import { defaultSubnetSelection, warnDefaultSubnetsFollowZones } from '../core/default-subnet-selection';
import { encryptManagedLogGroupsUnder } from '../core/log-encryption-key';
import { acknowledgeUnreadableIngress } from '../core/unreadable-ingress-findings';
import { invalidProp } from '../core/validation';
import { versionAtLeast } from '../core/version';

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
   * and so does a zone added to the VPC while the default selection is used (a warning,
   * `cdk-ipv6-ready:eks:defaultSubnetsFollowZones`, says so): select the zones
   * (`availabilityZones`) before you add one.
   * @default - the private-with-egress subnets of one group, in every zone: a `DualStackVpc`'s
   * group with the lowest slot, another VPC's first declared group (appending a group changes nothing)
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
const DEFAULT_NODEGROUP_ID = 'DefaultNodegroup';
const DEFAULT_MAX_PODS = 110;

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

  /** The role of the managed node groups. It has no VPC CNI permissions: those are on `cniRole` only. */
  public readonly nodeRole: iam.IRole;

  /** The role of the VPC CNI (`kube-system/aws-node`), through EKS Pod Identity. */
  public readonly cniRole: iam.IRole;

  /** The KMS key that encrypts Kubernetes secrets. */
  public readonly secretsEncryptionKey: kms.IKey;

  /** The vpc-cni add-on. */
  public readonly vpcCniAddon: eks.CfnAddon;

  /** The default managed node group, when enabled. */
  public readonly defaultNodegroup?: eks.Nodegroup;

  /**
   * The cluster security group (shared by the control plane and managed nodes), the control plane
   * security group and the security groups of self-managed nodes, with port 443 as default port.
   * `msk.connections.allowDefaultPortFrom(cluster)` admits the pods; it sees the security groups
   * present when it is called.
   */
  public readonly connections: ec2.Connections;

  private readonly cfnCluster: eks.CfnCluster;
  private readonly vpc: ec2.IVpc;
  private readonly version: eks.KubernetesVersion;
  /** What nodes wait for: the CNI and kube-proxy. */
  private readonly nodeDependencies: Construct[];
  /** What waits for nodes: CoreDNS. */
  private readonly afterNodes: Construct[];

  constructor(scope: Construct, id: string, props: Ipv6EksClusterProps) {
    const version = props.version ?? DEFAULT_VERSION;
    const vpcSubnets = props.vpcSubnets ?? [defaultSubnetSelection(props.vpc)];
    const defaultNodegroup = props.defaultNodegroupEnabled === false ? undefined : props.defaultNodegroup ?? {};
    // Every check runs before this construct joins the tree: a failed synthesis leaves nothing behind.
    const vpcIpv6CidrBlock = validateProps(scope, id, props, version, vpcSubnets, defaultNodegroup);
    super(scope, id);
    // IRSA (the Load Balancer Controller's service account) gets a native AWS::IAM::OIDCProvider
    // instead of aws-cdk-lib's deprecated Lambda-backed one: no custom resource where CloudFormation
    // has a resource type. Context set here reaches only this construct's children.
    this.node.setContext(cxapi.EKS_USE_NATIVE_OIDC_PROVIDER, true);
    this.vpcIpv6CidrBlock = vpcIpv6CidrBlock;
    this.nodeDependencies = [];
    this.afterNodes = [];
    this.vpc = props.vpc;
    this.version = version;
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
    this.allowFromVpc(controlPlaneSecurityGroup, ec2.Port.tcp(443), 'Kubernetes API');

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
      // The three networking add-ons are managed add-ons below, vpc-cni configured for IPv6.
      bootstrapSelfManagedAddons: false,
      defaultCapacity: 0,
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      outputConfigCommand: props.outputs ?? false,
      albController: props.albController && ipTargetAlbController(props.albController, props.vpc),
    });
    this.cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    this.clusterName = this.cluster.clusterName;
    this.clusterEndpoint = this.cluster.clusterEndpoint;
    this.serviceIpv6Cidr = this.cfnCluster.attrKubernetesNetworkConfigServiceIpv6Cidr;
    this.openIdConnectIssuerUrl = this.cfnCluster.attrOpenIdConnectIssuerUrl;
    this.connections = new ec2.Connections({
      securityGroups: [this.cluster.clusterSecurityGroup, controlPlaneSecurityGroup],
      defaultPort: ec2.Port.tcp(443),
    });

    const podIdentityAgent = this.cluster.eksPodIdentityAgent!;
    const vpcCni = new VpcCniAddon(this, 'VpcCni', { ...props.vpcCni, cluster: this.cluster });
    vpcCni.node.addDependency(podIdentityAgent);
    this.vpcCniAddon = vpcCni.resource;
    this.cniRole = vpcCni.role;
    const kubeProxy = new eks.Addon(this, 'KubeProxy', { cluster: this.cluster, addonName: 'kube-proxy', addonVersion: props.kubeProxyVersion });
    // CoreDNS pods need nodes (and the CNI) to become ACTIVE: the add-on waits for the default node group.
    const coreDns = new eks.Addon(this, 'CoreDns', { cluster: this.cluster, addonName: 'coredns', addonVersion: props.coreDnsVersion });
    this.nodeDependencies.push(vpcCni, kubeProxy);
    this.afterNodes.push(coreDns);

    this.nodeRole = this.newNodeRole('NodeRole', 'Managed node groups of an IPv6 EKS cluster');
    if (defaultNodegroup !== undefined) {
      this.defaultNodegroup = this.addNodegroup(DEFAULT_NODEGROUP_ID, {
        instanceTypes: [new ec2.InstanceType('m6i.large')],
        minSize: 2,
        maxSize: 3,
        ...defaultNodegroup,
      });
    }
    if (props.outputs) {
      this.addOutputs();
    }
    this.acknowledgeFindings(props.albController);
  }

  /**
   * Adds a managed node group: Nitro-based Linux nodes in subnets that auto-assign IPv6, on the
   * shared node role unless `nodeRole` is given.
   */
  public addNodegroup(id: string, options: Ipv6NodegroupOptions = {}): eks.Nodegroup {
    checkInstanceTypes(this.cluster, id, 'instanceTypes', (options.instanceTypes ?? []).map(t => t.toString()), options.allowUnlistedInstanceTypes ?? false);
    checkAmiType(this.cluster, id, options.amiType);
    checkNodegroupImage(this.cluster, id, '', options, this.version.version);
    const subnetSelection = options.subnets ?? defaultSubnetSelection(this.vpc);
    const subnets = this.vpc.selectSubnets(subnetSelection).subnets;
    checkSubnets(this.cluster, id, this.vpc, subnets, { prop: 'subnets', autoAssignIpv6: true });
    if (options.launchTemplateSpec !== undefined) {
      Annotations.of(this).addWarningV2('cdk-ipv6-ready:eksNodegroupLaunchTemplate',
        `Node group ${id} uses launch template ${options.launchTemplateSpec.id}, which this construct cannot read: keep MetadataOptions.HttpProtocolIpv6 `
        + 'disabled (EKS does not support the IMDS IPv6 endpoint), and if it sets an AMI, bootstrap for IPv6 and set max pods for prefix delegation.');
    }
    const { allowUnlistedInstanceTypes: _, ...nodegroupOptions } = options;
    const nodegroup = this.cluster.addNodegroupCapacity(id, {
      ...nodegroupOptions,
      subnets: subnetSelection,
      amiType: options.amiType ?? (options.launchTemplateSpec === undefined ? defaultAmiType(options.instanceTypes ?? []) : undefined),
      nodeRole: options.nodeRole ?? this.nodeRole,
    });
    this.afterCapacity(nodegroup);
    if (options.subnets === undefined) {
      warnDefaultSubnetsFollowZones(nodegroup, 'eksNodegroup', this.vpc, subnetSelection);
    }
    return nodegroup;
  }

  /**
   * Adds a Fargate profile. Fargate pods take IPv6 addresses from the profile's subnets, which must
   * be private subnets with IPv6 blocks.
   */
  public addFargateProfile(id: string, options: eks.FargateProfileOptions): eks.FargateProfile {
    const subnetSelection = options.subnetSelection ?? defaultSubnetSelection(this.vpc);
    const subnets = this.vpc.selectSubnets(subnetSelection).subnets;
    checkSubnets(this.cluster, id, this.vpc, subnets, { prop: 'subnetSelection', autoAssignIpv6: false });
    const profile = this.cluster.addFargateProfile(id, { ...options, subnetSelection });
    if (options.podExecutionRole === undefined) {
      Validations.of(profile.podExecutionRole).acknowledge({
        id: awsManagedPolicyFinding('AmazonEKSFargatePodExecutionRolePolicy'),
        reason: 'Amazon EKS documents the AWS-managed AmazonEKSFargatePodExecutionRolePolicy for the Fargate pod execution role (pulling images, '
          + 'registering pods as nodes); aws-cdk-lib creates the role with it.',
      });
    }
    this.afterCapacity(profile);
    return profile;
  }

  /**
   * Adds self-managed nodes: an Auto Scaling group whose launch template bootstraps them for IPv6
   * (`--ip-family ipv6 --service-ipv6-cidr` for Amazon Linux 2, a nodeadm `NodeConfig` with the
   * service IPv6 CIDR for Amazon Linux 2023), keeps the IMDS IPv6 endpoint off, and runs on a node
   * role (without CNI permissions: aws-node uses the CNI's pod identity role) with an EC2_LINUX access entry.
   */
  public addSelfManagedNodes(id: string, options: SelfManagedNodesOptions): autoscaling.AutoScalingGroup {
    checkInstanceTypes(this, id, 'instanceType', [options.instanceType.toString()], options.allowUnlistedInstanceTypes ?? false);
    const subnets = this.vpc.selectSubnets(options.vpcSubnets ?? defaultSubnetSelection(this.vpc)).subnets;
    checkSubnets(this, id, this.vpc, subnets, { prop: 'vpcSubnets', autoAssignIpv6: true });
    const maxPods = options.maxPods ?? DEFAULT_MAX_PODS;
    if (!Token.isUnresolved(maxPods) && (!Number.isInteger(maxPods) || maxPods < 1)) {
      invalidProp(this, id, `maxPods: ${maxPods} is not a positive integer. Give 110 (below 30 vCPUs) or 250, or leave it out.`);
    }
    const os = options.operatingSystem ?? NodeOperatingSystem.AMAZON_LINUX_2023;
    checkSelfManagedImage(this, id, options, os, this.version.version);
    const launchOptions = instanceLaunchOptions(this, id, options);

    const scope = new Construct(this, id);
    const role = this.newNodeRole(`${id}Role`, `Self-managed nodes ${id} of an IPv6 EKS cluster`, scope, 'Role');
    this.cluster.grantAccess(`${id}Access`, role.roleArn, [], { accessEntryType: eks.AccessEntryType.EC2_LINUX });
    const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
      vpc: this.vpc,
      description: `Self-managed nodes ${id} of an IPv6 EKS cluster`,
      allowAllOutbound: true,
      allowAllIpv6Outbound: true,
    });
    securityGroup.connections.allowInternally(ec2.Port.allTraffic(), 'Node to node and pod to pod');
    securityGroup.connections.allowFrom(this.cluster.clusterSecurityGroup, ec2.Port.allTraffic(), 'Control plane and managed nodes');
    this.cluster.clusterSecurityGroup.connections.allowFrom(securityGroup, ec2.Port.allTraffic(), 'Self-managed nodes');
    this.connections.addSecurityGroup(securityGroup);

    const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
      ...launchOptions,
      instanceType: options.instanceType,
      machineImage: options.machineImage ?? this.eksOptimizedImage(os, options.instanceType),
      userData: nodeUserData(os, {
        clusterName: this.clusterName,
        endpoint: this.clusterEndpoint,
        certificateAuthorityData: this.cluster.clusterCertificateAuthorityData,
        serviceIpv6Cidr: this.serviceIpv6Cidr,
        maxPods,
      }),
      role,
      securityGroup,
      requireImdsv2: true,
      // Pods reach IMDS through the node, one hop more.
      httpPutResponseHopLimit: 2,
      // EKS does not support the IMDS IPv6 endpoint on nodes.
      httpProtocolIpv6: false,
    });
    const {
      instanceType: _t, operatingSystem: _o, machineImage: _m, maxPods: _p, allowUnlistedInstanceTypes: _a,
      // On the launch template (above): the Auto Scaling group refuses them next to one.
      blockDevices: _b, keyName: _k, keyPair: _kp, spotPrice: _s, associatePublicIpAddress: _ip, instanceMonitoring: _im,
      ...groupOptions
    } = options;
    const group = new autoscaling.AutoScalingGroup(scope, 'Group', {
      ...groupOptions,
      vpc: this.vpc,
      vpcSubnets: { subnets },
      launchTemplate,
    });
    // The cloud controller and the CNI find the cluster's instances by this tag.
    Tags.of(group).add(`kubernetes.io/cluster/${this.clusterName}`, 'owned', { applyToLaunchedInstances: true });
    if (options.notifications === undefined) {
      Validations.of(group).acknowledge({
        id: 'AwsSolutions::AwsSolutions-AS3',
        reason: 'Scaling notifications go to an SNS topic of the user\'s choice (the `notifications` option) and none was given; nodes joining and '
          + 'leaving are visible in Kubernetes and in the group\'s activity history.',
      });
    }
    group.node.addDependency(...this.nodeDependencies);
    return group;
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
    association.node.addDependency(this.cluster.eksPodIdentityAgent!);
    return role;
  }

  private afterCapacity(capacity: Construct): void {
    capacity.node.addDependency(...this.nodeDependencies);
    for (const addon of this.afterNodes) {
      addon.node.addDependency(capacity);
    }
  }

  private newNodeRole(id: string, description: string, scope: Construct = this, childId: string = id): iam.Role {
    const role = new iam.Role(scope, childId, {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description,
      managedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly']
        .map(name => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // No CNI permissions here: aws-node runs on its own pod identity role (VpcCniAddon), so that
    // every pod on the node does not inherit the right to create and assign network interfaces.
    for (const name of ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly']) {
      Validations.of(role).acknowledge({
        id: awsManagedPolicyFinding(name),
        reason: `Amazon EKS documents the AWS-managed ${name} for the node IAM role (joining the cluster, pulling images from Amazon ECR); AWS maintains it.`,
      });
    }
    return role;
  }

  private eksOptimizedImage(os: NodeOperatingSystem, instanceType: ec2.InstanceType): ec2.IMachineImage {
    const arm = instanceType.architecture === ec2.InstanceArchitecture.ARM_64;
    if (os === NodeOperatingSystem.AMAZON_LINUX_2) {
      return new eks.EksOptimizedImage({ kubernetesVersion: this.version.version, cpuArch: arm ? eks.CpuArch.ARM_64 : eks.CpuArch.X86_64 });
    }
    return ec2.MachineImage.fromSsmParameter(
      `/aws/service/eks/optimized-ami/${this.version.version}/amazon-linux-2023/${arm ? 'arm64' : 'x86_64'}/standard/recommended/image_id`);
  }

  private allowFromVpc(securityGroup: ec2.ISecurityGroup, port: ec2.Port, what: string): void {
    securityGroup.addIngressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), port, `${what} from the VPC (IPv4)`);
    securityGroup.addIngressRule(ec2.Peer.ipv6(this.vpcIpv6CidrBlock), port, `${what} from the VPC (IPv6)`);
  }

  private addOutputs(): void {
    const outputs: Array<[string, string, string]> = [
      ['ClusterName', this.clusterName, 'EKS cluster name'],
      ['ClusterEndpoint', this.clusterEndpoint, 'Kubernetes API endpoint'],
      ['ServiceIpv6Cidr', this.serviceIpv6Cidr, 'Kubernetes service IPv6 CIDR'],
      ['OpenIdConnectIssuerUrl', this.openIdConnectIssuerUrl, 'OIDC issuer URL'],
      ['NodeRoleArn', this.nodeRole.roleArn, 'Managed node group role'],
      ['CniRoleArn', this.cniRole.roleArn, 'VPC CNI pod identity role'],
    ];
    for (const [id, value, description] of outputs) {
      new CfnOutput(this, id, { value, description });
    }
  }

  private acknowledgeFindings(albController: eks.AlbControllerOptions | undefined): void {
    Validations.of(this.cluster.role).acknowledge({
      id: awsManagedPolicyFinding('AmazonEKSClusterPolicy'),
      reason: 'Amazon EKS requires the AWS-managed AmazonEKSClusterPolicy on the cluster service role; AWS keeps it in step with the control plane.',
    });
    Validations.of(this.cfnCluster).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason: 'aws-cdk-lib\'s aws-eks-v2 writes EncryptionConfig Resources [\'secrets\'], the one value the EKS API documents for encrypting secrets with '
        + 'the given KMS key. The schema marks the property deprecated; a cluster without it has not been deployed from here, so it stays.',
    });
    const controlPlaneSecurityGroup = this.node.findChild('ControlPlaneSecurityGroup');
    Validations.of(controlPlaneSecurityGroup).acknowledge({
      id: OPEN_INGRESS_FINDING,
      reason: 'The rule cannot read the ingress sources, which are references: they are the VPC\'s own IPv4 and IPv6 ranges on port 443, not 0.0.0.0/0 or ::/0.',
    });
    acknowledgeUnreadableIngress(controlPlaneSecurityGroup, 'The group admits port 443 (the Kubernetes API) from the VPC\'s IPv4 and IPv6 ranges');
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

function validateProps(scope: Construct, id: string, props: Ipv6EksClusterProps, version: eks.KubernetesVersion,
  vpcSubnets: ec2.SubnetSelection[], defaultNodegroup: Ipv6NodegroupOptions | undefined): string {
  if (!Token.isUnresolved(version.version)) {
    const recent = versionAtLeast(version.version, [1, 21, 0]);
    if (recent !== true) {
      invalidProp(scope, id, `version: '${version.version}' is ${recent === undefined ? 'not a Kubernetes version' : 'older than 1.21'}; EKS supports `
        + `the IPv6 family from Kubernetes 1.21. Use a supported version (default ${DEFAULT_VERSION.version}).`);
    }
  }
  const ipv6Cidr = vpcIpv6Cidr(scope, id, props.vpc);
  const subnets = vpcSubnets.flatMap(selection => props.vpc.selectSubnets(selection).subnets);
  checkSubnets(scope, id, props.vpc, subnets, { prop: 'vpcSubnets', autoAssignIpv6: false });
  validateVpcCniOptions(scope, id, props.vpcCni ?? {});
  if (props.albController !== undefined) {
    validateAlbController(scope, id, props.albController);
    if (props.kubectlProviderOptions === undefined) {
      invalidProp(scope, id, 'albController: the AWS Load Balancer Controller is a Helm chart and needs a kubectl provider. Give kubectlProviderOptions (with a kubectlLayer).');
    }
  }
  if (defaultNodegroup !== undefined) {
    const types = (defaultNodegroup.instanceTypes ?? []).map(t => t.toString());
    checkInstanceTypes(scope, id, 'defaultNodegroup.instanceTypes', types, defaultNodegroup.allowUnlistedInstanceTypes ?? false);
    checkAmiType(scope, id, defaultNodegroup.amiType);
    checkNodegroupImage(scope, id, 'defaultNodegroup.', defaultNodegroup, version.version);
    const nodeSubnets = props.vpc.selectSubnets(defaultNodegroup.subnets ?? defaultSubnetSelection(props.vpc)).subnets;
    checkSubnets(scope, id, props.vpc, nodeSubnets, { prop: 'defaultNodegroup.subnets', autoAssignIpv6: true });
  }
  return ipv6Cidr;
}


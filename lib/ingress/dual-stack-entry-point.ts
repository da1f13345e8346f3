import { Annotations, Arn, ArnFormat, CfnOutput, Stack, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bindTargetGroup, KubernetesServiceReference, validateBinding } from './target-group-binding';
import { TargetGroupBindingIdentity, targetGroupBindingIdentity } from './target-group-binding-identity';
import { acknowledgeWhenOwnIngressOnly } from '../core/own-ingress-acknowledgement';
import { invalidProp } from '../core/validation';
import { ELB_MINIMUM_TLS_VERSION, minimumTlsVersionOf } from '../prerequisites/elb/elb-tls-security-policies';
import { isDualStackVpc, vpcIpv6CidrOf } from '../vpc/vpc-ipv6-cidr';

/**
 * Where the load balancer writes its access logs.
 */
export interface AccessLogsOptions {
  /**
   * The bucket, encrypted with S3-managed keys (ELB cannot write to a bucket encrypted with KMS) and
   * blocking public access. The construct adds the bucket policy ELB log delivery needs.
   */
  readonly bucket: s3.IBucket;

  /**
   * The key prefix of the log objects.
   * @default - none
   */
  readonly prefix?: string;
}

/**
 * What the dual-stack entry points (Application and Network Load Balancer) have in common.
 */
export interface DualStackEntryPointProps {
  /** The VPC, with IPv4 and IPv6 CIDR blocks (a `DualStackVpc`, or an `ec2.Vpc` with `ipProtocol: DUAL_STACK`). */
  readonly vpc: ec2.IVpc;

  /**
   * Whether the load balancer is reachable from the internet.
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * The load balancer's subnets, with IPv6 blocks, in two or more Availability Zones.
   * @default - the public subnets when internet-facing, else the private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The port the pods listen on: the target group's port.
   * @default 80 for an Application Load Balancer, the listener port for a Network Load Balancer
   */
  readonly targetPort?: number;

  /**
   * The target group's health check.
   * @default - the target group's default health check on the traffic port
   */
  readonly healthCheck?: elbv2.HealthCheck;

  /**
   * The IPv6 EKS cluster whose pods serve the traffic. With `service`, a `TargetGroupBinding` makes
   * the AWS Load Balancer Controller register the Service's pod IPv6 addresses, and the cluster
   * security group (managed nodes and Fargate pods) admits the load balancer's security group on the
   * target port. Pods in other security groups (self-managed nodes): `connections.allowTo(...)` them.
   * @default - no binding: register targets yourself and admit the load balancer (`connections`)
   */
  readonly cluster?: eks.ICluster;

  /**
   * The Kubernetes Service whose pods are the targets. Requires `cluster`.
   * @default - no binding
   */
  readonly service?: KubernetesServiceReference;

  /**
   * The hosted zone of the alias records: AAAA always, A when the load balancer has public (or, internal, private) IPv4 addresses.
   * @default - no DNS records
   */
  readonly hostedZone?: route53.IHostedZone;

  /**
   * The record name, relative to the zone or fully qualified.
   * @default - the zone apex
   */
  readonly recordName?: string;

  /**
   * Access logs.
   * @default - none
   */
  readonly accessLogs?: AccessLogsOptions;

  /**
   * Whether the load balancer has deletion protection. Off by default so that `cdk destroy` removes
   * it; turn it on for production.
   * @default false
   */
  readonly deletionProtection?: boolean;

  /**
   * Whether to add CloudFormation outputs: the load balancer's DNS name and the name clients use.
   * @default false
   */
  readonly outputs?: boolean;
}

/** What an entry point's constructor resolved from its props, checked. */
export interface EntryPointSettings {
  readonly internetFacing: boolean;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly vpcIpv6Cidr: string;
}

/**
 * Checks what both entry points share, before the construct joins the tree. Returns the settings
 * with their defaults.
 */
export function validateEntryPoint(scope: Construct, id: string, props: DualStackEntryPointProps, targetPort: number): EntryPointSettings {
  const internetFacing = props.internetFacing ?? true;
  const vpcSubnets = props.vpcSubnets ?? { subnetType: internetFacing ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS };
  const vpcIpv6Cidr = vpcIpv6CidrOf(props.vpc);
  if (vpcIpv6Cidr === undefined) {
    return invalidProp(scope, id, `vpc: ${props.vpc.node.path} has no IPv6 CIDR block the construct can see; a dual-stack load balancer needs IPv6 in `
      + 'its VPC and subnets. Use DualStackVpc (or ec2.Vpc with ipProtocol DUAL_STACK), or import the VPC with DualStackVpc.fromDualStackVpcAttributes.');
  }
  checkPort(scope, id, 'targetPort', targetPort, 'the port the pods listen on');
  if (props.cluster !== undefined && Token.isUnresolved(targetPort)) {
    invalidProp(scope, id, `targetPort: ${Stack.of(scope).resolve(targetPort) === undefined ? targetPort : JSON.stringify(Stack.of(scope).resolve(targetPort))} is a token; the `
      + 'TargetGroupBinding\'s name is derived from the target port so that a new port gives a new binding. Give the port as a number.');
  }
  const healthCheckPort = props.healthCheck?.port;
  // 'traffic-port' or a port number (AWS::ElasticLoadBalancingV2::TargetGroup HealthCheckPort).
  if (healthCheckPort !== undefined && !Token.isUnresolved(healthCheckPort) && healthCheckPort !== 'traffic-port') {
    const port = Number(healthCheckPort);
    if (!/^[0-9]+$/.test(healthCheckPort) || port < 1 || port > 65535) {
      invalidProp(scope, id, `healthCheck.port: '${healthCheckPort}' is not a port (1-65535) nor 'traffic-port'. Give a port number as a string, or leave it out `
        + '(the traffic port).');
    }
  }
  validateRecordName(scope, id, props);
  validateAccessLogs(scope, id, props.accessLogs);
  validateBinding(scope, id, props.cluster, props.service);
  const subnets = props.vpc.selectSubnets(vpcSubnets).subnets;
  if (internetFacing) {
    validatePublicSubnets(scope, id, props.vpc, subnets);
  }
  const zones = subnets.map(s => s.availabilityZone);
  if (!Token.isUnresolved(zones.join(',')) && new Set(zones).size < 2) {
    invalidProp(scope, id, `vpcSubnets: the selection has subnets in ${new Set(zones).size} Availability Zone(s); a load balancer needs two or more. `
      + 'Select subnets in two or more zones.');
  }
  for (const subnet of subnets) {
    const cfn = subnet.node.defaultChild;
    // DualStackVpc and Ipv6Upgrade may give the block through a separate AWS::EC2::SubnetCidrBlock.
    if (cfn instanceof ec2.CfnSubnet && !isDualStackVpc(props.vpc) && cfn.ipv6CidrBlock === undefined) {
      invalidProp(scope, id, `vpcSubnets: subnet ${subnet.node.path} has no IPv6 CIDR block; a dual-stack load balancer gets an IPv6 address in each of `
        + 'its subnets. Select dual-stack subnets.');
    }
  }
  return { internetFacing, vpcSubnets, vpcIpv6Cidr };
}

/**
 * Throws for a subnet of an internet-facing load balancer that has no route to the internet
 * gateway: ELB places an internet-facing load balancer in public subnets only (ELB user guide,
 * "Availability Zones and subnets": internet-facing load balancers need public subnets), and a
 * dual-stack one needs an IPv4 range in each subnet, which IPv6-only subnets lack.
 */
function validatePublicSubnets(scope: Construct, id: string, vpc: ec2.IVpc, subnets: ec2.ISubnet[]): void {
  const kinds: Array<[ec2.ISubnet[], string]> = [[vpc.privateSubnets, 'private'], [vpc.isolatedSubnets, 'isolated'],
    [isDualStackVpc(vpc) ? (vpc as { ipv6OnlySubnets?: ec2.ISubnet[] }).ipv6OnlySubnets ?? [] : [], 'IPv6-only']];
  for (const subnet of subnets) {
    const kind = kinds.find(([list]) => list.some(s => s === subnet || (!Token.isUnresolved(s.subnetId) && s.subnetId === subnet.subnetId)));
    if (kind !== undefined) {
      invalidProp(scope, id, `vpcSubnets: subnet ${subnet.node.path} is ${kind[1]}, and an internet-facing load balancer needs public subnets (a route to `
        + 'the internet gateway, and an IPv4 range). Select public subnets (subnetType PUBLIC, the default), or set internetFacing: false.');
    }
  }
}

/**
 * Throws for a `recordName` that is fully qualified (ends with '.') outside the hosted zone, when
 * both are literals: Route 53 refuses a record whose name is not in the zone.
 */
function validateRecordName(scope: Construct, id: string, props: DualStackEntryPointProps): void {
  const recordName = props.recordName;
  if (recordName === undefined) {
    return;
  }
  if (props.hostedZone === undefined) {
    invalidProp(scope, id, `recordName: '${recordName}' is given without hostedZone, so no record would be created. Give the hostedZone too.`);
  }
  let zoneName: string | undefined;
  try {
    zoneName = props.hostedZone.zoneName;
  } catch {
    // HostedZone.fromHostedZoneId has no zone name: nothing to compare.
    return;
  }
  if (Token.isUnresolved(recordName) || Token.isUnresolved(zoneName) || !recordName.endsWith('.')) {
    // A relative name, or one ending with the zone name, is put in the zone by aws-cdk-lib.
    return;
  }
  const zone = zoneName.replace(/\.$/, '').toLowerCase();
  const name = recordName.replace(/\.$/, '').toLowerCase();
  if (name !== zone && !name.endsWith(`.${zone}`)) {
    invalidProp(scope, id, `recordName: '${recordName}' is not in the hosted zone '${zoneName}'. Give a name in the zone (relative, such as 'www', or ending `
      + `with '${zone}.'), or the hosted zone of that name.`);
  }
}

/**
 * Throws for an ACM certificate of another region than the stack, when both are literals: ELB
 * uses certificates of its own region only (ELB user guide, "SSL certificates": the certificate
 * must be in the same region as the load balancer).
 */
export function checkCertificateRegion(scope: Construct, id: string, certificate: acm.ICertificate | undefined): void {
  const arn = certificate?.certificateArn;
  const stackRegion = Stack.of(scope).region;
  if (arn === undefined || Token.isUnresolved(arn) || Token.isUnresolved(stackRegion)) {
    return;
  }
  const region = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).region;
  if (region !== undefined && region !== '' && region !== stackRegion) {
    invalidProp(scope, id, `certificate: '${arn}' is in ${region}, and the stack is in ${stackRegion}; a load balancer uses ACM certificates of its own `
      + `region. Request or import the certificate in ${stackRegion}.`);
  }
}

/**
 * Throws for a TLS policy whose minimum version is below TLS 1.2 (see the catalogue module
 * elb-tls-security-policies). The policy of a token is not judged.
 */
export function checkSslPolicy(scope: Construct, id: string, sslPolicy: elbv2.SslPolicy | undefined): void {
  if (sslPolicy === undefined || Token.isUnresolved(sslPolicy)) {
    return;
  }
  const minimum = minimumTlsVersionOf(sslPolicy);
  if (minimum === undefined || minimum < ELB_MINIMUM_TLS_VERSION) {
    invalidProp(scope, id, `sslPolicy: '${sslPolicy}' ${minimum === undefined ? 'is not an ELB security policy this library knows' : `accepts TLS ${minimum.toFixed(1)}`}; `
      + `the listener accepts TLS ${ELB_MINIMUM_TLS_VERSION} or later only. Use elbv2.SslPolicy.RECOMMENDED_TLS (the default), or another TLS13-1-2, `
      + 'TLS13-1-3 or FS-1-2 policy.');
  }
}

/** Throws for a port that is not 1-65535. */
export function checkPort(scope: Construct, id: string, prop: string, port: number, what: string): void {
  if (!Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    invalidProp(scope, id, `${prop}: ${port} is not a port (1-65535). Give ${what}, or leave it out.`);
  }
}

function validateAccessLogs(scope: Construct, id: string, accessLogs: AccessLogsOptions | undefined): void {
  if (accessLogs === undefined) {
    return;
  }
  const prefix = accessLogs.prefix;
  // ELB writes under <prefix>/AWSLogs/<account>/ and refuses a prefix that includes the string AWSLogs (ELB user guide,
  // "Access logs for your Application Load Balancer", enable access logs: the prefix must not include AWSLogs).
  if (prefix !== undefined && !Token.isUnresolved(prefix) && prefix.includes('AWSLogs')) {
    invalidProp(scope, id, `accessLogs.prefix: '${prefix}' includes 'AWSLogs', which ELB adds itself and refuses in a prefix. Give another prefix `
      + '(such as \'entry-point\'), or leave it out.');
  }
  if (Token.isUnresolved(Stack.of(scope).region)) {
    invalidProp(scope, id, 'accessLogs: the stack has no region (environment-agnostic); the bucket policy names the ELB log delivery principal of '
      + 'the region. Give the stack an env with a region, or leave accessLogs out.');
  }
  const bucket = accessLogs.bucket;
  if (bucket.encryptionKey !== undefined) {
    invalidProp(scope, id, `accessLogs.bucket: ${bucket.node.path} is encrypted with a KMS key; ELB writes access logs only to buckets encrypted with `
      + 'S3-managed keys (SSE-S3). Use encryption: s3.BucketEncryption.S3_MANAGED.');
  }
  const cfn = bucket.node.defaultChild;
  // A bucket of this app says whether it blocks public access; an imported one cannot be read (new buckets block it by default).
  const block = cfn instanceof s3.CfnBucket ? Stack.of(cfn).resolve(cfn.publicAccessBlockConfiguration) : undefined;
  const settings = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
  const open = block === undefined ? [] : settings.filter(s => block[s.charAt(0).toLowerCase() + s.slice(1)] === false || block[s] === false);
  if (open.length > 0) {
    invalidProp(scope, id, `accessLogs.bucket: ${bucket.node.path} does not block public access (${open.join(', ')} false); access logs hold client `
      + 'addresses and request paths. Use blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL.');
  }
}

/**
 * The load balancer's security group: the listener ports from every address of each family the
 * load balancer is public in, else from the VPC's range; egress only to the targets.
 */
export function entryPointSecurityGroup(scope: Construct, props: DualStackEntryPointProps, settings: EntryPointSettings, publicIpv4: boolean,
  ports: Array<[number, string]>): ec2.SecurityGroup {
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: props.vpc,
    description: `Dual-stack entry point ${scope.node.path}: ${ports.map(([, what]) => what).join(' and ')}`,
    // Egress only to the targets (allowTo), nothing else.
    allowAllOutbound: false,
  });
  const vpcIpv4: [ec2.IPeer, string] = [ec2.Peer.ipv4(props.vpc.vpcCidrBlock), 'the VPC (IPv4)'];
  const vpcIpv6: [ec2.IPeer, string] = [ec2.Peer.ipv6(settings.vpcIpv6Cidr), 'the VPC (IPv6)'];
  // Without public IPv4, IPv4 reaches the load balancer only at its private addresses, from the VPC.
  const peers = settings.internetFacing
    ? [publicIpv4 ? [ec2.Peer.anyIpv4(), 'IPv4 clients'] as [ec2.IPeer, string] : vpcIpv4, [ec2.Peer.anyIpv6(), 'IPv6 clients'] as [ec2.IPeer, string]]
    : [vpcIpv4, vpcIpv6];
  for (const [peer, family] of peers) {
    for (const [port, what] of ports) {
      securityGroup.addIngressRule(peer, ec2.Port.tcp(port), `${what} from ${family}`);
    }
  }
  const listenerPorts = ports.map(([port]) => port).join(', ');
  // Decided on the final template: a 0.0.0.0/0 the user adds later through `connections` is judged.
  acknowledgeWhenOwnIngressOnly(securityGroup, {
    openIngress: settings.internetFacing
      ? `The public entry point of the service: only its listener ports (${listenerPorts}) are open to every address`
        + (publicIpv4 ? ', for IPv4 and IPv6 clients.' : ' (IPv6), and to the VPC\'s IPv4 range, which the rule cannot read.')
      : 'The rule cannot read the ingress sources, which are references: they are the VPC\'s own IPv4 and IPv6 ranges on the listener ports '
        + `(${listenerPorts}), not 0.0.0.0/0 or ::/0.`,
    unreadableIngress: `The group admits the listener ports (${listenerPorts}) from the VPC's ranges`
      + (settings.internetFacing ? ' (IPv4) and from every IPv6 address' : ' (IPv4 and IPv6)'),
  });
  return securityGroup;
}

/**
 * The identity of the entry point's TargetGroupBinding (see TargetGroupBindingIdentity), when it
 * binds a cluster's Service: `entryPoint` is the constructed entry point, `protocol` its target
 * group's protocol.
 */
export function bindingIdentityOf(entryPoint: Construct, props: DualStackEntryPointProps, targetPort: number, protocol: string):
TargetGroupBindingIdentity | undefined {
  if (props.cluster === undefined || props.service === undefined) {
    return undefined;
  }
  return targetGroupBindingIdentity(entryPoint, {
    port: targetPort,
    protocol,
    targetType: 'ip',
    ipAddressType: 'ipv6',
    vpcId: JSON.stringify(Stack.of(entryPoint).resolve(props.vpc.vpcId)),
    namespace: props.service.namespace ?? 'default',
  });
}

/** What an entry point made around its load balancer and target group. */
export interface EntryPointParts {
  readonly aaaaRecord?: route53.AaaaRecord;
  readonly aRecord?: route53.ARecord;
  readonly targetGroupBinding?: eks.KubernetesManifest;
  readonly domainName: string;
}

/**
 * The binding to the cluster, the alias records and the outputs of an entry point, and the
 * acknowledgements of what it made. `withARecord` is false without public IPv4: the construct then
 * says so in a warning.
 */
export function completeEntryPoint(scope: Construct, props: DualStackEntryPointProps, parts: {
  readonly loadBalancer: elbv2.BaseLoadBalancer & elbv2.ILoadBalancerV2;
  readonly targetGroup: elbv2.ITargetGroup;
  readonly connections: ec2.Connections;
  readonly aliasTarget: route53.IAliasRecordTarget;
  readonly targetPort: number;
  readonly withARecord: boolean;
  /** The listeners that forward to the target group: they switch to a new one only once its binding exists. */
  readonly listeners: elbv2.BaseListener[];
  readonly bindingIdentity?: TargetGroupBindingIdentity;
}): EntryPointParts {
  if (props.accessLogs !== undefined) {
    // Writes the bucket policy of ELB log delivery (and waits for it).
    parts.loadBalancer.logAccessLogs(props.accessLogs.bucket, props.accessLogs.prefix);
  }
  let targetGroupBinding: eks.KubernetesManifest | undefined;
  if (props.cluster !== undefined && props.service !== undefined) {
    // The pods (on managed nodes and Fargate, in the cluster security group) admit the load balancer's
    // security group on the target port, and nothing else of it; the control plane's groups admit nothing.
    parts.connections.allowTo(props.cluster.clusterSecurityGroup, ec2.Port.tcp(parts.targetPort), 'Dual-stack entry point to IPv6 pods');
    targetGroupBinding = bindTargetGroup(scope, props.cluster, props.service, parts.targetGroup, parts.targetPort, parts.bindingIdentity!);
    // A new target group (a day-2 change) gets traffic only after its binding is applied.
    parts.listeners.forEach(listener => listener.node.addDependency(targetGroupBinding!));
  }
  let aaaaRecord: route53.AaaaRecord | undefined;
  let aRecord: route53.ARecord | undefined;
  if (props.hostedZone !== undefined) {
    const target = route53.RecordTarget.fromAlias(parts.aliasTarget);
    aaaaRecord = new route53.AaaaRecord(scope, 'AliasAaaa', { zone: props.hostedZone, recordName: props.recordName, target });
    if (parts.withARecord) {
      aRecord = new route53.ARecord(scope, 'AliasA', { zone: props.hostedZone, recordName: props.recordName, target });
    } else {
      Annotations.of(scope).addWarningV2('cdk-ipv6-ready:DualStackApplicationLoadBalancedService.noARecord',
        'The load balancer is dualstack-without-public-ipv4: it has no public IPv4 address, so no A record is created and IPv4-only clients '
        + 'cannot reach the name. Use ipAddressType DUAL_STACK for them, or put CloudFront in front.');
    }
  }
  const domainName = aaaaRecord?.domainName ?? parts.loadBalancer.loadBalancerDnsName;
  if (props.outputs) {
    new CfnOutput(scope, 'LoadBalancerDnsName', { value: parts.loadBalancer.loadBalancerDnsName, description: 'Dual-stack load balancer DNS name' });
    new CfnOutput(scope, 'DomainName', { value: domainName, description: 'The name clients use (A and AAAA, or AAAA only)' });
  }
  if (props.accessLogs === undefined) {
    Validations.of(parts.loadBalancer).acknowledge({
      id: 'AwsSolutions::AwsSolutions-ELB2',
      reason: 'Access logs go to an S3 bucket of the user\'s choice (the accessLogs option) and none was given.',
    });
  }
  return { aaaaRecord, aRecord, targetGroupBinding, domainName };
}

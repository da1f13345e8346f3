import { Annotations, CfnOutput, Stack, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DualStackLoadBalancerTarget } from './dual-stack-load-balancer-target';
import { bindTargetGroup, KubernetesServiceReference, validateBinding } from './target-group-binding';
import { OPEN_INGRESS_FINDING } from '../core/aws-solutions-findings';
import { invalidProp } from '../core/validation';
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
 * Properties of a DualStackApplicationLoadBalancedService.
 */
export interface DualStackApplicationLoadBalancedServiceProps {
  /** The VPC, with IPv4 and IPv6 CIDR blocks (a `DualStackVpc`, or an `ec2.Vpc` with `ipProtocol: DUAL_STACK`). */
  readonly vpc: ec2.IVpc;

  /** The ACM certificate of the HTTPS listener, for the record name clients use. */
  readonly certificate: acm.ICertificate;

  /**
   * Whether the load balancer is reachable from the internet.
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * `DUAL_STACK` (public IPv4 and IPv6 addresses) or `DUAL_STACK_WITHOUT_PUBLIC_IPV4` (public IPv6
   * only: no public IPv4 address is charged, IPv4 clients cannot connect, so there is no A record;
   * internet-facing only). `IPV4` is refused: the target group is IPv6.
   * @default elbv2.IpAddressType.DUAL_STACK - IPv4-only clients still reach the name; choose
   * DUAL_STACK_WITHOUT_PUBLIC_IPV4 when every client speaks IPv6 or reaches you through CloudFront
   */
  readonly ipAddressType?: elbv2.IpAddressType;

  /**
   * The load balancer's subnets, with IPv6 blocks, in two or more Availability Zones.
   * @default - the public subnets when internet-facing, else the private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The port the pods listen on (HTTP): the target group's port.
   * @default 80
   */
  readonly targetPort?: number;

  /**
   * The target group's health check.
   * @default - HTTP GET / on the traffic port
   */
  readonly healthCheck?: elbv2.HealthCheck;

  /**
   * The IPv6 EKS cluster whose pods serve the traffic. With `service`, a `TargetGroupBinding` makes
   * the AWS Load Balancer Controller register the Service's pod IPv6 addresses, and the cluster's
   * security groups admit the load balancer's security group on the target port.
   * @default - no binding: register targets yourself and admit the load balancer (`connections`)
   */
  readonly cluster?: eks.ICluster;

  /**
   * The Kubernetes Service whose pods are the targets. Requires `cluster`.
   * @default - no binding
   */
  readonly service?: KubernetesServiceReference;

  /**
   * The hosted zone of the alias records: AAAA always, A with `DUAL_STACK`.
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
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS - TLS 1.3 and 1.2 (ELBSecurityPolicy-TLS13-1-2-2021-06), the ELB default
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * Whether to add CloudFormation outputs: the load balancer's DNS name and the record name.
   * @default false
   */
  readonly outputs?: boolean;
}

const HTTPS = 443;
const HTTP = 80;
const DEFAULT_TARGET_PORT = 80;

/**
 * One public name for IPv4 and IPv6 clients in front of IPv6 pods, owned by CloudFormation: a
 * dual-stack Application Load Balancer with HTTPS (HTTP redirects to it), an IPv6 target group of
 * type `ip`, alias A and AAAA records, and a `TargetGroupBinding` so that the AWS Load Balancer
 * Controller only registers pod addresses and never owns the load balancer.
 *
 * `connections` is the load balancer's security group, with 443 as the default port.
 */
export class DualStackApplicationLoadBalancedService extends Construct implements ec2.IConnectable {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The IPv6 target group (target type `ip`). */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /** The HTTPS listener. */
  public readonly httpsListener: elbv2.ApplicationListener;

  /** The HTTP listener, which redirects to HTTPS. */
  public readonly httpListener: elbv2.ApplicationListener;

  /** The load balancer's security group, default port 443. */
  public readonly connections: ec2.Connections;

  /** The AAAA record, when a hosted zone is given. */
  public readonly aaaaRecord?: route53.AaaaRecord;

  /** The A record, when a hosted zone is given and the load balancer has public IPv4 addresses. */
  public readonly aRecord?: route53.ARecord;

  /** The TargetGroupBinding manifest, when a cluster and a Service are given. */
  public readonly targetGroupBinding?: eks.KubernetesManifest;

  /** The name clients use: the record's name when a hosted zone is given, else the load balancer's DNS name. */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: DualStackApplicationLoadBalancedServiceProps) {
    const internetFacing = props.internetFacing ?? true;
    const ipAddressType = props.ipAddressType ?? elbv2.IpAddressType.DUAL_STACK;
    const targetPort = props.targetPort ?? DEFAULT_TARGET_PORT;
    const vpcSubnets = props.vpcSubnets ?? { subnetType: internetFacing ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS };
    // Every check runs before this construct joins the tree: a failed synthesis leaves nothing behind.
    const vpcIpv6Cidr = validateProps(scope, id, props, internetFacing, ipAddressType, targetPort, vpcSubnets);
    super(scope, id);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Dual-stack entry point ${this.node.path}: HTTPS and the HTTP redirect`,
      // Egress only to the targets (allowTo below), nothing else.
      allowAllOutbound: false,
    });
    for (const [peer, family] of clientPeers(props.vpc, vpcIpv6Cidr, internetFacing, ipAddressType)) {
      securityGroup.addIngressRule(peer, ec2.Port.tcp(HTTPS), `HTTPS from ${family}`);
      securityGroup.addIngressRule(peer, ec2.Port.tcp(HTTP), `HTTP (redirected to HTTPS) from ${family}`);
    }
    this.connections = new ec2.Connections({ securityGroups: [securityGroup], defaultPort: ec2.Port.tcp(HTTPS) });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets,
      internetFacing,
      ipAddressType,
      securityGroup,
      deletionProtection: props.deletionProtection ?? false,
      // routing.http.drop_invalid_header_fields.enabled: headers that are not valid HTTP never reach the pods.
      dropInvalidHeaderFields: true,
    });
    if (props.accessLogs !== undefined) {
      // Writes the bucket policy of ELB log delivery (and waits for it).
      this.loadBalancer.logAccessLogs(props.accessLogs.bucket, props.accessLogs.prefix);
    }

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: targetPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      // IPv6 target groups take IP targets only; the pods' IPv6 addresses are the targets.
      targetType: elbv2.TargetType.IP,
      ipAddressType: elbv2.TargetGroupIpAddressType.IPV6,
      healthCheck: props.healthCheck,
    });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: HTTPS,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [this.targetGroup],
      // The security group above admits the clients; `open` would add its own 0.0.0.0/0 and ::/0 rules.
      open: false,
    });
    this.httpListener = this.loadBalancer.addListener('Http', {
      port: HTTP,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: String(HTTPS), permanent: true }),
      open: false,
    });

    if (props.cluster !== undefined && props.service !== undefined) {
      // The pods admit the load balancer's security group on the target port, and nothing else of it.
      this.connections.allowTo(props.cluster, ec2.Port.tcp(targetPort), 'Dual-stack entry point to IPv6 pods');
      this.targetGroupBinding = bindTargetGroup(this, props.cluster, props.service, this.targetGroup, targetPort);
    }

    if (props.hostedZone !== undefined) {
      const target = route53.RecordTarget.fromAlias(DualStackLoadBalancerTarget.application(this.loadBalancer));
      this.aaaaRecord = new route53.AaaaRecord(this, 'AliasAaaa', { zone: props.hostedZone, recordName: props.recordName, target });
      if (ipAddressType === elbv2.IpAddressType.DUAL_STACK) {
        this.aRecord = new route53.ARecord(this, 'AliasA', { zone: props.hostedZone, recordName: props.recordName, target });
      } else {
        Annotations.of(this).addWarningV2('cdk-ipv6-ready:DualStackApplicationLoadBalancedService.noARecord',
          'The load balancer is dualstack-without-public-ipv4: it has no public IPv4 address, so no A record is created and IPv4-only clients '
          + 'cannot reach the name. Use ipAddressType DUAL_STACK for them, or put CloudFront in front.');
      }
      this.domainName = this.aaaaRecord.domainName;
    } else {
      this.domainName = this.loadBalancer.loadBalancerDnsName;
    }

    if (props.outputs) {
      new CfnOutput(this, 'LoadBalancerDnsName', { value: this.loadBalancer.loadBalancerDnsName, description: 'Dual-stack load balancer DNS name' });
      new CfnOutput(this, 'DomainName', { value: this.domainName, description: 'The name clients use (A and AAAA, or AAAA only)' });
    }
    this.acknowledgeFindings(props, internetFacing);
  }

  private acknowledgeFindings(props: DualStackApplicationLoadBalancedServiceProps, internetFacing: boolean): void {
    Validations.of(this.connections.securityGroups[0]).acknowledge({
      id: OPEN_INGRESS_FINDING,
      reason: internetFacing
        ? 'The public entry point of the service: only 443 (HTTPS) and 80 (redirected to HTTPS) are open to every address, for IPv4 and IPv6 clients.'
        : 'The rule cannot read the ingress sources, which are references: they are the VPC\'s own IPv4 and IPv6 ranges on 443 and 80, not 0.0.0.0/0 or ::/0.',
    });
    if (props.accessLogs === undefined) {
      Validations.of(this.loadBalancer).acknowledge({
        id: 'AwsSolutions::AwsSolutions-ELB2',
        reason: 'Access logs go to an S3 bucket of the user\'s choice (the accessLogs option) and none was given.',
      });
    }
  }
}

/** The sources admitted on the listener ports: every address where the load balancer is public in a family, else the VPC's range. */
function clientPeers(vpc: ec2.IVpc, vpcIpv6Cidr: string, internetFacing: boolean, ipAddressType: elbv2.IpAddressType): Array<[ec2.IPeer, string]> {
  if (!internetFacing) {
    return [[ec2.Peer.ipv4(vpc.vpcCidrBlock), 'the VPC (IPv4)'], [ec2.Peer.ipv6(vpcIpv6Cidr), 'the VPC (IPv6)']];
  }
  // Without public IPv4, IPv4 reaches the load balancer only at its private addresses, from the VPC.
  const ipv4: [ec2.IPeer, string] = ipAddressType === elbv2.IpAddressType.DUAL_STACK
    ? [ec2.Peer.anyIpv4(), 'IPv4 clients'] : [ec2.Peer.ipv4(vpc.vpcCidrBlock), 'the VPC (IPv4)'];
  return [ipv4, [ec2.Peer.anyIpv6(), 'IPv6 clients']];
}

function validateProps(scope: Construct, id: string, props: DualStackApplicationLoadBalancedServiceProps, internetFacing: boolean,
  ipAddressType: elbv2.IpAddressType, targetPort: number, vpcSubnets: ec2.SubnetSelection): string {
  const vpcIpv6Cidr = vpcIpv6CidrOf(props.vpc);
  if (vpcIpv6Cidr === undefined) {
    invalidProp(scope, id, `vpc: ${props.vpc.node.path} has no IPv6 CIDR block the construct can see; a dual-stack load balancer needs IPv6 in its VPC `
      + 'and subnets. Use DualStackVpc (or ec2.Vpc with ipProtocol DUAL_STACK), or import the VPC with DualStackVpc.fromDualStackVpcAttributes.');
  }
  if (ipAddressType === elbv2.IpAddressType.IPV4) {
    invalidProp(scope, id, 'ipAddressType: \'ipv4\' cannot serve IPv6 clients, and an IPv4 load balancer cannot use the IPv6 target group of IPv6 pods. '
      + 'Use DUAL_STACK (the default) or DUAL_STACK_WITHOUT_PUBLIC_IPV4.');
  }
  if (ipAddressType === elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 && !internetFacing) {
    invalidProp(scope, id, 'ipAddressType: \'dualstack-without-public-ipv4\' is for internet-facing load balancers only (an internal one has no public '
      + 'IPv4 address to leave out). Use DUAL_STACK, or internetFacing: true.');
  }
  if (!Token.isUnresolved(targetPort) && (!Number.isInteger(targetPort) || targetPort < 1 || targetPort > 65535)) {
    invalidProp(scope, id, `targetPort: ${targetPort} is not a port (1-65535). Give the port the pods listen on, or leave it out (80).`);
  }
  if (props.recordName !== undefined && props.hostedZone === undefined) {
    invalidProp(scope, id, `recordName: '${props.recordName}' is given without hostedZone, so no record would be created. Give the hostedZone too.`);
  }
  validateAccessLogs(scope, id, props.accessLogs);
  validateBinding(scope, id, props.cluster, props.service);
  const subnets = props.vpc.selectSubnets(vpcSubnets).subnets;
  const zones = new Set(subnets.map(s => s.availabilityZone));
  if (!Token.isUnresolved(subnets.map(s => s.availabilityZone).join(',')) && zones.size < 2) {
    invalidProp(scope, id, `vpcSubnets: the selection has subnets in ${zones.size} Availability Zone(s); an Application Load Balancer needs two or more. `
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
  return vpcIpv6Cidr!;
}

function validateAccessLogs(scope: Construct, id: string, accessLogs: AccessLogsOptions | undefined): void {
  if (accessLogs === undefined) {
    return;
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

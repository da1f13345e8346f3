import { Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import {
  bindingIdentityOf, checkCertificateRegion, checkSslPolicy, completeEntryPoint, DualStackEntryPointProps, entryPointSecurityGroup,
  validateEntryPoint,
} from './dual-stack-entry-point';
import { DualStackLoadBalancerTarget } from './dual-stack-load-balancer-target';
import { APPLICATION_IP_ADDRESS_TYPES, refuseEscapeHatches } from './entry-point-escape-hatches';
import { COMPLIANCE_PACKS } from '../core/unreadable-ingress-findings';
import { invalidProp } from '../core/validation';

/**
 * Properties of a DualStackApplicationLoadBalancedService.
 */
export interface DualStackApplicationLoadBalancedServiceProps extends DualStackEntryPointProps {
  /** The ACM certificate of the HTTPS listener, for the record name clients use. */
  readonly certificate: acm.ICertificate;

  /**
   * `DUAL_STACK` (public IPv4 and IPv6 addresses) or `DUAL_STACK_WITHOUT_PUBLIC_IPV4` (public IPv6
   * only: no public IPv4 address is charged, IPv4 clients cannot connect, so there is no A record;
   * internet-facing only). `IPV4` is refused: the target group is IPv6.
   * @default elbv2.IpAddressType.DUAL_STACK - IPv4-only clients still reach the name; choose
   * DUAL_STACK_WITHOUT_PUBLIC_IPV4 when every client speaks IPv6 or reaches you through CloudFront
   */
  readonly ipAddressType?: elbv2.IpAddressType;

  /**
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS - TLS 1.3 and 1.2 (ELBSecurityPolicy-TLS13-1-2-2021-06), the ELB default
   */
  readonly sslPolicy?: elbv2.SslPolicy;
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
    const ipAddressType = props.ipAddressType ?? elbv2.IpAddressType.DUAL_STACK;
    const targetPort = props.targetPort ?? DEFAULT_TARGET_PORT;
    // Every check runs before this construct joins the tree: a failed synthesis leaves nothing behind.
    if (ipAddressType === elbv2.IpAddressType.IPV4) {
      invalidProp(scope, id, 'ipAddressType: \'ipv4\' cannot serve IPv6 clients, and an IPv4 load balancer cannot use the IPv6 target group of IPv6 pods. '
        + 'Use DUAL_STACK (the default) or DUAL_STACK_WITHOUT_PUBLIC_IPV4.');
    }
    if (ipAddressType === elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 && props.internetFacing === false) {
      invalidProp(scope, id, 'ipAddressType: \'dualstack-without-public-ipv4\' is for internet-facing load balancers only (an internal one has no public '
        + 'IPv4 address to leave out). Use DUAL_STACK, or internetFacing: true.');
    }
    checkSslPolicy(scope, id, props.sslPolicy);
    checkCertificateRegion(scope, id, props.certificate);
    const settings = validateEntryPoint(scope, id, props, targetPort);
    super(scope, id);
    const publicIpv4 = ipAddressType === elbv2.IpAddressType.DUAL_STACK;
    const bindingIdentity = bindingIdentityOf(this, props, targetPort, elbv2.ApplicationProtocol.HTTP);

    const securityGroup = entryPointSecurityGroup(this, props, settings, publicIpv4, [[HTTPS, 'HTTPS'], [HTTP, 'HTTP (redirected to HTTPS)']]);
    this.connections = new ec2.Connections({ securityGroups: [securityGroup], defaultPort: ec2.Port.tcp(HTTPS) });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: settings.vpcSubnets,
      internetFacing: settings.internetFacing,
      ipAddressType,
      securityGroup,
      deletionProtection: props.deletionProtection ?? false,
      // routing.http.drop_invalid_header_fields.enabled: headers that are not valid HTTP never reach the pods.
      dropInvalidHeaderFields: true,
    });
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: targetPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      // IPv6 target groups take IP targets only; the pods' IPv6 addresses are the targets.
      targetType: elbv2.TargetType.IP,
      ipAddressType: elbv2.TargetGroupIpAddressType.IPV6,
      healthCheck: props.healthCheck,
      // With a binding, named after what replaces it and the namespace: see TargetGroupBindingIdentity.
      targetGroupName: bindingIdentity?.targetGroupName,
    });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: HTTPS,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [this.targetGroup],
      // The security group admits the clients; `open` would add its own 0.0.0.0/0 and ::/0 rules.
      open: false,
    });
    this.httpListener = this.loadBalancer.addListener('Http', {
      port: HTTP,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: String(HTTPS), permanent: true }),
      open: false,
    });
    Validations.of(this.httpListener).acknowledge(...COMPLIANCE_PACKS.map(pack => ({
      id: `${pack}::${pack}-ELBv2ACMCertificateRequired`,
      reason: 'False positive: this HTTP listener serves nothing, it only answers 301 to HTTPS on 443, whose listener has the ACM certificate.',
    })));

    const parts = completeEntryPoint(this, props, {
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      connections: this.connections,
      aliasTarget: DualStackLoadBalancerTarget.application(this.loadBalancer),
      targetPort,
      withARecord: publicIpv4,
      listeners: [this.httpsListener],
      bindingIdentity,
    });
    refuseEscapeHatches(this, this.loadBalancer, this.targetGroup, APPLICATION_IP_ADDRESS_TYPES, bindingIdentity !== undefined);
    this.aaaaRecord = parts.aaaaRecord;
    this.aRecord = parts.aRecord;
    this.targetGroupBinding = parts.targetGroupBinding;
    this.domainName = parts.domainName;
  }
}

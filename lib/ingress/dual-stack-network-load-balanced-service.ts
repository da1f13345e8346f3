import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import {
  bindingIdentityOf, checkCertificateRegion, checkPort, checkSslPolicy, completeEntryPoint, DualStackEntryPointProps, entryPointSecurityGroup,
  validateEntryPoint,
} from './dual-stack-entry-point';
import { DualStackLoadBalancerTarget } from './dual-stack-load-balancer-target';
import { NETWORK_IP_ADDRESS_TYPES, refuseEscapeHatches } from './entry-point-escape-hatches';
import { invalidProp } from '../core/validation';

/**
 * Properties of a DualStackNetworkLoadBalancedService.
 */
export interface DualStackNetworkLoadBalancedServiceProps extends DualStackEntryPointProps {
  /**
   * The listener port.
   * @default 443 with a certificate, else required
   */
  readonly port?: number;

  /**
   * An ACM certificate: the listener terminates TLS and forwards TCP to the pods. Without one the
   * listener is TCP end to end.
   * @default - a TCP listener
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The TLS policy of a TLS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS - TLS 1.3 and 1.2 (ELBSecurityPolicy-TLS13-1-2-2021-06)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
}

const TLS_PORT = 443;

/**
 * The Network Load Balancer counterpart of `DualStackApplicationLoadBalancedService`, for TCP or
 * TLS services: a `dualstack` NLB (NLBs have no dualstack-without-public-ipv4), a TCP or TLS
 * listener, an IPv6 TCP target group of type `ip` (the NLB takes IPv6 target groups only when it
 * is dualstack; UDP is not offered here), a security group, alias A and AAAA records to the NLB's
 * DNS name (no `dualstack.` prefix for NLB aliases), and the `TargetGroupBinding`.
 *
 * `connections` is the load balancer's security group, with the listener port as the default port.
 */
export class DualStackNetworkLoadBalancedService extends Construct implements ec2.IConnectable {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;

  /** The IPv6 target group (TCP, target type `ip`). */
  public readonly targetGroup: elbv2.NetworkTargetGroup;

  /** The TCP or TLS listener. */
  public readonly listener: elbv2.NetworkListener;

  /** The load balancer's security group, with the listener port as default port. */
  public readonly connections: ec2.Connections;

  /** The AAAA record, when a hosted zone is given. */
  public readonly aaaaRecord?: route53.AaaaRecord;

  /** The A record, when a hosted zone is given. */
  public readonly aRecord?: route53.ARecord;

  /** The TargetGroupBinding manifest, when a cluster and a Service are given. */
  public readonly targetGroupBinding?: eks.KubernetesManifest;

  /** The name clients use: the record's name when a hosted zone is given, else the load balancer's DNS name. */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: DualStackNetworkLoadBalancedServiceProps) {
    const port = props.port ?? (props.certificate !== undefined ? TLS_PORT : undefined);
    if (port === undefined) {
      invalidProp(scope, id, 'port: undefined, and a TCP listener (no certificate) has no default port. Give the port clients connect to.');
    }
    checkPort(scope, id, 'port', port, 'the listener port');
    // ELB user guide, "Access logs for your Network Load Balancer": logs are created only with a TLS listener.
    if (props.accessLogs !== undefined && props.certificate === undefined) {
      invalidProp(scope, id, 'accessLogs: a Network Load Balancer writes access logs for TLS listeners only, and without a certificate the listener is '
        + 'TCP. Give a certificate, or leave accessLogs out.');
    }
    if (props.sslPolicy !== undefined && props.certificate === undefined) {
      invalidProp(scope, id, `sslPolicy: '${props.sslPolicy}' is given without a certificate, and a TCP listener has no TLS policy. Give the certificate `
        + '(the listener then terminates TLS), or leave sslPolicy out.');
    }
    checkSslPolicy(scope, id, props.sslPolicy);
    checkCertificateRegion(scope, id, props.certificate);
    const targetPort = props.targetPort ?? port;
    const settings = validateEntryPoint(scope, id, props, targetPort);
    super(scope, id);
    const tls = props.certificate !== undefined;
    const bindingIdentity = bindingIdentityOf(this, props, targetPort, elbv2.Protocol.TCP);

    const securityGroup = entryPointSecurityGroup(this, props, settings, true, [[port, tls ? 'TLS' : 'TCP']]);
    this.connections = new ec2.Connections({ securityGroups: [securityGroup], defaultPort: ec2.Port.tcp(port) });
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: settings.vpcSubnets,
      internetFacing: settings.internetFacing,
      ipAddressType: elbv2.IpAddressType.DUAL_STACK,
      securityGroups: [securityGroup],
      deletionProtection: props.deletionProtection ?? false,
    });
    this.targetGroup = new elbv2.NetworkTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      port: targetPort,
      protocol: elbv2.Protocol.TCP,
      // IPv6 target groups take IP targets only; the pods' IPv6 addresses are the targets.
      targetType: elbv2.TargetType.IP,
      ipAddressType: elbv2.TargetGroupIpAddressType.IPV6,
      healthCheck: props.healthCheck,
      // With a binding, named after what replaces it and the namespace: see TargetGroupBindingIdentity.
      targetGroupName: bindingIdentity?.targetGroupName,
    });
    this.listener = this.loadBalancer.addListener(tls ? 'Tls' : 'Tcp', {
      port: port,
      protocol: tls ? elbv2.Protocol.TLS : elbv2.Protocol.TCP,
      certificates: tls ? [elbv2.ListenerCertificate.fromCertificateManager(props.certificate!)] : undefined,
      sslPolicy: tls ? props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS : undefined,
      defaultTargetGroups: [this.targetGroup],
    });

    const parts = completeEntryPoint(this, props, {
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      connections: this.connections,
      aliasTarget: DualStackLoadBalancerTarget.network(this.loadBalancer),
      targetPort,
      withARecord: true,
      listeners: [this.listener],
      bindingIdentity,
    });
    refuseEscapeHatches(this, this.loadBalancer, this.targetGroup, NETWORK_IP_ADDRESS_TYPES, bindingIdentity !== undefined);
    this.aaaaRecord = parts.aaaaRecord;
    this.aRecord = parts.aRecord;
    this.targetGroupBinding = parts.targetGroupBinding;
    this.domainName = parts.domainName;
  }
}

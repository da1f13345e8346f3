import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';

/**
 * The Route 53 alias target of an Application or Network Load Balancer, named as Route 53 names it
 * for each type, for A and AAAA records alike.
 *
 * The Route 53 developer guide ("Routing traffic to an ELB load balancer") prepends `dualstack.` to
 * the DNS name of Application (and Classic) Load Balancers, so that one alias answers A and AAAA
 * queries; a Network Load Balancer's alias uses its DNS name as it is. aws-cdk-lib's
 * `LoadBalancerTarget` prefixes every load balancer (aws/aws-cdk#16987; PR #34641, still open).
 */
export class DualStackLoadBalancerTarget implements route53.IAliasRecordTarget {
  /** An Application Load Balancer: `dualstack.<DNS name>`. */
  public static application(loadBalancer: elbv2.IApplicationLoadBalancer): DualStackLoadBalancerTarget {
    return new DualStackLoadBalancerTarget(loadBalancer, 'dualstack.');
  }

  /** A Network Load Balancer: its DNS name, without a prefix. */
  public static network(loadBalancer: elbv2.INetworkLoadBalancer): DualStackLoadBalancerTarget {
    return new DualStackLoadBalancerTarget(loadBalancer, '');
  }

  private constructor(private readonly loadBalancer: elbv2.ILoadBalancerV2, private readonly prefix: string) {}

  public bind(_record: route53.IRecordSet, _zone?: route53.IHostedZone): route53.AliasRecordTargetConfig {
    return {
      hostedZoneId: this.loadBalancer.loadBalancerCanonicalHostedZoneId,
      dnsName: `${this.prefix}${this.loadBalancer.loadBalancerDnsName}`,
      // Route 53 stops answering with a load balancer whose targets are all unhealthy.
      evaluateTargetHealth: true,
    };
  }
}

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { findingsOf, newStack } from '../support';

const ID = 'ELB-IPV6-2';

function aliased(ipAddressType: elbv2.IpAddressType) {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, ipAddressType });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  const target = route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(alb));
  const a = new route53.ARecord(stack, 'A', { zone, recordName: 'www', target });
  return { stack, zone, target, aId: stack.resolve((a.node.defaultChild as route53.CfnRecordSet).logicalId) as string };
}

describe('ELB-IPV6-2 an alias A record to a dual-stack load balancer has its AAAA record (plain aws-cdk-lib route53)', () => {
  test('Noncompliance 1: A only, to a dual-stack ALB', () => {
    const { stack, aId } = aliased(elbv2.IpAddressType.DUAL_STACK);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-ELB-IPV6-2 @ ${aId}`]);
  });

  test('Noncompliance 2: the AAAA record has another name', () => {
    const { stack, zone, target, aId } = aliased(elbv2.IpAddressType.DUAL_STACK);
    new route53.AaaaRecord(stack, 'Aaaa', { zone, recordName: 'www6', target });
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-ELB-IPV6-2 @ ${aId}`]);
  });

  test('Compliance: A and AAAA of the same name (name given with and without the final dot); A to an IPv4 ALB', () => {
    const both = aliased(elbv2.IpAddressType.DUAL_STACK);
    new route53.AaaaRecord(both.stack, 'Aaaa', { zone: both.zone, recordName: 'www.example.com.', target: both.target });
    expect(findingsOf(both.stack, ID)).toEqual([]);
    expect(findingsOf(aliased(elbv2.IpAddressType.IPV4).stack, ID)).toEqual([]);
  });
});

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { findingsOf, newStack } from '../support';

const ID = 'ELB-IPV6-1';

function loadBalanced(ipAddressType: elbv2.IpAddressType | undefined, targetGroupIpAddressType = elbv2.TargetGroupIpAddressType.IPV6) {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, ipAddressType });
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'Pods', {
    vpc, port: 80, targetType: elbv2.TargetType.IP, ipAddressType: targetGroupIpAddressType,
  });
  return { stack, vpc, alb, targetGroup, tgId: stack.resolve((targetGroup.node.defaultChild as elbv2.CfnTargetGroup).logicalId) as string };
}

describe('ELB-IPV6-1 an IPv6 target group needs a dual-stack load balancer (plain aws-cdk-lib elasticloadbalancingv2)', () => {
  test('Noncompliance 1: an IPv4 ALB (the default) forwards to an IPv6 target group', () => {
    const { stack, alb, targetGroup, tgId } = loadBalanced(undefined);
    alb.addListener('Http', { port: 80, defaultTargetGroups: [targetGroup] });
    const albId = stack.resolve((alb.node.defaultChild as elbv2.CfnLoadBalancer).logicalId);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-ELB-IPV6-1[LoadBalancer::${albId}] @ ${tgId}`]);
  });

  test('Noncompliance 2: a listener rule of an IPv4 ALB forwards to the IPv6 target group', () => {
    const { stack, alb, targetGroup, tgId } = loadBalanced(elbv2.IpAddressType.IPV4);
    const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    listener.addTargetGroups('Api', { priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])], targetGroups: [targetGroup] });
    const albId = stack.resolve((alb.node.defaultChild as elbv2.CfnLoadBalancer).logicalId);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-ELB-IPV6-1[LoadBalancer::${albId}] @ ${tgId}`]);
  });

  test('Noncompliance 3: a dual-stack NLB with a UDP listener to an IPv6 target group and no IPv6 source NAT prefix', () => {
    const stack = newStack();
    const nlb = new elbv2.CfnLoadBalancer(stack, 'Nlb', { type: 'network', ipAddressType: 'dualstack', subnets: ['subnet-0aaaaaaaaaaaaaaa1'] });
    const tg = new elbv2.CfnTargetGroup(stack, 'Tg', { protocol: 'UDP', port: 53, targetType: 'ip', ipAddressType: 'ipv6', vpcId: 'vpc-0123456789abcdef0' });
    new elbv2.CfnListener(stack, 'Dns', { loadBalancerArn: nlb.ref, port: 53, protocol: 'UDP', defaultActions: [{ type: 'forward', targetGroupArn: tg.ref }] });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-ELB-IPV6-1[Listener::Dns] @ Tg']);
    nlb.addPropertyOverride('EnablePrefixForIpv6SourceNat', 'on');
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Compliance: dual-stack ALBs, with and without public IPv4; IPv4 target groups on IPv4 load balancers; an unused IPv6 target group', () => {
    for (const type of [elbv2.IpAddressType.DUAL_STACK, elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4]) {
      const { stack, alb, targetGroup } = loadBalanced(type);
      alb.addListener('Http', { port: 80, defaultTargetGroups: [targetGroup] });
      expect(findingsOf(stack, ID)).toEqual([]);
    }
    const ipv4 = loadBalanced(elbv2.IpAddressType.IPV4, elbv2.TargetGroupIpAddressType.IPV4);
    ipv4.alb.addListener('Http', { port: 80, defaultTargetGroups: [ipv4.targetGroup] });
    expect(findingsOf(ipv4.stack, ID)).toEqual([]);
    expect(findingsOf(loadBalanced(undefined).stack, ID)).toEqual([]);
  });

  test('Cannot judge: a listener rule of a listener the template does not define', () => {
    const stack = newStack();
    const tg = new elbv2.CfnTargetGroup(stack, 'Tg', { protocol: 'HTTP', port: 80, targetType: 'ip', ipAddressType: 'ipv6', vpcId: 'vpc-0123456789abcdef0' });
    new elbv2.CfnListenerRule(stack, 'Rule', {
      listenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/shared/0123456789abcdef/0123456789abcdef',
      priority: 1,
      conditions: [{ field: 'path-pattern', values: ['/v6/*'] }],
      actions: [{ type: 'forward', targetGroupArn: tg.ref }],
    });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[ELB-IPV6-1] @ Tg']);
  });
});

import { isDeepStrictEqual } from 'util';
import { CfnResource } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { finalProperties } from '../core/final-properties';
import { DUAL_STACK_IP_ADDRESS_TYPES } from '../prerequisites/elb/elb-helpers';

/**
 * The properties of `AWS::ElasticLoadBalancingV2::TargetGroup` whose change replaces the target
 * group (CloudFormation resource reference, "Update requires: Replacement"): a new ARN, which the
 * TargetGroupBinding must follow under a new name (see TargetGroupBindingIdentity).
 */
const REPLACING_TARGET_GROUP_PROPERTIES = ['Name', 'Port', 'Protocol', 'ProtocolVersion', 'TargetType', 'IpAddressType', 'VpcId'];

/**
 * Refuses, at synthesis, escape hatches (`addPropertyOverride`, L1 assignments) that undo what the
 * entry point is: a load balancer without IPv6 (`IpAddressType: ipv4`), a target group that is not
 * IPv6 of type ip, and, with a TargetGroupBinding, a change of a property that replaces the target
 * group behind the binding's name. Judged on the final properties, as DualStackMskCluster judges
 * its connectivity.
 */
export function refuseEscapeHatches(entryPoint: Construct, loadBalancer: elbv2.BaseLoadBalancer, targetGroup: elbv2.TargetGroupBase,
  loadBalancerIpAddressTypes: string[], bound: boolean): void {
  const loadBalancerCfn = loadBalancer.node.defaultChild as CfnResource;
  const targetGroupCfn = targetGroup.node.defaultChild as CfnResource;
  const built = finalProperties(targetGroupCfn);
  entryPoint.node.addValidation({
    validate: () => {
      const errors: string[] = [];
      const lbType = finalProperties(loadBalancerCfn).IpAddressType ?? 'ipv4';
      if (!loadBalancerIpAddressTypes.includes(lbType as string)) {
        errors.push(`ipAddressType: ${JSON.stringify(lbType)} is set on the load balancer ${loadBalancer.node.path} by an escape hatch; it would serve no IPv6 `
          + `client and could not forward to the IPv6 target group. Remove the override (IpAddressType: ${loadBalancerIpAddressTypes.join(' or ')}).`);
      }
      const tg = finalProperties(targetGroupCfn);
      if (tg.IpAddressType !== 'ipv6' || tg.TargetType !== 'ip') {
        errors.push(`targetGroup: IpAddressType ${JSON.stringify(tg.IpAddressType ?? 'ipv4')} and TargetType ${JSON.stringify(tg.TargetType ?? 'instance')} are set on `
          + `${targetGroup.node.path} by an escape hatch; the pods have IPv6 addresses only. Remove the override (IpAddressType: ipv6, TargetType: ip).`);
      } else if (bound) {
        for (const key of REPLACING_TARGET_GROUP_PROPERTIES.filter(k => !isDeepStrictEqual(tg[k], built[k]))) {
          errors.push(`targetGroup: ${key} ${JSON.stringify(tg[key])} is set on ${targetGroup.node.path} by an escape hatch; it replaces the target group, and the `
            + 'TargetGroupBinding is named after the values the construct set, so the AWS Load Balancer Controller would refuse the new ARN on the old binding. '
            + 'Remove the override, and give targetPort (or the service\'s namespace) instead.');
        }
      }
      return errors;
    },
  });
}

/** The IP address types of a dual-stack Application Load Balancer. */
export const APPLICATION_IP_ADDRESS_TYPES = DUAL_STACK_IP_ADDRESS_TYPES;
/** A Network Load Balancer has no dualstack-without-public-ipv4. */
export const NETWORK_IP_ADDRESS_TYPES = ['dualstack'];

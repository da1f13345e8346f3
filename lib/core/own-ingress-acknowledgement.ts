import { isDeepStrictEqual } from 'util';
import { Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { OPEN_INGRESS_FINDING } from './aws-solutions-findings';
import { finalProperties } from './final-properties';
import { acknowledgeUnreadableIngress } from './unreadable-ingress-findings';

/** What to say when the acknowledgements hold. */
export interface OwnIngressReasons {
  /** The reason of the AwsSolutions-EC23 acknowledgement: what the open or unreadable sources are. */
  readonly openIngress: string;
  /** For the compliance packs' rules that throw on references: which ports the group admits, and from where. */
  readonly unreadableIngress: string;
}

/**
 * Acknowledges, on a security group of the library, AwsSolutions-EC23 (ingress from 0.0.0.0/0 or
 * ::/0, or a source the rule cannot read) and the compliance packs' throws on references, only
 * when the template is final and only if every inline ingress rule whose source is open or a
 * reference is one the library added itself before this call. A rule the user adds later through
 * `connections` (say 0.0.0.0/0 on an internal load balancer) withdraws the acknowledgements, so
 * cdk-nag judges the group as it is.
 *
 * The acknowledgements go on the `AWS::EC2::SecurityGroup` resource alone: separate ingress
 * resources (the user's, or security-group sources) stay judged on their own.
 */
export function acknowledgeWhenOwnIngressOnly(securityGroup: ec2.SecurityGroup, reasons: OwnIngressReasons): void {
  const cfn = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const own = ingressRulesOf(cfn);
  // A validation runs after every escape hatch and connections call, before the packs (which run after synthesis).
  securityGroup.node.addValidation({
    validate: () => {
      const rules = ingressRulesOf(cfn);
      const judged = rules.filter(rule => isOpen(rule) || isReference(rule));
      if (judged.every(rule => own.some(mine => isDeepStrictEqual(mine, rule)))) {
        Validations.of(cfn).acknowledge({ id: OPEN_INGRESS_FINDING, reason: reasons.openIngress });
        if (judged.some(isReference)) {
          acknowledgeUnreadableIngress(cfn, reasons.unreadableIngress);
        }
      }
      return [];
    },
  });
}

type Rule = Record<string, unknown>;

/** The inline ingress rules as they will be synthesized (after escape hatches), resolved. */
function ingressRulesOf(cfn: ec2.CfnSecurityGroup): Rule[] {
  const rules = finalProperties(cfn).SecurityGroupIngress;
  return Array.isArray(rules) ? rules.filter((r): r is Rule => typeof r === 'object' && r !== null) : [];
}

function isOpen(rule: Rule): boolean {
  // As AwsSolutions-EC23 reads it: any prefix length 0.
  return [rule.CidrIp, rule.CidrIpv6].some(cidr => typeof cidr === 'string' && !Token.isUnresolved(cidr) && cidr.endsWith('/0'));
}

/** A CIDR source that is not a literal: cdk-nag's rules cannot read it. */
function isReference(rule: Rule): boolean {
  return [rule.CidrIp, rule.CidrIpv6].some(cidr => cidr !== undefined && (typeof cidr !== 'string' || Token.isUnresolved(cidr)));
}

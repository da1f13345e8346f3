import { Stack, Token, Tokenization, Validations } from 'aws-cdk-lib';
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
  const ownNow = ingressRulesNow(cfn);
  // A validation runs after every escape hatch and connections call, before the packs (which run after synthesis).
  securityGroup.node.addValidation({
    validate: () => {
      const rules = ingressRulesOf(cfn);
      // Resolved now, in the same pass as the final template: a reference to another stack's VPC
      // is an import in both, where it was a Ref of another template's resource at construction.
      const own = ownRulesResolved(cfn, ownNow);
      const judged = rules.filter(rule => isOpen(rule) || isReference(rule));
      const owned = new Set(own.map(canonical));
      if (judged.every(rule => owned.has(canonical(rule)))) {
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

/**
 * The group's inline ingress rules as they stand at this call, tokens unresolved. aws-cdk-lib's
 * SecurityGroup renders them through a Lazy that returns its live list: copied now, so later rules
 * are not among them.
 */
function ingressRulesNow(cfn: ec2.CfnSecurityGroup): Rule[] {
  const value: unknown = cfn.securityGroupIngress;
  const lazy = Tokenization.reverse(value);
  // The Lazy's producer reads nothing of the context: it returns the group's rules.
  const context = { scope: cfn, preparing: false, documentPath: [], registerPostProcessor() {}, resolve: (x: unknown) => x };
  const rules = lazy === undefined ? value : lazy.resolve(context);
  return Array.isArray(rules) ? rules.map(rule => ({ ...rule })) : [];
}

/** `rules` (L1 property objects, camelCase) resolved as the template will have them (PascalCase keys, no empty ones). */
function ownRulesResolved(cfn: ec2.CfnSecurityGroup, rules: Rule[]): Rule[] {
  const resolved = Stack.of(cfn).resolve(rules) as Rule[];
  return resolved.map(rule => Object.fromEntries(Object.entries(rule)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v])));
}

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

/** A rule as text with its keys in order: the same rule, however its object was built, is the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v);
}

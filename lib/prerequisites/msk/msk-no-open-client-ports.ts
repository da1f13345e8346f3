import { brokerSecurityGroups, rulesAdmitting } from './msk-helpers';
import { ALL_MSK_CLIENT_PORTS } from '../../core/msk-ports';
import { cannotJudge, describe, IngressRule, TemplateModel, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * MSK-IPV6-5: no broker security group admits every address on a client port.
 */
export const MskNoOpenClientPorts: Prerequisite = {
  id: 'MSK-IPV6-5',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'No security group of the MSK cluster admits ::/0 or 0.0.0.0/0 on a Kafka client port (9092-9098, 20092-20098).',
  why: 'An ingress from ::/0 or 0.0.0.0/0 lets any address that can route to the brokers open a Kafka connection. IPv6 addresses are '
    + 'globally routable, with no NAT in front of them: an IPv4 rule mirrored as ::/0 for dual-stack exposes the brokers to every network '
    + 'with a route into the VPC, and to the internet from any subnet routed to an internet gateway.',
  fix: 'admit the clients\' security group, or their subnets\' IPv4 and IPv6 CIDRs, on the client ports.',
  source: 'Amazon MSK developer guide, Port information and Controlling access to Apache Kafka; Amazon VPC user guide, Security group rules.',
  evaluate(logicalId, template) {
    const groups = brokerSecurityGroups(template.resource(logicalId)?.Properties, template);
    if (groups instanceof Unresolved) {
      return cannotJudge(groups.what);
    }
    const open: string[] = [];
    const unresolved: Unresolved[] = groups.filter((g): g is Unresolved => g instanceof Unresolved);
    for (const port of ALL_MSK_CLIENT_PORTS.flatMap(p => [p.ipv4, p.ipv6])) {
      const sources = rulesAdmitting(template, groups, port).flatMap(rule => sourcesOf(rule, template));
      if (sources.some(s => typeof s === 'string' && s.endsWith('/0'))) {
        open.push(`Port::${port}`);
      }
      unresolved.push(...sources.filter((s): s is Unresolved => s instanceof Unresolved));
    }
    return verdictOf(open, unresolved);
  },
};

/**
 * The CIDR sources of an ingress rule that could be `/0`: literals, and expressions that are not
 * built from the VPC's own ranges (those are `Unresolved`).
 */
function sourcesOf(rule: IngressRule, template: TemplateModel): Array<string | Unresolved> {
  return [rule.CidrIp, rule.CidrIpv6].filter(c => c !== undefined && !template.isVpcDerivedCidr(c))
    .map(c => typeof c === 'string' ? c : new Unresolved(`an ingress source is ${describe(c)}`));
}

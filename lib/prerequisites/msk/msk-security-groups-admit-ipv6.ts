import { brokerSecurityGroups, clientListeners, forDualStack, rulesAdmitting } from './msk-helpers';
import { cannotJudge, describe, IngressRule, TemplateModel, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * MSK-IPV6-3: a dual-stack cluster's security groups admit IPv6 clients on the IPv6 listener ports.
 */
export const MskSecurityGroupsAdmitIpv6: Prerequisite = {
  id: 'MSK-IPV6-3',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'The security groups of a dual-stack (NetworkType DUAL) MSK cluster admit IPv6 clients on the IPv6 port of each enabled client authentication method.',
  why: 'Over IPv6, dual-stack brokers listen on other ports than over IPv4: 20092 plaintext, 20094 TLS, 20096 SASL/SCRAM, 20098 IAM (9092, '
    + '9094, 9096, 9098 over IPv4). Security groups copied from an IPv4 cluster admit neither those ports nor IPv6 sources, so IPv6 '
    + 'clients time out while IPv4 clients work.',
  fix: 'add ingress on each 20xxx port from the clients\' security group or their IPv6 CIDRs (CidrIpv6).',
  source: 'Amazon MSK developer guide, Configure dual-stack network type, and Port information.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const listeners = clientListeners(props);
      if (listeners instanceof Unresolved) {
        return cannotJudge(listeners.what);
      }
      const groups = brokerSecurityGroups(props, template);
      if (groups instanceof Unresolved) {
        return cannotJudge(groups.what);
      }
      // A group the template does not define may admit what the others do not.
      const unresolved: Unresolved[] = groups.filter((g): g is Unresolved => g instanceof Unresolved);
      const groupsKnown = unresolved.length === 0;
      const missing: string[] = [];
      for (const { ipv6 } of listeners) {
        const admits = rulesAdmitting(template, groups, ipv6).map(r => admitsIpv6(r, template));
        if (admits.includes(true)) {
          continue;
        }
        const unknown = admits.find((a): a is Unresolved => a instanceof Unresolved);
        if (unknown !== undefined) {
          unresolved.push(unknown);
        } else if (groupsKnown) {
          missing.push(`Port::${ipv6}`);
        }
      }
      return verdictOf(missing, unresolved);
    });
  },
};

/**
 * Whether an ingress rule admits IPv6 sources: an IPv6 CIDR, or another security group (which
 * admits its members over both families). A prefix list admits IPv6 if its address family is IPv6.
 */
function admitsIpv6(rule: IngressRule, template: TemplateModel): boolean | Unresolved {
  if (rule.CidrIpv6 !== undefined || rule.SourceSecurityGroupId !== undefined) {
    return true;
  }
  if (rule.SourcePrefixListId === undefined) {
    return false;
  }
  const list = template.target(rule.SourcePrefixListId);
  const family = list === undefined ? undefined : template.resource(list)?.Properties?.AddressFamily;
  return typeof family === 'string' ? family === 'IPv6' : new Unresolved(`prefix list ${describe(rule.SourcePrefixListId)} is not defined in this template`);
}

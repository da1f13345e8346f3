import { clientSubnets, forDualStack } from './msk-helpers';
import { cannotJudge, Unresolved, verdictOf } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * MSK-IPV6-2: every client subnet of a dual-stack cluster has IPv4 and IPv6.
 */
export const MskClientSubnetsDualStack: Prerequisite = {
  id: 'MSK-IPV6-2',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'Every client subnet of a dual-stack (NetworkType DUAL) MSK cluster has both an IPv4 and an IPv6 CIDR block.',
  why: 'A dual-stack broker takes an IPv4 and an IPv6 address in its client subnet. If even one client subnet lacks an IPv6 block, or is '
    + 'IPv6-only (MSK does not support IPv6-only subnets), creating or updating the cluster to DUAL fails.',
  fix: 'use dual-stack subnets (Ipv6CidrBlock, or AWS::EC2::SubnetCidrBlock, on a subnet with an IPv4 range) for every client subnet.',
  source: 'Amazon MSK developer guide, Configure dual-stack network type, prerequisites.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const subnets = clientSubnets(props, template);
      if (subnets instanceof Unresolved) {
        return cannotJudge(subnets.what);
      }
      if (subnets.length === 0) {
        return cannotJudge('ClientSubnets names no subnet');
      }
      const faulty = subnets.filter((s): s is string => typeof s === 'string' && !(template.subnetHasIpv4(s) && template.subnetHasIpv6(s)));
      return verdictOf(faulty.map(s => `Subnet::${s}`), subnets.filter((s): s is Unresolved => s instanceof Unresolved));
    });
  },
};

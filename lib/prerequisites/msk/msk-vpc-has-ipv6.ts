import { clientSubnets, forDualStack } from './msk-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * MSK-IPV6-1: a dual-stack cluster's VPC has an IPv6 block.
 */
export const MskVpcHasIpv6: Prerequisite = {
  id: 'MSK-IPV6-1',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'The VPC of a dual-stack (NetworkType DUAL) MSK cluster has an IPv6 CIDR block.',
  why: 'MSK gives dual-stack brokers IPv6 addresses from their client subnets, which need the VPC\'s IPv6 block; without one, creating or '
    + 'updating the cluster to DUAL fails.',
  fix: 'associate an IPv6 block with the VPC (AWS::EC2::VPCCidrBlock, Vpc ipProtocol DUAL_STACK, DualStackVpc) and give the client subnets '
    + 'IPv6 blocks, or keep NetworkType IPV4.',
  source: 'Amazon MSK developer guide, Configure dual-stack network type, prerequisites.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const subnets = clientSubnets(props, template);
      if (subnets instanceof Unresolved) {
        return cannotJudge(subnets.what);
      }
      // MSK puts every client subnet in one VPC, so each subnet the template defines names it.
      const vpcs = subnets.map(s => s instanceof Unresolved ? s : template.vpcOfSubnet(s));
      if (vpcs.some(v => typeof v === 'string' && !template.vpcHasIpv6(v))) {
        return nonCompliant();
      }
      const unresolved = vpcs.find((v): v is Unresolved => v instanceof Unresolved);
      if (unresolved !== undefined) {
        return cannotJudge(unresolved.what);
      }
      return vpcs.length > 0 ? COMPLIANT : cannotJudge('ClientSubnets names no subnet');
    });
  },
};

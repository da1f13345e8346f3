import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { describe, isObject, isTrue, judgeEach, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-6: the subnets of a node group of an IPv6 cluster assign IPv6 addresses on creation.
 */
export const EksNodeSubnetsAssignIpv6: Prerequisite = {
  id: 'EKS-IPV6-6',
  level: 'error',
  resourceTypes: ['AWS::EKS::Nodegroup'],
  statement: 'Every subnet of a node group of an IPv6 EKS cluster has AssignIpv6AddressOnCreation: true.',
  why: 'Nodes of an IPv6 cluster need an IPv6 address on their primary network interface, and a managed node group does not ask for one: '
    + 'in a subnet without AssignIpv6AddressOnCreation the nodes launch without IPv6, the VPC CNI cannot assign pod addresses and the '
    + 'node group fails to create or its nodes never become Ready.',
  fix: 'set AssignIpv6AddressOnCreation: true on every node subnet (DualStackVpc does by default).',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services; Amazon EKS VPC and subnet requirements.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Nodegroup(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    return judgeEach(template.targets(template.resource(logicalId)?.Properties?.Subnets, 'Subnets'), subnet => {
      const assign = template.resource(subnet)?.Properties?.AssignIpv6AddressOnCreation;
      if (isObject(assign)) {
        return new Unresolved(`AssignIpv6AddressOnCreation of subnet ${subnet} is ${describe(assign)}`);
      }
      return isTrue(assign) ? undefined : `Subnet::${subnet}`;
    });
  },
};

import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { describe, isObject, isTrue, judgeEach, Unresolved } from '../../template-model';

/**
 * EKS-IPV6-6: the subnets of a node group of an IPv6 cluster assign IPv6 addresses on creation.
 */
export const EksNodeSubnetsAssignIpv6: Ipv6ReadinessRule = {
  id: 'EKS-IPV6-6',
  level: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::EKS::Nodegroup'],
  info: 'Every subnet of a node group of an IPv6 EKS cluster has AssignIpv6AddressOnCreation: true.',
  explanation: 'Nodes of an IPv6 cluster need an IPv6 address on their primary network interface, and a managed node group does not ask for one: '
    + 'in a subnet without AssignIpv6AddressOnCreation the nodes launch without IPv6, the VPC CNI cannot assign pod addresses and the node group '
    + 'fails to create or its nodes never become Ready. Fix: set AssignIpv6AddressOnCreation: true on every node subnet '
    + '(DualStackVpc does by default). Source: Amazon EKS user guide, IPv6 addresses for clusters, pods and services; Amazon EKS VPC and subnet requirements.',
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

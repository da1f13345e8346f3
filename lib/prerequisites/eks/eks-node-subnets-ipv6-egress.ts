import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { ANY_IPV6, judgeEach, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * EKS-IPV6-7: the subnets of a node group of an IPv6 cluster have an IPv6 block and a ::/0 route
 * to an internet gateway or an egress-only internet gateway.
 */
export const EksNodeSubnetsIpv6Egress: Prerequisite = {
  id: 'EKS-IPV6-7',
  level: 'error',
  resourceTypes: ['AWS::EKS::Nodegroup'],
  statement: 'Every subnet of a node group of an IPv6 EKS cluster has an IPv6 block and a ::/0 route to an internet, egress-only internet or transit gateway.',
  why: 'Pods of an IPv6 cluster take their addresses from the node subnet\'s IPv6 block and talk IPv6 to the outside: without a block the '
    + 'nodes get no pod addresses, and without a ::/0 route pods cannot reach the cluster endpoint, ECR or any other IPv6 destination, so '
    + 'nodes fail to join and images fail to pull.',
  fix: 'give every node subnet an IPv6 block and route ::/0 to the internet gateway (public subnets), to an egress-only internet gateway '
    + '(private subnets) or to the transit gateway of a central egress VPC; DualStackVpc does both.',
  source: 'Amazon EKS user guide, IPv6 addresses for clusters, pods and services; Amazon EKS VPC and subnet requirements.',
  evaluate(logicalId, template) {
    const gate = unlessIpv6Nodegroup(template, logicalId);
    if (gate !== undefined) {
      return gate;
    }
    return judgeEach(template.targets(template.resource(logicalId)?.Properties?.Subnets, 'Subnets'), subnet => {
      if (!template.subnetHasIpv6(subnet)) {
        return `Subnet::${subnet}`;
      }
      const route = template.subnetRoute(subnet, ANY_IPV6);
      if (route instanceof Unresolved) {
        return route;
      }
      const to = route === false ? undefined : route[1].Properties;
      // A transit gateway is how a central egress VPC serves many VPCs.
      return (to?.GatewayId ?? to?.EgressOnlyInternetGatewayId ?? to?.TransitGatewayId) === undefined ? `Subnet::${subnet}` : undefined;
    });
  },
};

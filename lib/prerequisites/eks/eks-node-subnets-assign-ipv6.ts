import { mentions } from './eks-cluster-helpers';
import { unlessIpv6Nodegroup } from './eks-node-helpers';
import { describe, isObject, isTrue, judgeEach, TemplateModel, Unresolved } from '../../engine/template-model';
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
  fix: 'set AssignIpv6AddressOnCreation: true on every node subnet (DualStackVpc does by default; Ipv6Upgrade sets it with ec2:ModifySubnetAttribute).',
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
      return isTrue(assign) || assignedByApiCall(template, subnet) ? undefined : `Subnet::${subnet}`;
    });
  },
};

/**
 * Whether an SDK-call custom resource (`Custom::AWS`, aws-cdk-lib's AwsCustomResource) turns on
 * the subnet's auto-assignment on create: how `Ipv6Upgrade` sets it on a subnet the stack does not
 * own the attribute of (`ec2:ModifySubnetAttribute` `AssignIpv6AddressOnCreation: { Value: true }`).
 */
function assignedByApiCall(template: TemplateModel, subnet: string): boolean {
  return template.resourcesOfType('Custom::AWS').some(([, resource]) => {
    const create = resource.Properties?.Create;
    const text = JSON.stringify(create ?? '').replace(/\\/g, '');
    return mentions(create, subnet) && text.includes('"action":"modifySubnetAttribute"') && text.includes('"AssignIpv6AddressOnCreation":{"Value":true}');
  });
}

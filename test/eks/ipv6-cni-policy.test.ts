import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Ipv6CniPolicy } from '../../lib/eks';

/** The maintained IPv6 CNI statements. A change here is a change of what every IPv6 cluster's CNI may do: review it. */
const PINNED = [
  {
    Sid: 'VpcCniIpv6',
    Effect: 'Allow',
    Action: [
      'ec2:AssignIpv6Addresses',
      'ec2:DescribeInstances',
      'ec2:DescribeTags',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
    ],
    Resource: '*',
  },
  {
    Sid: 'VpcCniTagNetworkInterfaces',
    Effect: 'Allow',
    Action: 'ec2:CreateTags',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':network-interface/*']] },
  },
];

describe('Ipv6CniPolicy', () => {
  test('pins the statement set', () => {
    const stack = new Stack();
    expect(Ipv6CniPolicy.statements().map(s => stack.resolve(s.toStatementJson()))).toEqual(PINNED);
  });

  test('applyTo adds exactly the IPv6 statements to a role: no managed policy (no AmazonEKS_CNI_Policy)', () => {
    const stack = new Stack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    Ipv6CniPolicy.applyTo(role);
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::IAM::Role'))[0].Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties).toEqual(expect.objectContaining({ Roles: [{ Ref: 'Role1ABCC5F0' }], PolicyDocument: { Statement: PINNED, Version: '2012-10-17' } }));
  });

  test('the statements follow the configured CNI version: before 1.22 no subnet discovery actions', () => {
    const stack = new Stack();
    const [describe] = Ipv6CniPolicy.statements('v1.19.2-eksbuild.1').map(s => stack.resolve(s.toStatementJson()));
    expect(describe.Action).toEqual(['ec2:AssignIpv6Addresses', 'ec2:DescribeInstances', 'ec2:DescribeTags', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeInstanceTypes']);
    expect(Ipv6CniPolicy.statements('v1.22.1-eksbuild.1').map(s => stack.resolve(s.toStatementJson()))).toEqual(PINNED);
  });
});

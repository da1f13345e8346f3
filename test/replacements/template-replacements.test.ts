import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { ReplacementKind, TemplateReplacements } from '../../lib';

type Json = { [key: string]: any };
const template = (Resources: Json) => ({ Resources });

const VPC = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } };
const subnet = (CidrBlock: string) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock, AvailabilityZone: 'us-east-1a' } });
const cluster = (ClientSubnets: unknown[], extra: Json = {}) => ({
  Type: 'AWS::MSK::Cluster',
  Properties: {
    ClusterName: 'orders',
    KafkaVersion: '3.8.x',
    NumberOfBrokerNodes: 2,
    BrokerNodeGroupInfo: { InstanceType: 'kafka.m7g.large', ClientSubnets, SecurityGroups: ['sg-1'] },
    ...extra,
  },
});

describe('TemplateReplacements.compare', () => {
  test('adding resources and updating in place replace nothing', () => {
    const before = template({ Vpc: VPC, Kafka: cluster(['subnet-1', 'subnet-2']) });
    const after = template({
      Vpc: { ...VPC, Properties: { ...VPC.Properties, EnableDnsSupport: true } },
      Kafka: cluster(['subnet-1', 'subnet-2'], { NumberOfBrokerNodes: 4 }),
      Subnet: subnet('10.0.0.0/24'),
    });
    expect(TemplateReplacements.compare(before, after)).toEqual([]);
  });

  test('a create-only top-level property', () => {
    const found = TemplateReplacements.compare(template({ Vpc: VPC, S: subnet('10.0.0.0/24') }), template({ Vpc: VPC, S: subnet('10.0.1.0/24') }));
    expect(found).toEqual([{
      logicalId: 'S',
      resourceType: 'AWS::EC2::Subnet',
      kind: ReplacementKind.REPLACED,
      property: 'CidrBlock',
      referencedResource: undefined,
      stateful: true,
      reason: 'CidrBlock changes, and CloudFormation replaces the resource when it does.',
    }]);
  });

  test('a create-only nested property, which cloudformation-diff calls an update', () => {
    const before = template({ Kafka: cluster(['subnet-1', 'subnet-2']) });
    const after = template({ Kafka: cluster(['subnet-1', 'subnet-3']) });
    expect(fullDiff(before, after).resources.get('Kafka').changeImpact).toEqual(ResourceImpact.WILL_UPDATE);
    expect(TemplateReplacements.compare(before, after)).toMatchObject([
      { logicalId: 'Kafka', kind: ReplacementKind.REPLACED, property: 'BrokerNodeGroupInfo.ClientSubnets', stateful: true },
    ]);
  });

  test('a create-only member of an array element, at depth', () => {
    const eks = (KeyArn: string) => template({
      Eks: { Type: 'AWS::EKS::Cluster', Properties: { RoleArn: 'arn:role', ResourcesVpcConfig: { SubnetIds: ['s'] }, EncryptionConfig: [{ Provider: { KeyArn }, Resources: ['secrets'] }] } },
    });
    // EncryptionConfig is itself create-only: the path stops there.
    expect(TemplateReplacements.compare(eks('arn:a'), eks('arn:b'))).toMatchObject([{ property: 'EncryptionConfig', kind: ReplacementKind.REPLACED }]);
    const nodegroup = (Ec2SshKey: string) => template({
      Ng: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: 'r', Subnets: ['s'], LaunchTemplate: { Id: 'lt-1', Version: '1' }, Labels: { a: Ec2SshKey } } },
    });
    expect(TemplateReplacements.compare(nodegroup('x'), nodegroup('y'))).toEqual([]);
  });

  test('a "maybe" property is reported as such', () => {
    const withIpv6 = (block: string) => template({ Vpc: VPC, S: { ...subnet('10.0.0.0/24'), Properties: { ...subnet('10.0.0.0/24').Properties, Ipv6CidrBlock: block } } });
    expect(TemplateReplacements.compare(withIpv6('2001:db8::/64'), withIpv6('2001:db8:0:1::/64')))
      .toMatchObject([{ logicalId: 'S', kind: ReplacementKind.MAY_BE_REPLACED, property: 'Ipv6CidrBlock' }]);
  });

  test('a struct that becomes a function cannot be read: reported as maybe, when a member could replace', () => {
    const before = template({ Kafka: cluster(['subnet-1']) });
    const after = template({ Kafka: { ...cluster([]), Properties: { ...cluster([]).Properties, BrokerNodeGroupInfo: { 'Fn::If': ['C', {}, {}] } } } });
    expect(TemplateReplacements.compare(before, after)).toMatchObject([{ kind: ReplacementKind.MAY_BE_REPLACED, property: 'BrokerNodeGroupInfo' }]);
  });

  test('the cascade: a replaced resource replaces those whose create-only properties reference it, at any depth', () => {
    const resources = (cidr: string) => ({
      Vpc: VPC,
      S1: subnet(cidr),
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'S1' }, AllocationId: { 'Fn::GetAtt': ['Eip', 'AllocationId'] } } },
      Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
      Kafka: cluster([{ Ref: 'S1' }]),
      Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { 'Fn::Sub': '${S1}' }, RouteTableId: 'rtb-1' } },
      // Updated in place, not replaced: Tags is not create-only.
      Tagged: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'd', VpcId: { Ref: 'Vpc' }, Tags: [{ Key: 'subnet', Value: { Ref: 'S1' } }] } },
    });
    const found = TemplateReplacements.compare(template(resources('10.0.0.0/24')), template(resources('10.0.1.0/24')));
    expect(found.map(r => [r.logicalId, r.property, r.referencedResource])).toEqual([
      ['S1', 'CidrBlock', undefined],
      ['Nat', 'SubnetId', 'S1'],
      ['Kafka', 'BrokerNodeGroupInfo.ClientSubnets', 'S1'],
      ['Assoc', 'SubnetId', 'S1'],
    ]);
    expect(found.find(r => r.logicalId === 'Kafka')!.reason).toEqual(
      'BrokerNodeGroupInfo.ClientSubnets references S1, which is replaced: its new id changes BrokerNodeGroupInfo.ClientSubnets, which replaces this resource.');
  });

  test('the cascade goes on through resources it replaced', () => {
    const resources = (name: string) => ({
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: name } },
      Filter: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'Logs' }, FilterPattern: '', DestinationArn: 'arn:d' } },
      Second: { Type: 'AWS::Logs::MetricFilter', Properties: { LogGroupName: { Ref: 'Logs' }, FilterPattern: { 'Fn::GetAtt': ['Filter', 'Arn'] }, MetricTransformations: [] } },
    });
    const found = TemplateReplacements.compare(template(resources('a')), template(resources('b')));
    expect(found.map(r => r.logicalId)).toEqual(['Logs', 'Filter', 'Second']);
  });

  test('removals, retained or not, and a changed type', () => {
    const before = template({
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {}, DeletionPolicy: 'Retain' },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
      Thing: { Type: 'AWS::SNS::Topic', Properties: {} },
    });
    const after = template({ Thing: { Type: 'AWS::SQS::Queue', Properties: {} } });
    expect(TemplateReplacements.compare(before, after)).toEqual([
      {
        logicalId: 'Logs',
        resourceType: 'AWS::Logs::LogGroup',
        kind: ReplacementKind.REMOVED,
        stateful: true,
        property: undefined,
        referencedResource: undefined,
        reason: 'It is no longer in the template: CloudFormation leaves it outside the stack (DeletionPolicy Retain).',
      },
      {
        logicalId: 'Topic',
        resourceType: 'AWS::SNS::Topic',
        kind: ReplacementKind.REMOVED,
        stateful: false,
        property: undefined,
        referencedResource: undefined,
        reason: 'It is no longer in the template: CloudFormation deletes it.',
      },
      {
        logicalId: 'Thing',
        resourceType: 'AWS::SNS::Topic',
        kind: ReplacementKind.REPLACED,
        stateful: false,
        property: undefined,
        referencedResource: undefined,
        reason: 'Its type changes from AWS::SNS::Topic to AWS::SQS::Queue.',
      },
    ]);
  });

  test('resource types the specification does not know are judged by removal and type only', () => {
    const custom = (v: string) => template({ C: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:f', V: v } } });
    expect(TemplateReplacements.compare(custom('a'), custom('b'))).toEqual([]);
  });

  test('the stateful types are listed in one place: cfn-lint 1.58.0\'s list and the library\'s own', () => {
    const types = TemplateReplacements.statefulResourceTypes();
    // cfn-lint's cfnlint/data/AdditionalSpecs/StatefulResources.json (29 types), plus ours.
    expect(types).toEqual(expect.arrayContaining([
      'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::EFS::FileSystem',
      'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::OpenSearchService::Domain', 'AWS::Kinesis::Stream',
      'AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::Logs::LogGroup',
      'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::SubnetCidrBlock', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP',
      'AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster', 'AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster', 'AWS::EKS::Nodegroup',
    ]));
    expect(types.length).toBeGreaterThanOrEqual(29 + 11);
  });
});

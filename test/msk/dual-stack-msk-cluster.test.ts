import { App, RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackVpc, Ipv6ReadinessChecks, Ipv6Upgrade } from '../../lib';
import {
  BrokerInstanceType, ClientBrokerEncryption, DualStackMskCluster, DualStackMskClusterAttributes, DualStackMskClusterProps, KafkaVersion, MskListener,
  MskMonitoringLevel,
} from '../../lib/msk';
import { formatFindings, nagFindings } from '../support/nag';

function build(props: Partial<DualStackMskClusterProps> = {}) {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const cluster = new DualStackMskCluster(stack, 'Kafka', { vpc, ...props });
  return { stack, vpc, cluster, get template() { return Template.fromStack(stack); } };
}

/** Ingress rules of the broker security group as `family port`. */
function ingress(template: Template): string[] {
  const sg = Object.values<any>(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'Brokers of Stack/Kafka' } }))[0];
  return (sg.Properties.SecurityGroupIngress ?? []).map((r: any) => `${r.CidrIpv6 ? 'ipv6' : 'ipv4'} ${r.FromPort}`).sort();
}

function statementsOf(template: Template, policyId?: string) {
  return Object.entries<any>(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => policyId === undefined || id.startsWith(policyId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

describe('DualStackMskCluster', () => {
  test('created IPv4 (no network type), IAM auth, TLS only, retained except on a failed create, broker logs', () => {
    const { template } = build();
    template.hasResource('AWS::MSK::Cluster', {
      Properties: {
        KafkaVersion: '3.8.x',
        NumberOfBrokerNodes: 2,
        BrokerNodeGroupInfo: Match.objectLike({ InstanceType: 'kafka.m7g.large', ConnectivityInfo: Match.absent() }),
        ClientAuthentication: { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Unauthenticated: { Enabled: false } },
        EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
        LoggingInfo: { BrokerLogs: { CloudWatchLogs: { Enabled: true, LogGroup: Match.anyValue() } } },
      },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('then switched to DUAL by a custom resource that requires the IAM bootstrap brokers of both families', () => {
    const { stack, cluster, template } = build();
    template.hasResourceProperties('Custom::MskDualStackSwitch', {
      ServiceToken: Match.anyValue(),
      ClusterArn: { 'Fn::GetAtt': [stack.getLogicalId(cluster.cfnCluster), 'Arn'] },
      RequiredBootstrapBrokers: ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'],
    });
    expect(stack.resolve(cluster.bootstrapBrokersIpv6)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(cluster.dualStackSwitch.resource.node.defaultChild as any), 'BootstrapBrokerStringSaslIamIpv6'] });
    expect(stack.resolve(cluster.bootstrapBrokersIpv4)).toEqual({ 'Fn::GetAtt': [Match.anyValue().toString() && stack.getLogicalId(cluster.dualStackSwitch.resource.node.defaultChild as any), 'BootstrapBrokerStringSaslIam'] });
  });

  test('the switch role may call the Kafka API on this cluster only, plus the EC2 actions MSK asks for', () => {
    const { stack, cluster, template } = build();
    const clusterArn = { 'Fn::GetAtt': [stack.getLogicalId(cluster.cfnCluster), 'Arn'] };
    expect(statementsOf(template, 'KafkaDualStackPermissions')).toEqual([
      { Action: ['kafka:DescribeClusterV2', 'kafka:ListClusterOperationsV2', 'kafka:UpdateConnectivity', 'kafka:GetBootstrapBrokers'], Effect: 'Allow', Resource: clusterArn },
      // No resource-level permissions: it tells the switch's own operation by its target network type.
      { Action: 'kafka:DescribeClusterOperationV2', Effect: 'Allow', Resource: '*' },
      { Action: 'ec2:DescribeSubnets', Effect: 'Allow', Resource: '*' },
      {
        Action: 'ec2:CreateTags',
        Condition: { Bool: { 'aws:ViaAWSService': 'true' } },
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':network-interface/*']] },
      },
      // The deletion guard tells this stack's deletion from a rollback.
      { Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } },
    ]);
    // The waiter's log streams are on its own log group; only the log delivery actions stay on '*'.
    const [waiterPolicy] = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.includes('waiterstatemachineRole'));
    const logStatements = waiterPolicy[1].Properties.PolicyDocument.Statement.filter((st: any) => JSON.stringify(st.Action).includes('logs:'));
    const waiterLogs = Object.keys(template.findResources('AWS::Logs::LogGroup')).find(id => id.includes('WaiterLogs'));
    expect(logStatements).toEqual([
      expect.objectContaining({ Resource: '*', Action: expect.not.arrayContaining(['logs:CreateLogStream']) }),
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [waiterLogs, 'Arn'] }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
    ]);
    // The custom resource waits for its permissions.
    template.hasResource('Custom::MskDualStackSwitch', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^KafkaDualStackPermissions')]) });
  });

  test('two clusters share one provider: two handler functions and the framework\'s three', () => {
    const { stack, vpc } = build();
    new DualStackMskCluster(stack, 'Kafka2', { vpc });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::MskDualStackSwitch', 2);
    template.resourceCountIs('AWS::Lambda::Function', 5 + 1); // + the VPC's default security group lockdown
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.onEvent', Runtime: 'nodejs24.x' }, 1);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.isComplete', Runtime: 'nodejs24.x' }, 1);
  });

  test('server properties, a customer KMS key, per-broker monitoring, no broker logs', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new DualStackMskCluster(stack, 'Kafka', {
      vpc, encryptionKey: key, serverProperties: 'auto.create.topics.enable=false', brokerLogs: false, monitoringLevel: MskMonitoringLevel.PER_BROKER,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::MSK::Configuration', { ServerProperties: 'auto.create.topics.enable=false', KafkaVersionsList: ['3.8.x'] });
    template.hasResourceProperties('AWS::MSK::Cluster', {
      EncryptionInfo: Match.objectLike({ EncryptionAtRest: { DataVolumeKMSKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } } }),
      ConfigurationInfo: { Arn: Match.anyValue(), Revision: Match.anyValue() },
      EnhancedMonitoring: 'PER_BROKER',
      LoggingInfo: Match.absent(),
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 1 + 3); // the VPC's flow logs + the switch provider's three
  });

  test('IAM port per family from the VPC ranges only', () => {
    expect(ingress(build().template)).toEqual(['ipv4 9098', 'ipv6 20098']);
  });

  test('ports of every enabled method', () => {
    const { template, cluster } = build({ clientAuthentication: { iam: true, scram: true, mutualTlsCertificateAuthorityArns: ['arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/abc'] } });
    expect(ingress(template)).toEqual(['ipv4 9094', 'ipv4 9096', 'ipv4 9098', 'ipv6 20094', 'ipv6 20096', 'ipv6 20098']);
    expect(cluster.listeners).toEqual([MskListener.TLS, MskListener.SASL_SCRAM, MskListener.SASL_IAM]);
    template.hasResourceProperties('Custom::MskDualStackSwitch', {
      RequiredBootstrapBrokers: [
        'BootstrapBrokerStringTls', 'BootstrapBrokerStringTlsIpv6', 'BootstrapBrokerStringSaslScram', 'BootstrapBrokerStringSaslScramIpv6',
        'BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6',
      ],
    });
  });

  test('no wide-open ingress', () => {
    const rules = Object.values<any>(build().template.findResources('AWS::EC2::SecurityGroup')).flatMap(sg => sg.Properties.SecurityGroupIngress ?? []);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter(r => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0')).toEqual([]);
  });

  test('allowDefaultPortFrom opens the right port for each family', () => {
    const { cluster } = build({ allowVpcClients: false });
    const stack = Stack.of(cluster);
    const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['a'] }) });
    cluster.connections.allowDefaultPortFrom(clients);
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv6('2001:db8::/56'));
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.1.0.0/16'));
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 9098, SourceSecurityGroupId: Match.anyValue() }, 1);
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 20098, SourceSecurityGroupId: Match.anyValue() }, 1);
    expect(ingress(template)).toEqual(['ipv4 9098', 'ipv6 20098']);
  });

  test('outputs: the ARN and both bootstrap broker strings, only when asked', () => {
    expect(Object.keys(build().template.findOutputs('*'))).toEqual([]);
    const outputs = build({ outputs: true }).template.findOutputs('*');
    expect(Object.values<any>(outputs).map(o => Object.values<any>(o.Value)[0][1] ?? o.Value)).toEqual(['Arn', 'BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6']);
  });

  test('waits for the IPv6 blocks an Ipv6Upgrade adds to its client subnets', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
    const upgrade = new Ipv6Upgrade(stack, 'Ipv6', { vpc });
    new DualStackMskCluster(stack, 'Kafka', { vpc, vpcIpv6CidrBlock: upgrade.vpcIpv6CidrBlock });
    const template = Template.fromStack(stack);
    const blocks = Object.keys(template.findResources('AWS::EC2::SubnetCidrBlock'));
    expect(blocks).toHaveLength(4);
    template.hasResource('Custom::MskDualStackSwitch', { DependsOn: Match.arrayWith(blocks.filter(id => /Private/.test(id))) });
  });

  test('no unacknowledged AwsSolutions or Ipv6Ready finding', () => {
    const { stack } = build({ outputs: true });
    const app = stack.node.root as App;
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  const bad: Array<[string, Partial<DualStackMskClusterProps>, RegExp]> = [
    ['Kafka older than 3.6.0', { kafkaVersion: KafkaVersion.of('3.5.1') }, /kafkaVersion: '3\.5\.1' has no dual-stack/],
    ['kafka.t3.small', { instanceType: BrokerInstanceType.KAFKA_T3_SMALL }, /instanceType: kafka\.t3\.small has no dual-stack/],
    ['broker count not a multiple of zones', { numberOfBrokerNodes: 3 }, /numberOfBrokerNodes: 3 is not a multiple of the 2 client subnets/],
    ['plaintext without unauthenticated', { clientBrokerEncryption: ClientBrokerEncryption.TLS_PLAINTEXT }, /clientBrokerEncryption: TLS_PLAINTEXT allows plaintext/],
    ['no auth at all', { clientAuthentication: { iam: false } }, /clientAuthentication: every method is off/],
    ['EBS on Express', { instanceType: BrokerInstanceType.EXPRESS_M7G_LARGE, ebsVolumeSize: 100 }, /ebsVolumeSize: Express brokers/],
  ];
  test.each(bad)('bad input: %s, and nothing left behind', (_name, props, message) => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc, ...props })).toThrow(new RegExp(`^\\[Stack/Kafka\\] .*${message.source}`));
    expect(stack.node.tryFindChild('Kafka')?.node.children ?? []).toEqual([]);
    expect(stack.node.tryFindChild('Ipv6ReadyMskDualStackSwitchProvider')).toBeUndefined();
  });

  test('bad input: one subnet', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc, vpcSubnets: { subnets: [vpc.privateSubnets[0]] } }))
      .toThrow(/vpcSubnets: the selection has 1 subnets\. This cluster takes 2 to 3/);
  });

  test('bad input: a VPC without IPv6', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc })).toThrow(/\[Stack\/Kafka\] vpc: the VPC has no IPv6 block/);
  });

  test('bad input: subnets without IPv6 in a VPC that has it', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc, vpcIpv6CidrBlock: '2001:db8::/56' })).toThrow(/Stack\/Vpc\/PrivateSubnet1, Stack\/Vpc\/PrivateSubnet2 have no IPv6 block/);
  });

  test('bad input: IPv6-only subnets', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc', {
      subnetGroups: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true },
      ],
    });
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc, vpcSubnets: { subnetGroupName: 'Native' } })).toThrow(/are IPv6-only/);
  });

  test('bad input: two subnets in one zone', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc', {
      maxAzs: 1,
      subnetGroups: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'A', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'B', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    // Both private groups (the default takes one group only).
    expect(() => new DualStackMskCluster(stack, 'Kafka', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }))
      .toThrow(/vpcSubnets: two client subnets share an availability zone/);
  });

  const overrides: Array<[string, object, RegExp]> = [
    ['a raw DUAL_STACK network type', { networkType: 'DUAL_STACK' }, /networkType: 'DUAL_STACK' is not a value CloudFormation accepts/],
    ['DUAL at creation', { networkType: 'DUAL' }, /networkType: 'DUAL' is set on the cluster\. MSK creates clusters as IPv4 only/],
    ['multi-VPC private connectivity', { vpcConnectivity: { clientAuthentication: { sasl: { iam: { enabled: true } } } } }, /vpcConnectivity: multi-VPC private connectivity/],
  ];
  test.each(overrides)('bad override: %s', (_name, connectivityInfo, message) => {
    const { stack, cluster } = build();
    cluster.cfnCluster.brokerNodeGroupInfo = { ...cluster.cfnCluster.brokerNodeGroupInfo as object, connectivityInfo } as any;
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test('bad override: public access with unauthenticated clients', () => {
    const { stack, cluster } = build({ clientAuthentication: { unauthenticated: true, iam: false } });
    cluster.cfnCluster.brokerNodeGroupInfo = { ...cluster.cfnCluster.brokerNodeGroupInfo as object, connectivityInfo: { publicAccess: { type: 'SERVICE_PROVIDED_EIPS' } } } as any;
    expect(() => Template.fromStack(stack)).toThrow(/publicAccess: 'SERVICE_PROVIDED_EIPS' with unauthenticated clients/);
  });
});

describe('grants for IAM clients', () => {
  test('connect, read with a consumer group, write, bootstrap brokers: each scoped to this cluster', () => {
    const { stack, cluster } = build();
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const grants = [
      cluster.grantReadTopic(role, 'orders', 'billing'),
      cluster.grantWriteTopic(role, 'invoices'),
      cluster.grantBootstrapBrokers(role),
    ];
    expect(grants.every(g => g.success)).toBe(true);
    const statements = statementsOf(Template.fromStack(stack), 'ClientDefaultPolicy');
    const clusterArn = { 'Fn::GetAtt': [stack.getLogicalId(cluster.cfnCluster), 'Arn'] };
    const scoped = (kind: string, name: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kafka:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${kind}/`, {
        'Fn::Join': ['/', [
          { 'Fn::Select': [1, { 'Fn::Split': ['/', clusterArn] }] },
          { 'Fn::Select': [2, { 'Fn::Split': ['/', clusterArn] }] },
          name,
        ]],
      }]],
    });
    expect(statements).toEqual([
      { Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'], Effect: 'Allow', Resource: clusterArn },
      { Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'], Effect: 'Allow', Resource: scoped('topic', 'orders') },
      { Action: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'], Effect: 'Allow', Resource: scoped('group', 'billing') },
      { Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'], Effect: 'Allow', Resource: scoped('topic', 'invoices') },
      // Idempotent producers (the Kafka 3.x default): a cluster-level action in the MSK guide.
      { Action: 'kafka-cluster:WriteDataIdempotently', Effect: 'Allow', Resource: clusterArn },
      { Action: 'kafka:GetBootstrapBrokers', Effect: 'Allow', Resource: clusterArn },
    ]);
    expect(statements.filter(s => s.Resource === '*')).toEqual([]);
  });
});

describe('removal: a failed first deployment leaves nothing billed behind, and a stack deletion is refused while the cluster lives', () => {
  /** DeletionPolicy and UpdateReplacePolicy of every resource of a type. */
  function policies(template: Template, type: string) {
    return Object.values<any>(template.findResources(type)).map(r => `${r.DeletionPolicy}/${r.UpdateReplacePolicy}`);
  }

  test('default: the cluster, its configuration and its broker log group are RetainExceptOnCreate, and the switch guards the stack deletion', () => {
    const { template } = build({ serverProperties: 'auto.create.topics.enable=false' });
    // A rollback of the first deployment deletes them; a later deletion or replacement keeps them.
    expect(policies(template, 'AWS::MSK::Cluster')).toEqual(['RetainExceptOnCreate/Retain']);
    expect(policies(template, 'AWS::MSK::Configuration')).toEqual(['RetainExceptOnCreate/Retain']);
    const brokerLogs = Object.entries<any>(template.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('KafkaBrokerLogs'));
    expect(brokerLogs.map(([, r]) => `${r.DeletionPolicy}/${r.UpdateReplacePolicy}`)).toEqual(['RetainExceptOnCreate/Retain']);
    template.hasResourceProperties('Custom::MskDualStackSwitch', { RefuseStackDeletionWhileClusterExists: 'true' });
  });

  test('nothing MSK is plain Retain, which a failed first deployment would leave running', () => {
    const { template } = build({ serverProperties: 'auto.create.topics.enable=false' });
    const ofTheCluster = Object.entries<any>(template.toJSON().Resources).filter(([id, r]) => r.Type.startsWith('AWS::MSK::') || id.startsWith('Kafka'));
    expect(ofTheCluster.length).toBeGreaterThan(5);
    expect(ofTheCluster.filter(([, r]) => r.DeletionPolicy === 'Retain').map(([id]) => id)).toEqual([]);
  });

  test('RemovalPolicy.DESTROY: deleted with the stack, no guard', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.DESTROY, serverProperties: 'x=1' });
    expect(policies(template, 'AWS::MSK::Cluster')).toEqual(['Delete/Delete']);
    expect(policies(template, 'AWS::MSK::Configuration')).toEqual(['Delete/Delete']);
    template.hasResourceProperties('Custom::MskDualStackSwitch', { RefuseStackDeletionWhileClusterExists: Match.absent() });
  });

  test('an aspect that makes everything DESTROY after the construct chose also turns the guard off', () => {
    const { stack } = build();
    RemovalPolicies.of(stack).destroy();
    const template = Template.fromStack(stack);
    expect(policies(template, 'AWS::MSK::Cluster')).toEqual(['Delete/Delete']);
    template.hasResourceProperties('Custom::MskDualStackSwitch', { RefuseStackDeletionWhileClusterExists: Match.absent() });
  });

  test('RemovalPolicy.RETAIN, if asked for: Retain, and the guard', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.RETAIN });
    expect(policies(template, 'AWS::MSK::Cluster')).toEqual(['Retain/Retain']);
    template.hasResourceProperties('Custom::MskDualStackSwitch', { RefuseStackDeletionWhileClusterExists: 'true' });
  });

  test('the guard runs before the subnets and security groups go: the switch depends on the cluster, which uses them', () => {
    const { stack, cluster, template } = build();
    const clusterId = stack.getLogicalId(cluster.cfnCluster);
    const switchResource = Object.values<any>(template.findResources('Custom::MskDualStackSwitch'))[0];
    expect(switchResource.Properties.ClusterArn).toEqual({ 'Fn::GetAtt': [clusterId, 'Arn'] });
    const info = template.toJSON().Resources[clusterId].Properties.BrokerNodeGroupInfo;
    expect(JSON.stringify(info.ClientSubnets)).toContain('VpcPrivateSubnet1');
    expect(JSON.stringify(info.SecurityGroups)).toContain('KafkaSecurityGroup');
  });
});

describe('DualStackMskCluster.fromClusterAttributes', () => {
  const ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2';
  function imported(attributes: Partial<DualStackMskClusterAttributes> = {}) {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const brokers = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Brokers', 'sg-0123456789abcdef0', { mutable: true });
    const cluster = DualStackMskCluster.fromClusterAttributes(stack, 'Orders', { clusterArn: ARN, securityGroups: [brokers], ...attributes });
    return { stack, cluster };
  }

  test('connections open the IPv4 and IPv6 port of each listener on the given security groups', () => {
    const { stack, cluster } = imported({ listeners: [MskListener.TLS, MskListener.SASL_IAM] });
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv6('2001:db8::/56'));
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.1.0.0/16'));
    const rules = Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroupIngress')).map(r => r.Properties);
    expect(rules.map(r => `${r.GroupId} ${r.CidrIpv6 ?? r.CidrIp} ${r.FromPort}`).sort()).toEqual([
      'sg-0123456789abcdef0 10.1.0.0/16 9094', 'sg-0123456789abcdef0 10.1.0.0/16 9098',
      'sg-0123456789abcdef0 2001:db8::/56 20094', 'sg-0123456789abcdef0 2001:db8::/56 20098',
    ]);
    expect(cluster.connections.defaultPort?.toString()).toBe('9094');
  });

  test('the grants of the library\'s clusters, on the imported ARN and its topics', () => {
    const { stack, cluster } = imported();
    const role = new iam.Role(stack, 'Producer', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    expect(cluster.grantWriteTopic(role, 'orders').success).toBe(true);
    cluster.grantBootstrapBrokers(role);
    const statements = statementsOf(Template.fromStack(stack), 'ProducerDefaultPolicy');
    expect(statements).toEqual(expect.arrayContaining([
      { Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'], Effect: 'Allow', Resource: ARN },
      { Action: 'kafka-cluster:WriteDataIdempotently', Effect: 'Allow', Resource: ARN },
      { Action: 'kafka:GetBootstrapBrokers', Effect: 'Allow', Resource: ARN },
    ]));
    const topic = statements.find(s => Array.isArray(s.Action) && s.Action.includes('kafka-cluster:WriteData'));
    expect(JSON.stringify(stack.resolve(topic.Resource))).toContain('orders');
    expect(statements).toHaveLength(4);
  });

  test('bootstrap brokers as given, for example from an MskDualStackSwitch of the same cluster', () => {
    const { cluster } = imported({ bootstrapBrokersIpv4: 'b-1:9098', bootstrapBrokersIpv6: 'bi6-1:20098' });
    expect([cluster.bootstrapBrokersIpv4, cluster.bootstrapBrokersIpv6]).toEqual(['b-1:9098', 'bi6-1:20098']);
  });

  test('a missing attribute throws only when used, naming it', () => {
    const { cluster } = imported({ securityGroups: undefined });
    expect(() => cluster.grantConnect(new iam.AccountRootPrincipal())).not.toThrow();
    expect(() => cluster.connections).toThrow(/^\[Stack\/Orders\] securityGroups: fromClusterAttributes was given none/);
    expect(() => cluster.bootstrapBrokersIpv6).toThrow(/^\[Stack\/Orders\] bootstrapBrokersIpv6: fromClusterAttributes was given none/);
    expect(() => cluster.bootstrapBrokersIpv4).toThrow(/bootstrapBrokersIpv4/);
  });

  test.each([
    ['not a cluster ARN', { clusterArn: 'arn:aws:kafka:eu-west-1:111111111111:topic/orders/uuid/t' }, /clusterArn: '.*' is not an MSK cluster ARN/],
    ['no listener', { listeners: [] }, /listeners: the list is empty/],
  ])('bad input: %s', (_name, attributes, message) => {
    expect(() => imported(attributes)).toThrow(message);
  });
});

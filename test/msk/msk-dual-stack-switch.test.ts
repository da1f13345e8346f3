import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MskClusterKind, MskDualStackSwitch, MskListener } from '../../lib/msk';

const ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2';
/** Serverless cluster ARNs end in -s<n>. */
const SERVERLESS_ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/events/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-s2';

function stackIn(env: { account: string; region: string } | undefined = { account: '111111111111', region: 'eu-west-1' }) {
  return new Stack(new App(), 'Stack', { env });
}

describe('MskDualStackSwitch, a cluster given by ARN', () => {
  test('switches the cluster and reads both strings of a listener', () => {
    const stack = stackIn();
    const sw = new MskDualStackSwitch(stack, 'Switch', { clusterArn: ARN, requiredListeners: [MskListener.SASL_IAM] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::MskDualStackSwitch', {
      ClusterArn: ARN,
      RequiredBootstrapBrokers: ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'],
    });
    const id = stack.getLogicalId(sw.resource.node.defaultChild as any);
    expect(stack.resolve(sw.bootstrapBrokersIpv6(MskListener.TLS))).toEqual({ 'Fn::GetAtt': [id, 'BootstrapBrokerStringTlsIpv6'] });
    expect(stack.resolve(sw.bootstrapBrokersIpv4(MskListener.PLAINTEXT))).toEqual({ 'Fn::GetAtt': [id, 'BootstrapBrokerString'] });
  });

  test('without required listeners the property is left out (the handler then requires those the cluster has enabled), and no deletion guard', () => {
    const stack = stackIn();
    new MskDualStackSwitch(stack, 'Switch', { clusterArn: ARN });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::MskDualStackSwitch', {
      ClusterArn: ARN, RequiredBootstrapBrokers: Match.absent(), RefuseStackDeletionWhileClusterExists: Match.absent(),
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('cloudformation:DescribeStacks');
  });

  test('the deletion guard reads only this stack\'s status', () => {
    const stack = stackIn();
    new MskDualStackSwitch(stack, 'Switch', { clusterArn: ARN, refuseStackDeletionWhileClusterExists: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::MskDualStackSwitch', { RefuseStackDeletionWhileClusterExists: 'true' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SwitchPermissions'),
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'cloudformation:DescribeStacks', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } }]) },
    });
  });

  test('least privilege: Kafka actions on that ARN; serverless gets ModifyVpcEndpoint instead of CreateTags', () => {
    const stack = stackIn();
    new MskDualStackSwitch(stack, 'Switch', { clusterArn: SERVERLESS_ARN, clusterKind: MskClusterKind.SERVERLESS });
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .filter(p => p.Properties.PolicyName.startsWith('SwitchPermissions'))
      .flatMap(p => p.Properties.PolicyDocument.Statement);
    const ec2 = (type: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ec2:eu-west-1:111111111111:${type}/*`]] });
    expect(statements).toEqual([
      { Action: ['kafka:DescribeClusterV2', 'kafka:ListClusterOperationsV2', 'kafka:UpdateConnectivity', 'kafka:GetBootstrapBrokers'], Effect: 'Allow', Resource: SERVERLESS_ARN },
      { Action: 'kafka:DescribeClusterOperationV2', Effect: 'Allow', Resource: '*' },
      { Action: 'ec2:DescribeSubnets', Effect: 'Allow', Resource: '*' },
      { Action: 'ec2:ModifyVpcEndpoint', Effect: 'Allow', Resource: [ec2('vpc-endpoint'), ec2('subnet'), ec2('security-group')] },
    ]);
  });

  test.each([
    ['not an MSK ARN', 'arn:aws:s3:::bucket', /clusterArn: 'arn:aws:s3:::bucket' is not an MSK cluster ARN/],
    ['a topic ARN', 'arn:aws:kafka:eu-west-1:111111111111:topic/orders/uuid/t', /is not an MSK cluster ARN/],
    ['another region', ARN.replace('eu-west-1', 'us-east-1'), /is in region us-east-1, and this stack deploys to eu-west-1/],
    ['another account', ARN.replace('111111111111', '222222222222'), /is in account 222222222222, and this stack deploys to 111111111111/],
  ])('bad input: %s', (_name, clusterArn, message) => {
    const stack = stackIn();
    expect(() => new MskDualStackSwitch(stack, 'Switch', { clusterArn })).toThrow(message);
    expect(stack.node.tryFindChild('Switch')?.node.children).toEqual([]);
  });

  test('an environment-agnostic stack takes an ARN of any region and account', () => {
    const stack = stackIn(undefined);
    expect(() => new MskDualStackSwitch(stack, 'Switch', { clusterArn: ARN })).not.toThrow();
  });
});

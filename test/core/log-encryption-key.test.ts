import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DualStackMskCluster, DualStackVpc } from '../../lib';

const logsMayUseTheKey = Match.objectLike({
  Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } },
  Action: Match.arrayWith(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']),
  Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
});

describe('log groups encrypted with a KMS key', () => {
  test('every log group of a VPC and an MSK cluster has a key that CloudWatch Logs may use', () => {
    const stack = new Stack(new App(), 'Stack');
    new DualStackMskCluster(stack, 'Kafka', { vpc: new DualStackVpc(stack, 'Vpc') });
    const t = Template.fromStack(stack);
    const groups = Object.values(t.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toEqual(5); // flow logs, broker logs, the switch's handler, provider and waiter logs
    for (const group of groups) {
      expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/LogKey/), 'Arn'] });
    }
    // The VPC's, the cluster's and the switch provider's, each rotated and usable by CloudWatch Logs.
    t.resourcePropertiesCountIs('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('^Encrypts the'),
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([logsMayUseTheKey]) },
    }, 3);
  });

  test('a given key is used, and no key is created', () => {
    const stack = new Stack(new App(), 'Stack');
    const key = new kms.Key(stack, 'Mine');
    new DualStackVpc(stack, 'Vpc', { logEncryptionKey: key });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } });
    t.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([logsMayUseTheKey]) } });
  });

  test('no flow logs, no key', () => {
    const stack = new Stack(new App(), 'Stack');
    new DualStackVpc(stack, 'Vpc', { flowLogs: {} });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });
});

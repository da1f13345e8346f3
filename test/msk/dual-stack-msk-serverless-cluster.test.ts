import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackMskServerlessCluster, DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

function build() {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const cluster = new DualStackMskServerlessCluster(stack, 'Serverless', { vpc, outputs: true });
  return { stack, vpc, cluster, template: Template.fromStack(stack) };
}

describe('DualStackMskServerlessCluster', () => {
  test('IAM auth, retained except on a failed create, switched to DUAL by the custom resource (CloudFormation has no property for it)', () => {
    const { stack, cluster, template } = build();
    template.hasResource('AWS::MSK::ServerlessCluster', {
      Properties: {
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
        VpcConfigs: [{ SubnetIds: Match.anyValue(), SecurityGroups: Match.anyValue() }],
      },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('Custom::MskDualStackSwitch', {
      ClusterArn: { 'Fn::GetAtt': [stack.getLogicalId(cluster.cfnCluster), 'Arn'] },
      RequiredBootstrapBrokers: ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'],
      RefuseStackDeletionWhileClusterExists: 'true',
    });
    expect(Object.keys(template.findOutputs('*'))).toHaveLength(3);
  });

  test('the serverless EC2 permissions: DescribeSubnets and ModifyVpcEndpoint, no CreateTags', () => {
    const actions = Object.entries<any>(build().template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('ServerlessDualStackPermissions'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.map((s: any) => s.Action)).flat();
    expect(actions).toEqual([
      'kafka:DescribeClusterV2', 'kafka:ListClusterOperationsV2', 'kafka:UpdateConnectivity', 'kafka:GetBootstrapBrokers',
      'kafka:DescribeClusterOperationV2', 'ec2:DescribeSubnets', 'ec2:ModifyVpcEndpoint', 'cloudformation:DescribeStacks',
    ]);
  });

  test('9098 from the VPC\'s IPv4 range and 20098 from its IPv6 range, nothing else', () => {
    const sg = Object.values<any>(build().template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: 'Endpoints of Stack/Serverless' } }))[0];
    expect(sg.Properties.SecurityGroupIngress.map((r: any) => `${r.CidrIpv6 ? 'ipv6' : 'ipv4'} ${r.FromPort}-${r.ToPort}`)).toEqual(['ipv4 9098-9098', 'ipv6 20098-20098']);
  });

  test('no unacknowledged AwsSolutions or Ipv6Ready finding', () => {
    const { stack } = build();
    const app = stack.node.root as App;
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('bad input: a VPC without IPv6, and nothing left behind', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    expect(() => new DualStackMskServerlessCluster(stack, 'Serverless', { vpc })).toThrow(/^\[Stack\/Serverless\] vpc: the VPC has no IPv6 block/);
    expect(stack.node.tryFindChild('Serverless')?.node.children).toEqual([]);
  });

  test('bad input: one subnet', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    expect(() => new DualStackMskServerlessCluster(stack, 'Serverless', { vpc, vpcSubnets: { subnets: [vpc.privateSubnets[0]] } }))
      .toThrow(/vpcSubnets: the selection has 1 subnets\. This cluster takes 2 to 5/);
  });
});

import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { App, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { MskDualStackUpgrade } from '../../lib';
import { destructiveChanges } from '../support/replacement';

type Change = (cluster: msk.CfnCluster, vpc: ec2.Vpc) => void;

/** An IPv4 MSK cluster as a platform team has it today, in a VPC that already has IPv6; `change` then edits it. */
function legacyTemplate(change?: Change) {
  const stack = new Stack(new App({ analyticsReporting: false }), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false });
  const sg = new ec2.SecurityGroup(stack, 'Brokers', { vpc, allowAllOutbound: false });
  sg.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(9098));
  const cluster = new msk.CfnCluster(stack, 'Cluster', {
    clusterName: 'orders',
    kafkaVersion: '3.8.x',
    numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: {
      instanceType: 'kafka.m7g.large',
      clientSubnets: vpc.privateSubnets.map(s => s.subnetId),
      securityGroups: [sg.securityGroupId],
    },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  change?.(cluster, vpc);
  return Template.fromStack(stack);
}

const brokersOf = (cluster: msk.CfnCluster) => cluster.brokerNodeGroupInfo as msk.CfnCluster.BrokerNodeGroupInfoProperty;

const upgrade: Change = (cluster, vpc) => new MskDualStackUpgrade(Stack.of(cluster), 'DualStack', {
  cluster,
  ipv6ClientCidrs: [Fn.select(0, vpc.vpcIpv6CidrBlocks)],
});

describe('MskDualStackUpgrade', () => {
  test('switches NetworkType to DUAL and adds IPv6 ingress on the existing group', () => {
    const template = legacyTemplate(upgrade);
    template.hasResourceProperties('AWS::MSK::Cluster', {
      BrokerNodeGroupInfo: Match.objectLike({ ConnectivityInfo: { NetworkType: 'DUAL' } }),
    });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Brokers'), 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 20098,
      ToPort: 20098,
      CidrIpv6: Match.anyValue(),
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
  });

  test('opens the IPv6 port of every authentication method of the cluster', () => {
    let upgraded: MskDualStackUpgrade | undefined;
    legacyTemplate((cluster, vpc) => {
      cluster.clientAuthentication = { sasl: { iam: { enabled: true }, scram: { enabled: true } }, tls: { certificateAuthorityArnList: ['arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/abc'] } };
      upgraded = new MskDualStackUpgrade(Stack.of(cluster), 'DualStack', { cluster, ipv6ClientCidrs: [Fn.select(0, vpc.vpcIpv6CidrBlocks)] });
    });
    expect(upgraded!.ipv6Ports).toEqual([20094, 20096, 20098]);
  });

  test('the migration replaces and removes nothing (top-level diff and nested replacement facts)', () => {
    const before = legacyTemplate().toJSON();
    const after = legacyTemplate(upgrade).toJSON();
    expect(destructiveChanges(before, after)).toEqual([]);
    const changed: string[] = [];
    fullDiff(before, after).resources.forEachDifference((id, change) => changed.push(`${id} ${change.changeImpact}`));
    expect(changed.sort()).toEqual([
      'Cluster WILL_UPDATE',
      expect.stringMatching(/^DualStackGroup0sasliamIpv6From0\w* WILL_CREATE$/),
    ].sort());
  });

  test('a change that would replace the cluster is caught, although cloudformation-diff calls it an update', () => {
    const before = legacyTemplate().toJSON();
    const newGroup: Change = (cluster, vpc) => {
      const group = new ec2.SecurityGroup(Stack.of(cluster), 'NewBrokers', { vpc });
      cluster.brokerNodeGroupInfo = { ...brokersOf(cluster), securityGroups: [group.securityGroupId] };
    };
    const after = legacyTemplate(newGroup).toJSON();
    let topLevel: string | undefined;
    fullDiff(before, after).resources.forEachDifference((id, change) => { if (id === 'Cluster') topLevel = change.changeImpact; });
    expect(topLevel).toEqual(ResourceImpact.WILL_UPDATE);
    expect(destructiveChanges(before, after)).toEqual(['Cluster.BrokerNodeGroupInfo.SecurityGroups: replacement']);

    const otherSubnets: Change = (cluster, vpc) => {
      cluster.brokerNodeGroupInfo = { ...brokersOf(cluster), clientSubnets: vpc.publicSubnets.map(s => s.subnetId) };
    };
    expect(destructiveChanges(before, legacyTemplate(otherSubnets).toJSON())).toEqual(['Cluster.BrokerNodeGroupInfo.ClientSubnets: replacement']);
  });

  const bad: Array<[string, Change, RegExp]> = [
    ['a raw DUAL_STACK network type', c => {
      c.brokerNodeGroupInfo = { ...brokersOf(c), connectivityInfo: { networkType: 'DUAL_STACK' } };
    }, /NetworkType 'DUAL_STACK', which CloudFormation does not accept/],
    ['a cluster that is already dual-stack', c => {
      c.brokerNodeGroupInfo = { ...brokersOf(c), connectivityInfo: { networkType: 'DUAL' } };
    }, /is already dual-stack/],
    ['Kafka older than 3.6.0', c => { c.kafkaVersion = '3.5.1'; }, /runs Kafka 3\.5\.1; MSK offers dual-stack from 3\.6\.0/],
    ['kafka.t3.small', c => {
      c.brokerNodeGroupInfo = { ...brokersOf(c), instanceType: 'kafka.t3.small' };
    }, /uses kafka\.t3\.small/],
    ['multi-VPC private connectivity', c => {
      const vpcConnectivity = { clientAuthentication: { sasl: { iam: { enabled: true } } } };
      c.brokerNodeGroupInfo = { ...brokersOf(c), connectivityInfo: { vpcConnectivity } };
    }, /multi-VPC private connectivity/],
  ];
  test.each(bad)('bad input: %s', (_name, edit, message) => {
    expect(() => legacyTemplate((cluster, vpc) => { edit(cluster, vpc); upgrade(cluster, vpc); })).toThrow(message);
  });

  test('bad input: ::/0 and an empty source list', () => {
    expect(() => legacyTemplate(cluster => new MskDualStackUpgrade(Stack.of(cluster), 'U', { cluster, ipv6ClientCidrs: ['::/0'] }))).toThrow(/ipv6ClientCidrs: '::\/0' is ::\/0, which admits every IPv6 address/);
    expect(() => legacyTemplate(cluster => new MskDualStackUpgrade(Stack.of(cluster), 'U', { cluster, ipv6ClientCidrs: [] }))).toThrow(/ipv6ClientCidrs: the list is empty/);
  });
});

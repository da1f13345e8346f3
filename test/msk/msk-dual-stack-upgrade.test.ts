import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { App, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as msk from 'aws-cdk-lib/aws-msk';
import { MskDualStackUpgrade } from '../../lib';
import { migrateLegacyVpcAndKafka } from '../support/migration';
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

  test('in one deployment with Ipv6Upgrade, the switch waits for the IPv6 blocks of the client subnets and of the VPC', () => {
    const stack = new Stack(new App({ analyticsReporting: false }), 'Stack');
    migrateLegacyVpcAndKafka(stack);
    const resources = Template.fromStack(stack).toJSON().Resources;
    const [cluster] = Object.values<any>(resources).filter(r => r.Type === 'AWS::MSK::Cluster');
    const clientSubnets = cluster.Properties.BrokerNodeGroupInfo.ClientSubnets.map((s: any) => s.Ref);
    const blocksOf = (subnets: string[]) => Object.keys(resources).filter(id => resources[id].Type === 'AWS::EC2::SubnetCidrBlock'
      && subnets.includes(resources[id].Properties.SubnetId.Ref));
    const vpcBlock = Object.keys(resources).filter(id => resources[id].Type === 'AWS::EC2::VPCCidrBlock');
    expect(blocksOf(clientSubnets)).toHaveLength(2);
    expect(vpcBlock).toHaveLength(1);
    expect(cluster.DependsOn).toEqual(expect.arrayContaining([...blocksOf(clientSubnets), ...vpcBlock]));
    // Only what the switch needs: not the public subnets' blocks.
    const publicSubnets = Object.keys(resources).filter(id => resources[id].Type === 'AWS::EC2::Subnet' && !clientSubnets.includes(id));
    expect(cluster.DependsOn).not.toEqual(expect.arrayContaining(blocksOf(publicSubnets).slice(0, 1)));
  });

  test('only the blocks of its own subnets: a second stack with the same logical ids is not waited for', () => {
    const app = new App({ analyticsReporting: false });
    const stacks = ['One', 'Two'].map(name => new Stack(app, name));
    stacks.forEach(stack => migrateLegacyVpcAndKafka(stack));
    const resources = Template.fromStack(stacks[0]).toJSON().Resources;
    const [cluster] = Object.values<any>(resources).filter(r => r.Type === 'AWS::MSK::Cluster');
    expect(cluster.DependsOn.every((id: string) => resources[id] !== undefined)).toBe(true);
    expect(cluster.DependsOn).toHaveLength(3);
    // No dependency between the stacks (each depends only on its asset manifest).
    expect(app.synth().stacks.map(s => s.dependencies.map(d => d.id).filter(id => ['One', 'Two'].includes(id)))).toEqual([[], []]);
  });

  test('blocks made by any construct, after the upgrade, on literal subnet ids, count too', () => {
    const stack = new Stack(new App({ analyticsReporting: false }), 'Stack');
    const cluster = new msk.CfnCluster(stack, 'Cluster', {
      clusterName: 'orders',
      kafkaVersion: '3.8.x',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: ['subnet-0aaa', 'subnet-0bbb'], securityGroups: ['sg-0123'] },
    });
    new MskDualStackUpgrade(stack, 'DualStack', { cluster, ipv6ClientCidrs: ['2001:db8:1200::/56'] });
    const blocks = ['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc'].map(subnetId =>
      new ec2.CfnSubnetCidrBlock(stack, `Block${subnetId}`, { subnetId, ipv6CidrBlock: '2001:db8:1200::/64' }));
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Cluster.DependsOn).toEqual(blocks.slice(0, 2).map(b => stack.getLogicalId(b)));
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

import { isDeepStrictEqual } from 'util';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as msk from 'aws-cdk-lib/aws-msk';
import {
  BrokerInstanceType, DualStackMskCluster, DualStackMskClusterProps, DualStackMskServerlessCluster, DualStackSubnetGroup, DualStackVpc,
  Ipv6EksCluster, Ipv6EksClusterProps,
  Ipv6Upgrade, MskDualStackUpgrade, ReplacementKind, TemplateReplacements,
} from '../../lib';
import { twoPrivateGroupsVpc } from '../support/migration';

/**
 * The migration matrix: each case synthesizes an app before and after one change, and the public
 * replacement check judges what deploying the second over the first does. No case may replace or
 * remove a stateful resource, except the one that is meant to (and must be caught).
 */

type Json = { [key: string]: any };
const ENV = { account: '111111111111', region: 'us-east-1' };
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function synth(build: (stack: Stack) => void): Json {
  const stack = new Stack(new App({ analyticsReporting: false }), 'Stack', { env: ENV });
  build(stack);
  return Template.fromStack(stack).toJSON();
}

interface Counts {
  /** Resources new in the second template. */
  readonly added: number;
  /** Resources of the first template whose definition changes, updated in place. */
  readonly updated: number;
  /** Resources of the first template replaced or maybe replaced, stateful or not. */
  readonly replaced: number;
  readonly removed: number;
  /** Of those replaced or removed, the stateful ones. */
  readonly stateful: string[];
}

function judge(before: Json, after: Json): Counts {
  const found = TemplateReplacements.compare(before, after);
  const old: Json = before.Resources ?? {};
  const next: Json = after.Resources ?? {};
  return {
    added: Object.keys(next).filter(id => old[id] === undefined).length,
    updated: Object.keys(old)
      .filter(id => next[id] !== undefined && !isDeepStrictEqual(old[id], next[id]) && !found.some(r => r.logicalId === id)).length,
    replaced: found.filter(r => r.kind !== ReplacementKind.REMOVED).length,
    removed: found.filter(r => r.kind === ReplacementKind.REMOVED).length,
    stateful: found.filter(r => r.stateful).map(r => `${r.resourceType} ${r.property ?? r.kind}`),
  };
}

// DualStackVpc, with an MSK cluster in its private subnets of the first two zones.
const PUBLIC: DualStackSubnetGroup = { name: 'Public', subnetType: ec2.SubnetType.PUBLIC };
const PRIVATE: DualStackSubnetGroup = { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
function vpcWithKafka(subnetGroups: DualStackSubnetGroup[], zones = 2) {
  return synth(stack => {
    const vpc = new DualStackVpc(stack, 'Vpc', { subnetGroups, availabilityZones: ZONES.slice(0, zones) });
    new DualStackMskCluster(stack, 'Kafka', { vpc, vpcSubnets: { subnetGroupName: 'Private', availabilityZones: ZONES.slice(0, 2) } });
  });
}

// An IPv4-only aws-cdk-lib Vpc as deployed today.
function legacyVpc(stack: Stack, zones = 2, isolated = false): ec2.Vpc {
  return new ec2.Vpc(stack, 'Legacy', {
    maxAzs: zones,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ...isolated ? [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }] : [],
    ],
  });
}

/** What an EKS-free stack holds besides its VPC: a security group of the user's. */
function eksFreeWorkload(stack: Stack, vpc: ec2.IVpc): void {
  new ec2.SecurityGroup(stack, 'App', { vpc, description: 'An application of the IPv4 era' });
}

function importedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ZONES.slice(0, 2),
    publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
    publicSubnetRouteTableIds: ['rtb-0aaaaaaaaaaaaaaa1', 'rtb-0aaaaaaaaaaaaaaa1'],
    privateSubnetIds: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
    privateSubnetRouteTableIds: ['rtb-0bbbbbbbbbbbbbbb1', 'rtb-0bbbbbbbbbbbbbbb2'],
  });
}

// An IPv4 MSK cluster in the legacy VPC; `upgrade` switches it to dual-stack.
function legacyKafka(stack: Stack, vpc: ec2.Vpc, ipv6?: Ipv6Upgrade) {
  const brokers = new ec2.SecurityGroup(stack, 'Brokers', { vpc, allowAllOutbound: false });
  const cluster = new msk.CfnCluster(stack, 'Kafka', {
    clusterName: 'orders',
    kafkaVersion: '3.8.x',
    numberOfBrokerNodes: 2,
    brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: vpc.privateSubnets.map(s => s.subnetId), securityGroups: [brokers.securityGroupId] },
    clientAuthentication: { sasl: { iam: { enabled: true } } },
  });
  if (ipv6) {
    new MskDualStackUpgrade(stack, 'KafkaDualStack', { cluster, ipv6ClientCidrs: [ipv6.vpcIpv6CidrBlock] });
  }
}

function dualStackKafka(props: Partial<DualStackMskClusterProps> = {}, withKey = false) {
  return synth(stack => {
    const vpc = new DualStackVpc(stack, 'Vpc', { availabilityZones: ZONES.slice(0, 2) });
    const encryptionKey = withKey ? new kms.Key(stack, 'DataKey', { enableKeyRotation: true }) : undefined;
    new DualStackMskCluster(stack, 'Kafka', { vpc, encryptionKey, ...props });
  });
}

function eksCluster(props: Partial<Ipv6EksClusterProps> = {}, extraNodegroup = false) {
  return synth(stack => {
    const vpc = new DualStackVpc(stack, 'Vpc', { availabilityZones: ZONES.slice(0, 2) });
    const cluster = new Ipv6EksCluster(stack, 'Eks', { vpc, ...props });
    if (extraNodegroup) {
      cluster.addNodegroup('Batch', { instanceTypes: [new ec2.InstanceType('m7g.large')], minSize: 0 });
    }
  });
}

// The three constructs a subnet change replaces, with the default subnet selection (or, with
// `pinZones`, the selection the warning gives: today's zones of the default group).
const DATA: DualStackSubnetGroup = { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
function defaultSubnetsStack(stack: Stack, subnetGroups: DualStackSubnetGroup[], zones: number, pinZones = false) {
  const vpc = new DualStackVpc(stack, 'Vpc', { subnetGroups, availabilityZones: ZONES.slice(0, zones) });
  const pinned = pinZones ? { subnetGroupName: 'Private', availabilityZones: ZONES.slice(0, 2) } : undefined;
  new DualStackMskCluster(stack, 'Kafka', { vpc, vpcSubnets: pinned });
  new DualStackMskServerlessCluster(stack, 'Serverless', { vpc, vpcSubnets: pinned });
  new Ipv6EksCluster(stack, 'Eks', { vpc, vpcSubnets: pinned && [pinned], defaultNodegroup: { subnets: pinned } });
}
const withDefaultSubnets = (subnetGroups: DualStackSubnetGroup[], zones: number, pinZones = false) =>
  synth(stack => defaultSubnetsStack(stack, subnetGroups, zones, pinZones));

const twoStepUpgrade = () => {
  const ipv4 = synth(stack => legacyKafka(stack, legacyVpc(stack)));
  const upgraded = synth(stack => {
    const vpc = legacyVpc(stack);
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });
    legacyKafka(stack, vpc);
  });
  const switched = synth(stack => {
    const vpc = legacyVpc(stack);
    legacyKafka(stack, vpc, new Ipv6Upgrade(stack, 'Upgrade', { vpc }));
  });
  return { ipv4, upgraded, switched };
};

const CASES: Array<[string, () => [Json, Json]]> = [
  ['DualStackVpc: a group appended', () => [
    vpcWithKafka([PUBLIC, PRIVATE]),
    vpcWithKafka([PUBLIC, PRIVATE, { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }]),
  ]],
  ['DualStackVpc: a zone added (2 -> 3)', () => [vpcWithKafka([PUBLIC, PRIVATE], 2), vpcWithKafka([PUBLIC, PRIVATE], 3)]],
  ['DualStackVpc: a group inserted with a slot', () => [
    vpcWithKafka([{ ...PUBLIC, slot: 0 }, { ...PRIVATE, slot: 1 }]),
    vpcWithKafka([{ ...PUBLIC, slot: 0 }, { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, slot: 2 }, { ...PRIVATE, slot: 1 }]),
  ]],
  ['DualStackVpc: an IPv6-only group added', () => [
    vpcWithKafka([PUBLIC, PRIVATE]),
    vpcWithKafka([PUBLIC, PRIVATE, { name: 'Pods', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true }]),
  ]],
  ['Ipv6Upgrade: ec2.Vpc, 2 zones', () => [
    synth(stack => legacyVpc(stack, 2)),
    synth(stack => new Ipv6Upgrade(stack, 'Upgrade', { vpc: legacyVpc(stack, 2) })),
  ]],
  ['Ipv6Upgrade: ec2.Vpc, 2 zones, isolated subnets', () => [
    synth(stack => legacyVpc(stack, 2, true)),
    synth(stack => new Ipv6Upgrade(stack, 'Upgrade', { vpc: legacyVpc(stack, 2, true) })),
  ]],
  ['Ipv6Upgrade: ec2.Vpc, 3 zones, isolated subnets', () => [
    synth(stack => legacyVpc(stack, 3, true)),
    synth(stack => new Ipv6Upgrade(stack, 'Upgrade', { vpc: legacyVpc(stack, 3, true) })),
  ]],
  ['Ipv6Upgrade: upgraded ec2.Vpc, two private groups, a zone added', () => {
    const upgraded = (zones: number) => synth(stack =>
      new Ipv6Upgrade(stack, 'Upgrade', { vpc: twoPrivateGroupsVpc(stack, 'Legacy', zones), subnetGroupSlots: { App: 8, Data: 9 } }));
    return [upgraded(2), upgraded(3)];
  }],
  ['Ipv6Upgrade: imported VPC', () => [
    synth(stack => importedVpc(stack)),
    synth(stack => new Ipv6Upgrade(stack, 'Upgrade', { vpc: importedVpc(stack), internetGatewayId: 'igw-0123456789abcdef0' })),
  ]],
  ['Ipv6Upgrade + MskDualStackUpgrade, one deployment', () => [
    synth(stack => legacyKafka(stack, legacyVpc(stack))),
    synth(stack => {
      const vpc = legacyVpc(stack);
      legacyKafka(stack, vpc, new Ipv6Upgrade(stack, 'Upgrade', { vpc }));
    }),
  ]],
  ['Ipv6Upgrade + MskDualStackUpgrade, two deployments: the first', () => {
    const { ipv4, upgraded } = twoStepUpgrade();
    return [ipv4, upgraded];
  }],
  ['Ipv6Upgrade + MskDualStackUpgrade, two deployments: the second', () => {
    const { upgraded, switched } = twoStepUpgrade();
    return [upgraded, switched];
  }],
  ['DualStackMskCluster: brokers 2 -> 4', () => [dualStackKafka(), dualStackKafka({ numberOfBrokerNodes: 4 })]],
  ['DualStackMskCluster: instance type', () => [dualStackKafka(), dualStackKafka({ instanceType: BrokerInstanceType.KAFKA_M7G_XLARGE })]],
  ['DualStackMskCluster: SASL/SCRAM added to IAM', () => [dualStackKafka(), dualStackKafka({ clientAuthentication: { iam: true, scram: true } })]],
  ['Ipv6EksCluster: a node group added', () => [eksCluster(), eksCluster({}, true)]],
  ['Ipv6EksCluster: vpc-cni version bump', () => [
    eksCluster({ vpcCni: { version: 'v1.20.4-eksbuild.1' } }),
    eksCluster({ vpcCni: { version: 'v1.21.1-eksbuild.1' } }),
  ]],
  ['Ipv6EksCluster: Kubernetes version bump (1.36 -> 1.37)', () => [
    eksCluster({ version: eks.KubernetesVersion.V1_36 }),
    eksCluster({ version: eks.KubernetesVersion.V1_37 }),
  ]],
  // Issue 21: brownfield EKS. An IPv4 ec2.Vpc with an EKS-free workload (a security group), then
  // Ipv6Upgrade and a new Ipv6EksCluster in one deployment.
  ['Ipv6Upgrade + a new Ipv6EksCluster in an EKS-free ec2.Vpc', () => [
    synth(stack => eksFreeWorkload(stack, legacyVpc(stack))),
    synth(stack => {
      const vpc = legacyVpc(stack);
      eksFreeWorkload(stack, vpc);
      new Ipv6Upgrade(stack, 'Upgrade', { vpc });
      new Ipv6EksCluster(stack, 'Eks', { vpc });
    }),
  ]],
  ['Ipv6Upgrade + a new Ipv6EksCluster on EKS Auto Mode in an EKS-free ec2.Vpc', () => [
    synth(stack => eksFreeWorkload(stack, legacyVpc(stack))),
    synth(stack => {
      const vpc = legacyVpc(stack);
      eksFreeWorkload(stack, vpc);
      new Ipv6EksCluster(stack, 'Eks', { vpc, ipv6Upgrade: new Ipv6Upgrade(stack, 'Upgrade', { vpc }), defaultCapacityType: eks.DefaultCapacityType.AUTOMODE });
    }),
  ]],
  ['default subnets (MSK, MSK Serverless, EKS): a private group appended', () => [
    withDefaultSubnets([PUBLIC, PRIVATE], 2),
    withDefaultSubnets([PUBLIC, PRIVATE, DATA], 2),
  ]],
  ['default subnets (MSK, MSK Serverless, EKS): a zone added (2 -> 3), zones pinned as the warning says', () => [
    withDefaultSubnets([PUBLIC, PRIVATE], 2, true),
    withDefaultSubnets([PUBLIC, PRIVATE], 3, true),
  ]],
];

/** What each case adds, replaces and removes. Stateful: nothing, in every case. */
const EXPECTED: Record<string, Counts> = {
  // The two gateway endpoints gain the new route tables.
  'DualStackVpc: a group appended': { added: 6, updated: 2, replaced: 0, removed: 0, stateful: [] },
  'DualStackVpc: a zone added (2 -> 3)': { added: 12, updated: 2, replaced: 0, removed: 0, stateful: [] },
  'DualStackVpc: a group inserted with a slot': { added: 6, updated: 2, replaced: 0, removed: 0, stateful: [] },
  'DualStackVpc: an IPv6-only group added': { added: 8, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade: ec2.Vpc, 2 zones': { added: 20, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade: ec2.Vpc, 2 zones, isolated subnets': { added: 26, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade: ec2.Vpc, 3 zones, isolated subnets': { added: 37, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade: upgraded ec2.Vpc, two private groups, a zone added': { added: 26, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade: imported VPC': { added: 21, updated: 0, replaced: 0, removed: 0, stateful: [] },
  // The cluster: NetworkType DUAL, and DependsOn the new IPv6 blocks.
  'Ipv6Upgrade + MskDualStackUpgrade, one deployment': { added: 21, updated: 1, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade + MskDualStackUpgrade, two deployments: the first': { added: 20, updated: 0, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade + MskDualStackUpgrade, two deployments: the second': { added: 1, updated: 1, replaced: 0, removed: 0, stateful: [] },
  'DualStackMskCluster: brokers 2 -> 4': { added: 0, updated: 1, replaced: 0, removed: 0, stateful: [] },
  'DualStackMskCluster: instance type': { added: 0, updated: 1, replaced: 0, removed: 0, stateful: [] },
  // The cluster, its security group (the SCRAM ports) and the switch (the SCRAM bootstrap brokers).
  'DualStackMskCluster: SASL/SCRAM added to IAM': { added: 0, updated: 3, replaced: 0, removed: 0, stateful: [] },
  // CoreDNS waits for the new node group too.
  'Ipv6EksCluster: a node group added': { added: 1, updated: 1, replaced: 0, removed: 0, stateful: [] },
  'Ipv6EksCluster: vpc-cni version bump': { added: 0, updated: 1, replaced: 0, removed: 0, stateful: [] },
  'Ipv6EksCluster: Kubernetes version bump (1.36 -> 1.37)': { added: 0, updated: 1, replaced: 0, removed: 0, stateful: [] },
  // Updated in place: aws-eks-v2 tags the subnets kubernetes.io/role/elb and internal-elb, and the tags reach
  // their route tables, EIPs and NAT gateways (4 subnets, 4 route tables, 2 EIPs, 2 NAT gateways). Nothing is replaced.
  'Ipv6Upgrade + a new Ipv6EksCluster in an EKS-free ec2.Vpc': { added: 33, updated: 12, replaced: 0, removed: 0, stateful: [] },
  'Ipv6Upgrade + a new Ipv6EksCluster on EKS Auto Mode in an EKS-free ec2.Vpc': { added: 26, updated: 12, replaced: 0, removed: 0, stateful: [] },
  // The new group's or zone's subnets; the gateway endpoints gain their route tables, and the EKS
  // cluster (which aws-cdk-lib makes depend on the whole VPC) its new resources in DependsOn.
  'default subnets (MSK, MSK Serverless, EKS): a private group appended': { added: 10, updated: 3, replaced: 0, removed: 0, stateful: [] },
  'default subnets (MSK, MSK Serverless, EKS): a zone added (2 -> 3), zones pinned as the warning says': { added: 12, updated: 3, replaced: 0, removed: 0, stateful: [] },
};

describe('the migration matrix', () => {
  test.each(CASES)('%s: no stateful resource replaced or removed', (name, change) => {
    const [before, after] = change();
    const counts = judge(before, after);
    expect(counts.stateful).toEqual([]);
    expect([name, counts]).toEqual([name, EXPECTED[name]]);
  });

  test('default subnets follow the zones: each construct warns, naming the fix, and the warning is true', () => {
    const stack = new Stack(new App({ analyticsReporting: false }), 'Stack', { env: ENV });
    defaultSubnetsStack(stack, [PUBLIC, PRIVATE], 2);
    const warned = (path: string, id: string, fix: string) => expect(Annotations.fromStack(stack).findWarning(path, Match.stringLikeRegexp(
      `REPLACES the .*Pin today's zones: ${fix.replace(/[[\]{}()]/g, '\\$&')}\\. \\[ack: ${id}\\]`))).toHaveLength(1);
    const zones = "{ subnetGroupName: 'Private', availabilityZones: ['us-east-1a', 'us-east-1b'] }";
    warned('/Stack/Kafka', 'cdk-ipv6-ready:msk:defaultSubnetsFollowZones', `vpcSubnets: ${zones}`);
    warned('/Stack/Serverless', 'cdk-ipv6-ready:mskServerless:defaultSubnetsFollowZones', `vpcSubnets: ${zones}`);
    warned('/Stack/Eks', 'cdk-ipv6-ready:eks:defaultSubnetsFollowZones', `vpcSubnets: [${zones}]`);
    warned('/Stack/Eks/Cluster/NodegroupDefaultNodegroup', 'cdk-ipv6-ready:eksNodegroup:defaultSubnetsFollowZones',
      `subnets: ${zones} (the default node group: defaultNodegroup.subnets)`);

    // What it warns about: with the default, a third zone replaces the clusters (the provisioned
    // cluster's 2 brokers would no longer fit 3 zones, so it is left out here).
    const serverlessAndEks = (zoneCount: number) => synth(s => {
      const vpc = new DualStackVpc(s, 'Vpc', { availabilityZones: ZONES.slice(0, zoneCount) });
      new DualStackMskServerlessCluster(s, 'Serverless', { vpc });
      new Ipv6EksCluster(s, 'Eks', { vpc });
    });
    const replaced = TemplateReplacements.compare(serverlessAndEks(2), serverlessAndEks(3)).filter(r => r.stateful).map(r => r.resourceType);
    expect(replaced).toEqual(expect.arrayContaining(['AWS::MSK::ServerlessCluster', 'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup']));
  });

  test('an explicit selection does not warn', () => {
    const stack = new Stack(new App({ analyticsReporting: false }), 'Stack', { env: ENV });
    defaultSubnetsStack(stack, [PUBLIC, PRIVATE], 2, true);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('defaultSubnetsFollowZones'))).toEqual([]);
  });

  test('the deliberate replacement is caught: encryptionKey added to a DualStackMskCluster', () => {
    const found = TemplateReplacements.compare(dualStackKafka(), dualStackKafka({}, true));
    expect(found.filter(r => r.stateful).map(r => [r.resourceType, r.kind, r.property])).toEqual([
      ['AWS::MSK::Cluster', ReplacementKind.REPLACED, 'EncryptionInfo.EncryptionAtRest'],
    ]);
  });
});

/**
 * Every bad input the library refuses, in one table: each must stop with a message that carries the
 * construct path and names the prop, the bad value and the fix, and must leave no resource behind.
 * Cases marked `new` were silent (a template was written) or answered by aws-cdk-lib with a message
 * naming no prop; the others were already clear and stay so.
 */
import { App, CfnElement, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as msk from 'aws-cdk-lib/aws-msk';
import {
  BrokerInstanceType, DualStackMskCluster, DualStackVpc, Ipv6Pool, Ipv6Upgrade, KafkaVersion, MskClusterKind, MskDualStackSwitch, MskDualStackUpgrade,
} from '../lib';
import { twoPrivateGroupsVpc } from './support/migration';
import { Ipv6EksCluster, NodeOperatingSystem } from '../lib/eks';

interface BadInput {
  /** What is wrong. */
  readonly name: string;
  /** Whether the case was silent or obscure before this table. */
  readonly new: boolean;
  /** The path in the message. */
  readonly path: string;
  /** Text that names the prop, and text that shows the bad value. */
  readonly prop: string;
  readonly value: string;
  /** The fix the message gives. */
  readonly fix: RegExp;
  /**
   * Builds the fixture in `stack` and returns the call that must throw. `synth` cases are refused by
   * a validation at synthesis (an escape hatch, or a fact only the whole app knows).
   */
  readonly act: (stack: Stack) => () => unknown;
  readonly synth?: boolean;
}

const vpc = (props = {}) => (stack: Stack) => () => new DualStackVpc(stack, 'Vpc', props);
const parameter = (stack: Stack, id: string) => new CfnParameter(stack, id);

function mskCluster(props: object = {}, change?: (cluster: DualStackMskCluster) => void) {
  return (stack: Stack) => {
    const network = new DualStackVpc(stack, 'Vpc', { natGateways: 1 });
    return () => {
      const cluster = new DualStackMskCluster(stack, 'Kafka', { vpc: network, ...props });
      change?.(cluster);
    };
  };
}

/** An IPv4 cluster of the user's own, in a dual-stack ec2.Vpc or in one without IPv6. */
function upgrade(ipv6ClientCidrs: string[], ipv6 = true) {
  return (stack: Stack) => {
    const network = new ec2.Vpc(stack, 'Vpc', {
      ipProtocol: ipv6 ? ec2.IpProtocol.DUAL_STACK : ec2.IpProtocol.IPV4_ONLY, maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false,
    });
    const sg = new ec2.SecurityGroup(stack, 'Brokers', { vpc: network, allowAllOutbound: false });
    const cluster = new msk.CfnCluster(stack, 'Cluster', {
      clusterName: 'orders',
      kafkaVersion: '3.8.x',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: [...network.privateSubnets, ...network.isolatedSubnets].map(s => s.subnetId), securityGroups: [sg.securityGroupId] },
      clientAuthentication: { sasl: { iam: { enabled: true } } },
    });
    return () => new MskDualStackUpgrade(stack, 'Upgrade', { cluster, ipv6ClientCidrs });
  };
}

function eksCluster(props: object = {}, then?: (cluster: Ipv6EksCluster, stack: Stack) => void) {
  return (stack: Stack) => {
    const network = new DualStackVpc(stack, 'Vpc');
    if (then === undefined) {
      return () => new Ipv6EksCluster(stack, 'Eks', { vpc: network, ...props });
    }
    const cluster = new Ipv6EksCluster(stack, 'Eks', { vpc: network, defaultNodegroupEnabled: false, ...props });
    return () => then(cluster, stack);
  };
}

const m6i = new ec2.InstanceType('m6i.large');

// Keys CloudWatch Logs cannot use, created before the construct under test (they are not its resources).
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const vpcWithKey = (key: (stack: Stack) => kms.IKey, props = {}) => (stack: Stack) => vpc({ logEncryptionKey: key(stack), ...props })(stack);
const keyOf = (stack: Stack, props: kms.KeyProps) => new kms.Key(stack, 'Key', props);
/** A DualStackVpc whose first private subnet's L1 gets `change` (an escape hatch) after the VPC is built. */
function subnetEscapeHatch(change: (subnet: ec2.CfnSubnet) => void) {
  return (stack: Stack) => () => change(new DualStackVpc(stack, 'Vpc').privateSubnets[0].node.defaultChild as ec2.CfnSubnet);
}

const CASES: BadInput[] = [
  // DualStackVpc
  { name: 'ipv4Cidr with host bits', new: true, path: 'Stack/Vpc', prop: 'ipv4Cidr', value: "'10.0.0.1/16'", fix: /Give the network address, '10\.0\.0\.0\/16'/, act: vpc({ ipv4Cidr: '10.0.0.1/16' }) },
  { name: 'ipv4Cidr prefix out of range', new: false, path: 'Stack/Vpc', prop: 'ipv4Cidr', value: "'10.0.0.0/8'", fix: /use a prefix in that range/, act: vpc({ ipv4Cidr: '10.0.0.0/8' }) },
  { name: 'maxAzs -1', new: true, path: 'Stack/Vpc', prop: 'maxAzs', value: '-1', fix: /Give the number of availability zones to use, 1 to 8/, act: vpc({ maxAzs: -1 }) },
  { name: 'maxAzs 2.5', new: true, path: 'Stack/Vpc', prop: 'maxAzs', value: '2.5', fix: /Give the number of availability zones to use, 1 to 8/, act: vpc({ maxAzs: 2.5 }) },
  { name: 'maxAzs 0', new: true, path: 'Stack/Vpc', prop: 'maxAzs', value: ': 0 ', fix: /Give the number of availability zones to use, 1 to 8/, act: vpc({ maxAzs: 0 }) },
  {
    name: 'maxAzs a token',
    new: true,
    path: 'Stack/Vpc',
    prop: 'maxAzs',
    value: 'Stack/Zones',
    fix: /Give a whole number from 1 to 8/,
    act: stack => vpc({ maxAzs: Token.asNumber(parameter(stack, 'Zones').value) })(stack),
  },
  { name: 'maxAzs 9', new: false, path: 'Stack/Vpc', prop: 'maxAzs', value: '9', fix: /Use at most 8 zones/, act: vpc({ maxAzs: 9 }) },
  { name: 'availabilityZones empty', new: true, path: 'Stack/Vpc', prop: 'availabilityZones', value: 'the list is empty', fix: /Give at least one zone/, act: vpc({ availabilityZones: [] }) },
  {
    name: 'availabilityZones duplicate',
    new: true,
    path: 'Stack/Vpc',
    prop: 'availabilityZones',
    value: "'us-east-1a' is listed twice",
    fix: /list each zone once/,
    act: vpc({ availabilityZones: ['us-east-1a', 'us-east-1a'] }),
  },
  {
    name: 'availabilityZones and maxAzs',
    new: true,
    path: 'Stack/Vpc',
    prop: 'maxAzs',
    value: '2 is given together with availabilityZones',
    fix: /Give one of them/,
    act: vpc({ availabilityZones: ['us-east-1a', 'us-east-1b'], maxAzs: 2 }),
  },
  {
    name: 'an empty group name',
    new: true,
    path: 'Stack/Vpc',
    prop: 'subnetGroups[1]',
    value: "name '' is empty",
    fix: /Give the group a name/,
    act: vpc({ subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: '', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }),
  },
  {
    name: 'group names that collide in logical ids',
    new: true,
    path: 'Stack/Vpc',
    prop: 'subnetGroups[2]',
    value: "'App-A' and 'AppA' both become 'AppA'",
    fix: /Give names that differ in letters or digits/,
    act: vpc({
      subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'AppA', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'App-A', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    }),
  },
  {
    name: 'duplicate group names',
    new: false,
    path: 'Stack/Vpc',
    prop: 'subnetGroups',
    value: "'Public' is used by two groups",
    fix: /make them unique/,
    act: vpc({ subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] }),
  },
  { name: 'more NAT gateways than zones', new: true, path: 'Stack/Vpc', prop: 'natGateways', value: '5 is more than the 2 availability zones', fix: /Give at most 2/, act: vpc({ natGateways: 5 }) },
  { name: 'negative NAT gateways', new: true, path: 'Stack/Vpc', prop: 'natGateways', value: '-1', fix: /Give the number of NAT gateways/, act: vpc({ natGateways: -1 }) },
  { name: 'an empty IPAM pool id', new: true, path: 'Stack/Vpc', prop: 'ipv6Pool', value: "IPAM pool id ''", fix: /Give the id of an IPAM IPv6 pool/, act: vpc({ ipv6Pool: Ipv6Pool.fromIpamPool('') }) },
  {
    name: 'a BYOIP block that is not IPv6',
    new: true,
    path: 'Stack/Vpc',
    prop: 'ipv6Pool',
    value: "'10.0.0.0/16' is not an IPv6 CIDR",
    fix: /Give a \/56 of your IPv6 pool/,
    act: vpc({ ipv6Pool: Ipv6Pool.fromByoipPool('ipv6pool-ec2-1', '10.0.0.0/16') }),
  },
  { name: 'IPAM netmask length', new: false, path: 'Stack/Vpc', prop: 'ipv6Pool', value: '/50', fix: /use 44, 48, 52, 56 or 60/, act: vpc({ ipv6Pool: Ipv6Pool.fromIpamPool('ipam-pool-1', 50) }) },
  {
    name: 'slot a token',
    new: true,
    path: 'Stack/Vpc',
    prop: 'slot',
    value: 'Stack/Slot',
    fix: /Give a whole number from 0/,
    act: stack => vpc({ subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, slot: Token.asNumber(parameter(stack, 'Slot').value) }] })(stack),
  },

  // DualStackMskCluster
  { name: 'kafkaVersion banana', new: true, path: 'Stack/Kafka', prop: 'kafkaVersion', value: "'banana'", fix: /Use a KafkaVersion constant/, act: mskCluster({ kafkaVersion: KafkaVersion.of('banana') }) },
  { name: 'kafkaVersion before 3.6', new: false, path: 'Stack/Kafka', prop: 'kafkaVersion', value: "'3.5.1'", fix: /use KafkaVersion.V3_6_0 or later/, act: mskCluster({ kafkaVersion: KafkaVersion.of('3.5.1') }) },
  {
    name: 'broker type without kafka.',
    new: true,
    path: 'Stack/Kafka',
    prop: 'instanceType',
    value: "'m7g.large'",
    fix: /BrokerInstanceType.of\('kafka.m7g.large'\)/,
    act: mskCluster({ instanceType: BrokerInstanceType.of('m7g.large') }),
  },
  { name: 'kafka.t3.small', new: false, path: 'Stack/Kafka', prop: 'instanceType', value: 'kafka.t3.small', fix: /Use kafka.m7g.large or larger/, act: mskCluster({ instanceType: BrokerInstanceType.KAFKA_T3_SMALL }) },
  {
    name: 'an mTLS CA that is not AWS Private CA',
    new: true,
    path: 'Stack/Kafka',
    prop: 'mutualTlsCertificateAuthorityArns',
    value: "'arn:aws:acm:us-east-1:111122223333:certificate/1'",
    fix: /give its ARN/,
    act: mskCluster({ clientAuthentication: { mutualTlsCertificateAuthorityArns: ['arn:aws:acm:us-east-1:111122223333:certificate/1'] } }),
  },
  { name: 'a cluster name with _', new: true, path: 'Stack/Kafka', prop: 'clusterName', value: "'orders_prod'", fix: /Rename it \(e.g. 'orders-prod'\)/, act: mskCluster({ clusterName: 'orders_prod' }) },
  { name: 'a cluster name over 64', new: true, path: 'Stack/Kafka', prop: 'clusterName', value: `'${'k'.repeat(65)}'`, fix: /Rename it/, act: mskCluster({ clusterName: 'k'.repeat(65) }) },
  { name: 'EBS volume 0', new: true, path: 'Stack/Kafka', prop: 'ebsVolumeSize', value: '0 GiB', fix: /Give one in that range/, act: mskCluster({ ebsVolumeSize: 0 }) },
  { name: 'EBS volume above the maximum', new: true, path: 'Stack/Kafka', prop: 'ebsVolumeSize', value: '20000 GiB', fix: /Give one in that range/, act: mskCluster({ ebsVolumeSize: 20000 }) },
  { name: 'no security groups', new: true, path: 'Stack/Kafka', prop: 'securityGroups', value: 'the list is empty', fix: /Give your groups, or leave securityGroups out/, act: mskCluster({ securityGroups: [] }) },
  { name: 'brokers not a multiple of subnets', new: false, path: 'Stack/Kafka', prop: 'numberOfBrokerNodes', value: '5', fix: /use 2, 4/, act: mskCluster({ numberOfBrokerNodes: 5 }) },
  {
    name: 'addPropertyOverride NetworkType DUAL',
    new: true,
    synth: true,
    path: 'Stack/Kafka',
    prop: 'networkType',
    value: "'DUAL'",
    fix: /remove the override/,
    act: mskCluster({}, c => c.cfnCluster.addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.NetworkType', 'DUAL')),
  },
  {
    name: 'addPropertyOverride NetworkType DUAL_STACK',
    new: true,
    synth: true,
    path: 'Stack/Kafka',
    prop: 'networkType',
    value: "'DUAL_STACK'",
    fix: /Remove the override/,
    act: mskCluster({}, c => c.cfnCluster.addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.NetworkType', 'DUAL_STACK')),
  },
  {
    name: 'addPropertyOverride multi-VPC connectivity',
    new: true,
    synth: true,
    path: 'Stack/Kafka',
    prop: 'vpcConnectivity',
    value: 'multi-VPC private connectivity is set',
    fix: /Remove it, or use an IPv4 cluster/,
    act: mskCluster({}, c => c.cfnCluster.addPropertyOverride('BrokerNodeGroupInfo.ConnectivityInfo.VpcConnectivity', { ClientAuthentication: { Sasl: { Iam: { Enabled: true } } } })),
  },

  // MskDualStackSwitch
  { name: 'clusterArn empty', new: true, path: 'Stack/Switch', prop: 'clusterArn', value: "''", fix: /Pass arn:<partition>:kafka/, act: s => () => new MskDualStackSwitch(s, 'Switch', { clusterArn: '' }) },
  {
    name: 'clusterArn of another service',
    new: false,
    path: 'Stack/Switch',
    prop: 'clusterArn',
    value: "'arn:aws:s3:::bucket'",
    fix: /Pass arn:<partition>:kafka/,
    act: s => () => new MskDualStackSwitch(s, 'Switch', { clusterArn: 'arn:aws:s3:::bucket' }),
  },

  {
    name: 'a provisioned cluster ARN declared serverless',
    new: true,
    path: 'Stack/Switch',
    prop: 'clusterKind',
    value: "'arn:aws:kafka:us-east-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2'",
    fix: /Set clusterKind: MskClusterKind.PROVISIONED/,
    act: s => () => new MskDualStackSwitch(s, 'Switch', { clusterArn: 'arn:aws:kafka:us-east-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2', clusterKind: MskClusterKind.SERVERLESS }),
  },

  // MskDualStackUpgrade
  { name: '0::0/0', new: true, path: 'Stack/Upgrade', prop: 'ipv6ClientCidrs', value: "'0::0/0'", fix: /Give the VPC's IPv6 block/, act: upgrade(['0::0/0']) },
  { name: 'an IPv4 range as IPv6 client', new: true, path: 'Stack/Upgrade', prop: 'ipv6ClientCidrs', value: "'10.0.0.0/16' is not an IPv6 CIDR", fix: /Give IPv6 ranges/, act: upgrade(['10.0.0.0/16']) },
  { name: 'no IPv6 clients', new: false, path: 'Stack/Upgrade', prop: 'ipv6ClientCidrs', value: 'the list is empty', fix: /Give the VPC's IPv6 block/, act: upgrade([]) },
  {
    name: 'client subnets without IPv6 and no Ipv6Upgrade',
    new: true,
    synth: true,
    path: 'Stack/Upgrade',
    prop: 'client subnets',
    value: 'have no IPv6 block',
    fix: /Add an Ipv6Upgrade for the VPC/,
    act: upgrade(['2001:db8::/56'], false),
  },

  // Ipv6EksCluster
  {
    name: 'vpcCni.env ENABLE_IPV6',
    new: true,
    path: 'Stack/Eks',
    prop: 'vpcCni.env',
    value: "'ENABLE_IPV6'",
    fix: /Remove 'ENABLE_IPV6'; the construct sets ENABLE_IPv6: 'true'/,
    act: eksCluster({ vpcCni: { env: { ENABLE_IPV6: 'false' } } }),
  },
  {
    name: 'vpcCni.env enable_prefix_delegation',
    new: true,
    path: 'Stack/Eks',
    prop: 'vpcCni.env',
    value: "'enable_prefix_delegation'",
    fix: /Remove 'enable_prefix_delegation'/,
    act: eksCluster({ vpcCni: { env: { enable_prefix_delegation: 'true' } } }),
  },
  { name: 'prefix delegation off', new: false, path: 'Stack/Eks', prop: 'vpcCni.env', value: "ENABLE_PREFIX_DELEGATION is 'false'", fix: /Remove it/, act: eksCluster({ vpcCni: { env: { ENABLE_PREFIX_DELEGATION: 'false' } } }) },
  {
    name: 'an unknown instance family',
    new: true,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.instanceTypes',
    value: "'banana5.large'",
    fix: /Choose a listed type, or set allowUnlistedInstanceTypes/,
    act: eksCluster({ defaultNodegroup: { instanceTypes: [new ec2.InstanceType('banana5.large')] } }),
  },
  {
    name: 'a Xen instance type',
    new: false,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.instanceTypes',
    value: "'c4.large'",
    fix: /Choose a current-generation type/,
    act: eksCluster({ defaultNodegroup: { instanceTypes: [new ec2.InstanceType('c4.large')] } }),
  },
  {
    name: 'AL2 managed nodes on the default Kubernetes version',
    new: true,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.amiType',
    value: "'AL2_x86_64'",
    fix: /Use an Amazon Linux 2023 AMI type/,
    act: eksCluster({ defaultNodegroup: { amiType: eks.NodegroupAmiType.AL2_X86_64 } }),
  },
  {
    name: 'AL2 self-managed nodes on the default Kubernetes version',
    new: true,
    path: 'Stack/Eks/Self',
    prop: 'operatingSystem',
    value: 'AMAZON_LINUX_2',
    fix: /Use NodeOperatingSystem.AMAZON_LINUX_2023/,
    act: eksCluster({}, c => c.addSelfManagedNodes('Self', { instanceType: m6i, operatingSystem: NodeOperatingSystem.AMAZON_LINUX_2 })),
  },
  {
    name: 'a CfnParameter instance type on a managed node group',
    new: true,
    path: 'Stack/Eks/Cluster/Nodes',
    prop: 'instanceTypes',
    value: 'Stack/NodeType',
    fix: /Give literal instance types, or put the instance type in a launch template/,
    act: eksCluster({}, (c, s) => c.addNodegroup('Nodes', { instanceTypes: [new ec2.InstanceType(parameter(s, 'NodeType').valueAsString)] })),
  },
  {
    name: 'a CfnParameter instance type on self-managed nodes',
    new: true,
    path: 'Stack/Eks/Self',
    prop: 'instanceType',
    value: 'Stack/NodeType',
    fix: /Give machineImage with it/,
    act: eksCluster({}, (c, s) => c.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType(parameter(s, 'NodeType').valueAsString) })),
  },
  {
    name: 'an ARM AMI with an x86 instance type',
    new: true,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.amiType',
    value: "'AL2023_ARM_64_STANDARD' is an ARM AMI",
    fix: /AL2023_X86_64_STANDARD/,
    act: eksCluster({ defaultNodegroup: { instanceTypes: [m6i], amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD } }),
  },
  {
    name: 'ARM and x86 types in one group',
    new: true,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.instanceTypes',
    value: 'mixes ARM (m7g.large) and x86 (m6i.large)',
    fix: /a second node group/,
    act: eksCluster({ defaultNodegroup: { instanceTypes: [m6i, new ec2.InstanceType('m7g.large')] } }),
  },
  {
    name: 'a spot price that is not a number',
    new: true,
    path: 'Stack/Eks/Self',
    prop: 'spotPrice',
    value: "'cheap'",
    fix: /Give a price such as '0.05'/,
    act: eksCluster({}, c => c.addSelfManagedNodes('Self', { instanceType: m6i, spotPrice: 'cheap' })),
  },
  {
    name: 'a noDevice block device',
    new: true,
    path: 'Stack/Eks/Self',
    prop: 'blockDevices',
    value: '/dev/xvdb is BlockDeviceVolume.noDevice()',
    fix: /Remove it/,
    act: eksCluster({}, c => c.addSelfManagedNodes('Self', { instanceType: m6i, blockDevices: [{ deviceName: '/dev/xvdb', volume: autoscaling.BlockDeviceVolume.noDevice() }] })),
  },
  // logEncryptionKey: keys CloudWatch Logs cannot use
  {
    name: 'logEncryptionKey an alias',
    new: true,
    path: 'Stack/Vpc',
    prop: 'logEncryptionKey',
    value: 'is an alias',
    fix: /give the key \(kms\.Key\.fromKeyArn/,
    act: vpcWithKey(stack => kms.Alias.fromAliasName(stack, 'Alias', 'alias/logs')),
  },
  {
    name: 'logEncryptionKey in another region',
    new: true,
    path: 'Regional/Vpc',
    prop: 'logEncryptionKey',
    value: `'${KEY_ARN}' is in eu-west-1, and the log groups are in us-east-1`,
    fix: /give a key of us-east-1/,
    act: stack => {
      const regional = new Stack(stack.node.root as App, 'Regional', { env: { region: 'us-east-1' } });
      return vpc({ logEncryptionKey: kms.Key.fromKeyArn(regional, 'Key', KEY_ARN), logEncryptionKeyPolicyAllowsLogs: true })(regional);
    },
  },
  {
    name: 'logEncryptionKey asymmetric',
    new: true,
    path: 'Stack/Vpc',
    prop: 'logEncryptionKey',
    value: 'keySpec RSA_2048 and keyUsage SIGN_VERIFY',
    fix: /CloudWatch Logs only uses symmetric encryption keys/,
    act: vpcWithKey(stack => keyOf(stack, { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY })),
  },
  {
    name: 'logEncryptionKey an HMAC key',
    new: true,
    path: 'Stack/Vpc',
    prop: 'logEncryptionKey',
    value: 'keySpec HMAC_256 and keyUsage GENERATE_VERIFY_MAC',
    fix: /kms\.KeySpec\.SYMMETRIC_DEFAULT and kms\.KeyUsage\.ENCRYPT_DECRYPT/,
    act: vpcWithKey(stack => keyOf(stack, { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC })),
  },
  {
    name: 'logEncryptionKey imported, its policy not said to allow CloudWatch Logs',
    new: true,
    path: 'Stack/Vpc',
    prop: 'logEncryptionKey',
    value: `'${KEY_ARN}' is imported`,
    fix: /say so with logEncryptionKeyPolicyAllowsLogs: true/,
    act: vpcWithKey(stack => kms.Key.fromKeyArn(stack, 'Key', KEY_ARN)),
  },
  {
    name: 'logEncryptionKey of an MSK cluster imported',
    new: true,
    path: 'Stack/Kafka',
    prop: 'logEncryptionKey',
    value: `'${KEY_ARN}' is imported`,
    fix: /say so with logEncryptionKeyPolicyAllowsLogs: true/,
    act: stack => mskCluster({ logEncryptionKey: kms.Key.fromKeyArn(stack, 'Key', KEY_ARN) })(stack),
  },
  // Ipv6Upgrade subnetGroupSlots
  {
    name: 'subnetGroupSlots a token',
    new: true,
    path: 'Stack/Upgrade',
    prop: 'subnetGroupSlots',
    value: "the slot of group 'App' is the CfnParameter Stack/Slot",
    fix: /give a whole number from 0 to 31/,
    act: stack => {
      const network = twoPrivateGroupsVpc(stack, 'Vpc', 2);
      const slot = Token.asNumber(parameter(stack, 'Slot').value);
      return () => new Ipv6Upgrade(stack, 'Upgrade', { vpc: network, subnetGroupSlots: { App: slot, Data: 9 } });
    },
  },
  {
    name: 'subnetGroupSlots with a misspelled group, the other group then without a slot',
    new: true,
    path: 'Stack/Upgrade',
    prop: 'subnetGroupSlots',
    value: "no subnet group 'Dta'",
    fix: /remove 'Dta' or correct it/,
    act: stack => {
      const network = twoPrivateGroupsVpc(stack, 'Vpc', 2);
      return () => new Ipv6Upgrade(stack, 'Upgrade', { vpc: network, subnetGroupSlots: { App: 8, Dta: 9 } });
    },
  },
  // DualStackVpc escape hatches, judged on the final properties
  {
    name: 'addPropertyOverride CidrBlock on a DualStackVpc subnet',
    new: true,
    synth: true,
    path: 'Stack/Vpc',
    prop: 'CidrBlock: subnet Stack/Vpc/PrivateSubnet1/Subnet',
    value: '"10.0.99.0/24" from an escape hatch',
    fix: /remove the override, and change the layout with ipv4Cidr/,
    act: subnetEscapeHatch(subnet => subnet.addPropertyOverride('CidrBlock', '10.0.99.0/24')),
  },
  {
    name: 'Ipv6CidrBlock assigned on a DualStackVpc subnet\'s L1',
    new: true,
    synth: true,
    path: 'Stack/Vpc',
    prop: 'Ipv6CidrBlock: subnet Stack/Vpc/PrivateSubnet1/Subnet',
    value: '"2001:db8::/64" from an escape hatch',
    fix: /remove the override/,
    act: subnetEscapeHatch(subnet => subnet.ipv6CidrBlock = '2001:db8::/64'),
  },
  { name: 'Kubernetes before 1.21', new: false, path: 'Stack/Eks', prop: 'version', value: "'1.20'", fix: /Use a supported version/, act: eksCluster({ version: eks.KubernetesVersion.of('1.20') }) },
];

const resources = (stack: Stack) => stack.node.findAll().filter(c => c instanceof CfnElement && !(c instanceof CfnParameter)).length;

describe('bad input', () => {
  test.each(CASES.map(c => [c.name, c] as const))('%s', (_, c) => {
    const stack = new Stack(new App(), 'Stack');
    const act = c.act(stack);
    const before = resources(stack);
    let message = '';
    try {
      act();
      if (c.synth) {
        (stack.node.root as App).synth();
      }
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toEqual('');
    expect(message).toContain(`[${c.path}]`);
    expect(message).toContain(c.prop);
    expect(message).toContain(c.value);
    expect(message).toMatch(c.fix);
    if (!c.synth) {
      // Refused before any resource: nothing of the failed construct is in the template.
      expect(resources(stack)).toEqual(before);
    }
  });

  test('the table holds every case of the issue', () => {
    expect(CASES.filter(c => c.new)).toHaveLength(42 + 10);
    expect(new Set(CASES.map(c => c.name)).size).toEqual(CASES.length);
  });

  test('brokers above the MSK quota: a warning with a stable id, since the quota can be raised', () => {
    const stack = new Stack(new App(), 'Stack');
    mskCluster({ numberOfBrokerNodes: 32 })(stack)();
    const warnings = stack.node.findAll().flatMap(n => n.node.metadata).filter(m => m.type === 'aws:cdk:warning').map(m => String(m.data));
    expect(warnings.some(w => w.includes('numberOfBrokerNodes: 32 is above MSK\'s default quota of 30') && w.includes('[ack: cdk-ipv6-ready:mskBrokerQuota]'))).toBe(true);
  });
});

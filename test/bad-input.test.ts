/**
 * Every bad input the library refuses, in one table: each must stop with a message that carries the
 * construct path and names the prop, the bad value and the fix, and must leave no resource behind.
 * Cases marked `new` were silent (a template was written) or answered by aws-cdk-lib with a message
 * naming no prop; the others were already clear and stay so.
 */
import { App, CfnElement, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  BrokerInstanceType, DualStackMskCluster, DualStackVpc, Ipv6Pool, Ipv6Upgrade, KafkaVersion, MskClusterKind, MskDualStackSwitch, MskDualStackUpgrade,
} from '../lib';
import { twoPrivateGroupsVpc } from './support/migration';
import { Ipv6EksCluster, NodeOperatingSystem } from '../lib/eks';
import {
  DualStackApplicationLoadBalancedService, DualStackApplicationLoadBalancedServiceProps, DualStackNetworkLoadBalancedService,
} from '../lib/ingress';

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

/** An entry point in `stack` (or in a stack of the app in eu-west-1, `regional`), with a dual-stack VPC and an ACM certificate of eu-west-1. */
function entryPoint(props: (stack: Stack) => Partial<DualStackApplicationLoadBalancedServiceProps> = () => ({}),
  then?: (entry: DualStackApplicationLoadBalancedService) => void, options: { regional?: boolean; network?: 'Layered' } = {}) {
  return (stack: Stack) => {
    const scope = options.regional ? new Stack(stack.node.root as App, 'Regional', { env: { account: '111111111111', region: 'eu-west-1' } }) : stack;
    const network = new DualStackVpc(scope, 'Vpc', options.network === 'Layered' ? {
      subnetGroups: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        { name: 'Six', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, ipv6Only: true }],
    } : {});
    const certificate = acm.Certificate.fromCertificateArn(scope, 'Certificate', 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d');
    const given = props(scope);
    return () => {
      const entry = new DualStackApplicationLoadBalancedService(scope, 'Entry', { vpc: network, certificate, ...given });
      then?.(entry);
    };
  };
}

/** An imported IPv6 cluster, with a kubectl provider unless `kubectl` is false. */
function importedCluster(stack: Stack, kubectl = true) {
  return eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
    clusterName: 'web',
    ipFamily: eks.IpFamily.IP_V6,
    clusterSecurityGroupId: 'sg-0123456789abcdef0',
    kubectlProvider: kubectl ? eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:k' }) : undefined,
  });
}

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

  // DualStackApplicationLoadBalancedService / DualStackNetworkLoadBalancedService
  {
    name: 'an internet-facing load balancer in private subnets',
    new: true,
    path: 'Stack/Entry',
    prop: 'vpcSubnets',
    value: 'is private',
    fix: /Select public subnets/,
    act: entryPoint(() => ({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } })),
  },
  {
    name: 'an internet-facing load balancer in isolated subnets',
    new: true,
    path: 'Stack/Entry',
    prop: 'vpcSubnets',
    value: 'is isolated',
    fix: /or set internetFacing: false/,
    act: entryPoint(() => ({ vpcSubnets: { subnetGroupName: 'Data' } }), undefined, { network: 'Layered' }),
  },
  {
    name: 'an internet-facing load balancer in IPv6-only subnets',
    new: true,
    path: 'Stack/Entry',
    prop: 'vpcSubnets',
    value: 'is IPv6-only',
    fix: /Select public subnets/,
    act: entryPoint(s => ({ vpcSubnets: { subnets: (s.node.findChild('Vpc') as DualStackVpc).ipv6OnlySubnets } }), undefined, { network: 'Layered' }),
  },
  {
    name: 'a TLS 1.0 policy on the HTTPS listener',
    new: true,
    path: 'Stack/Entry',
    prop: 'sslPolicy',
    value: "'ELBSecurityPolicy-TLS-1-0-2015-04' accepts TLS 1.0",
    fix: /Use elbv2.SslPolicy.RECOMMENDED_TLS/,
    act: entryPoint(() => ({ sslPolicy: elbv2.SslPolicy.LEGACY })),
  },
  {
    name: 'ELB\'s former default policy (TLS 1.0, SslPolicy.RECOMMENDED) on the HTTPS listener',
    new: true,
    path: 'Stack/Entry',
    prop: 'sslPolicy',
    value: "'ELBSecurityPolicy-2016-08' accepts TLS 1.0",
    fix: /Use elbv2.SslPolicy.RECOMMENDED_TLS/,
    act: entryPoint(() => ({ sslPolicy: elbv2.SslPolicy.RECOMMENDED })),
  },
  {
    name: 'a TLS 1.1 policy on the NLB listener',
    new: true,
    path: 'Stack/Entry',
    prop: 'sslPolicy',
    value: "'ELBSecurityPolicy-TLS13-1-1-2021-06' accepts TLS 1.1",
    fix: /TLS13-1-2/,
    act: s => {
      const network = new DualStackVpc(s, 'Vpc');
      const certificate = acm.Certificate.fromCertificateArn(s, 'Certificate', 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d');
      return () => new DualStackNetworkLoadBalancedService(s, 'Entry', { vpc: network, certificate, sslPolicy: elbv2.SslPolicy.TLS13_11 });
    },
  },
  {
    name: 'a health-check port out of range',
    new: true,
    path: 'Stack/Entry',
    prop: 'healthCheck.port',
    value: "'70000'",
    fix: /Give a port number as a string/,
    act: entryPoint(() => ({ healthCheck: { port: '70000' } })),
  },
  {
    name: 'a Service port out of range',
    new: true,
    path: 'Stack/Entry',
    prop: 'service.port',
    value: '70000 is not a port',
    fix: /Give the Service port/,
    act: entryPoint(s => ({ cluster: importedCluster(s), service: { name: 'hello', port: 70000 } })),
  },
  {
    name: 'an access-log prefix starting with AWSLogs',
    new: true,
    path: 'Stack/Entry',
    prop: 'accessLogs.prefix',
    value: "'AWSLogs/web'",
    fix: /Give another prefix/,
    act: entryPoint(s => ({ accessLogs: { bucket: new s3.Bucket(s, 'Logs'), prefix: 'AWSLogs/web' } })),
  },
  {
    name: 'an NLB sslPolicy without a certificate',
    new: true,
    path: 'Stack/Entry',
    prop: 'sslPolicy',
    value: "'ELBSecurityPolicy-TLS13-1-2-2021-06' is given without a certificate",
    fix: /Give the certificate/,
    act: s => {
      const network = new DualStackVpc(s, 'Vpc');
      return () => new DualStackNetworkLoadBalancedService(s, 'Entry', { vpc: network, port: 443, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });
    },
  },
  {
    name: 'an ACM certificate of another region',
    new: true,
    path: 'Regional/Entry',
    prop: 'certificate',
    value: 'is in us-east-1, and the stack is in eu-west-1',
    fix: /Request or import the certificate in eu-west-1/,
    act: entryPoint(s => ({ certificate: acm.Certificate.fromCertificateArn(s, 'Virginia', 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d') }),
      undefined, { regional: true }),
  },
  {
    name: 'a recordName outside the hosted zone',
    new: true,
    path: 'Stack/Entry',
    prop: 'recordName',
    value: "'www.example.org.' is not in the hosted zone 'example.com'",
    fix: /Give a name in the zone/,
    act: entryPoint(s => ({
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' }),
      recordName: 'www.example.org.',
    })),
  },
  {
    name: 'addPropertyOverride IpAddressType ipv4 on the load balancer',
    new: true,
    synth: true,
    path: 'Stack/Entry',
    prop: 'ipAddressType',
    value: '"ipv4" is set on the load balancer Stack/Entry/LoadBalancer',
    fix: /Remove the override/,
    act: entryPoint(undefined, e => (e.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer).addPropertyOverride('IpAddressType', 'ipv4')),
  },
  {
    name: 'addPropertyOverride IpAddressType ipv4 on the target group',
    new: true,
    synth: true,
    path: 'Stack/Entry',
    prop: 'targetGroup',
    value: 'IpAddressType "ipv4"',
    fix: /Remove the override/,
    act: entryPoint(undefined, e => (e.targetGroup.node.defaultChild as elbv2.CfnTargetGroup).addPropertyOverride('IpAddressType', 'ipv4')),
  },
  {
    name: 'addPropertyOverride Port on a bound target group',
    new: true,
    synth: true,
    path: 'Stack/Entry',
    prop: 'targetGroup',
    value: 'Port 9090',
    fix: /give targetPort/,
    act: entryPoint(s => ({ cluster: importedCluster(s), service: { name: 'hello' } }),
      e => (e.targetGroup.node.defaultChild as elbv2.CfnTargetGroup).addPropertyOverride('Port', 9090)),
  },
  {
    name: 'an entry point on a cluster without a kubectl provider',
    new: true,
    path: 'Stack/Entry',
    prop: 'cluster',
    value: 'Stack/Cluster has no kubectl provider',
    fix: /Create the cluster with kubectlProviderOptions/,
    act: entryPoint(s => ({ cluster: importedCluster(s, false), service: { name: 'hello' } })),
  },

  // Ipv6EksCluster: escape hatches and names (issue 22), Auto Mode, hybrid nodes and upgraded VPCs (issue 21)
  {
    name: 'escape hatch IpFamily ipv4 on an Ipv6EksCluster',
    new: true,
    path: 'Stack/Eks',
    prop: 'KubernetesNetworkConfig.IpFamily',
    value: '"ipv4"',
    fix: /Remove the override/,
    act: eksCluster({}, c => (c.cluster.node.defaultChild as eks.CfnCluster).addPropertyOverride('KubernetesNetworkConfig.IpFamily', 'ipv4')),
    synth: true,
  },
  { name: 'unicode EKS cluster name', new: true, path: 'Stack/Eks', prop: 'clusterName', value: "'bestellungen-größe'", fix: /Give such a name/, act: eksCluster({ clusterName: 'bestellungen-größe' }) },
  { name: 'EKS cluster name over 100 characters', new: true, path: 'Stack/Eks', prop: 'clusterName', value: `'${'a'.repeat(101)}'`, fix: /Give such a name/, act: eksCluster({ clusterName: 'a'.repeat(101) }) },
  {
    name: 'escape hatch unicode Name on an Ipv6EksCluster',
    new: true,
    path: 'Stack/Eks',
    prop: 'Name',
    value: "'örders'",
    fix: /Remove the override or give such a name/,
    act: eksCluster({}, c => (c.cluster.node.defaultChild as eks.CfnCluster).addPropertyOverride('Name', 'örders')),
    synth: true,
  },
  {
    name: 'hybrid nodes (RemoteNetworkConfig) on an IPv6 cluster',
    new: true,
    path: 'Stack/Eks',
    prop: 'RemoteNetworkConfig',
    value: 'EKS Hybrid Nodes are configured on an IPv6 cluster',
    fix: /run hybrid nodes in an IPv4 cluster/,
    act: eksCluster({}, c => (c.cluster.node.defaultChild as eks.CfnCluster).addPropertyOverride('RemoteNetworkConfig', { RemoteNodeNetworks: [{ Cidrs: ['10.80.0.0/16'] }] })),
    synth: true,
  },
  {
    name: 'Auto Mode with vpc-cni settings',
    new: true,
    path: 'Stack/Eks',
    prop: 'vpcCni',
    value: 'AUTOMODE',
    fix: /Remove vpcCni, or use DefaultCapacityType.NODEGROUP/,
    act: eksCluster({ defaultCapacityType: eks.DefaultCapacityType.AUTOMODE, vpcCni: { env: { WARM_PREFIX_TARGET: '1' } } }),
  },
  {
    name: 'Auto Mode with the Load Balancer Controller',
    new: true,
    path: 'Stack/Eks',
    prop: 'albController',
    value: 'AUTOMODE',
    fix: /eks.amazonaws.com\/alb/,
    act: eksCluster({ defaultCapacityType: eks.DefaultCapacityType.AUTOMODE, albController: { version: eks.AlbControllerVersion.V2_17_1 } }),
  },
  {
    name: 'Auto Mode node pool that does not exist',
    new: true,
    path: 'Stack/Eks',
    prop: 'compute.nodePools',
    value: "'gpu'",
    fix: /Give 'general-purpose' and\/or 'system'/,
    act: eksCluster({ defaultCapacityType: eks.DefaultCapacityType.AUTOMODE, compute: { nodePools: ['gpu'] } }),
  },
  {
    name: 'Auto Mode node pools without Auto Mode',
    new: true,
    path: 'Stack/Eks',
    prop: 'compute',
    value: 'defaultCapacityType is not AUTOMODE',
    fix: /Set defaultCapacityType: DefaultCapacityType.AUTOMODE, or remove compute/,
    act: eksCluster({ compute: { nodePools: ['system'] } }),
  },
  {
    name: 'a node group beside Auto Mode',
    new: true,
    path: 'Stack/Eks/Nodes',
    prop: 'addNodegroup',
    value: 'runs on EKS Auto Mode',
    fix: /use defaultCapacityType NODEGROUP/,
    act: eksCluster({ defaultCapacityType: eks.DefaultCapacityType.AUTOMODE }, c => c.addNodegroup('Nodes')),
  },
  {
    name: 'Auto Mode with one of its three capabilities turned off by an escape hatch',
    new: true,
    path: 'Stack/Eks',
    prop: 'KubernetesNetworkConfig.ElasticLoadBalancing.Enabled',
    value: 'ElasticLoadBalancing.Enabled false',
    fix: /Remove the override/,
    act: eksCluster({ defaultCapacityType: eks.DefaultCapacityType.AUTOMODE },
      c => (c.cluster.node.defaultChild as eks.CfnCluster).addPropertyOverride('KubernetesNetworkConfig.ElasticLoadBalancing.Enabled', false)),
    synth: true,
  },
  {
    name: 'a subnet the Ipv6Upgrade did not cover',
    new: true,
    path: 'Stack/Eks',
    prop: 'vpcSubnets',
    value: 'was not upgraded by Stack/Upgrade',
    fix: /Select subnets of the VPC's public, private or isolated groups/,
    act: (stack: Stack) => {
      const network = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
      new Ipv6Upgrade(stack, 'Upgrade', { vpc: network });
      const extra = new ec2.Subnet(stack, 'Extra', { vpcId: network.vpcId, availabilityZone: network.availabilityZones[0], cidrBlock: '10.0.250.0/24' });
      return () => new Ipv6EksCluster(stack, 'Eks', { vpc: network, vpcSubnets: [{ subnets: [extra, network.privateSubnets[1]] }] });
    },
  },
  {
    name: 'an Ipv6Upgrade that does not auto-assign IPv6, under node groups',
    new: true,
    path: 'Stack/Eks',
    prop: 'defaultNodegroup.subnets',
    value: 'assignIpv6AddressOnCreation false',
    fix: /Leave assignIpv6AddressOnCreation at its default \(true\) on the Ipv6Upgrade/,
    act: (stack: Stack) => {
      const network = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
      new Ipv6Upgrade(stack, 'Upgrade', { vpc: network, assignIpv6AddressOnCreation: false });
      return () => new Ipv6EksCluster(stack, 'Eks', { vpc: network });
    },
  },
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
    // 42 before issue 22's entry-point rows (16), EKS rows with issue 21's (13) and VPC/core rows (10).
    expect(CASES.filter(c => c.new)).toHaveLength(42 + 16 + 13 + 10);
    expect(new Set(CASES.map(c => c.name)).size).toEqual(CASES.length);
  });

  test('brokers above the MSK quota: a warning with a stable id, since the quota can be raised', () => {
    const stack = new Stack(new App(), 'Stack');
    mskCluster({ numberOfBrokerNodes: 32 })(stack)();
    const warnings = stack.node.findAll().flatMap(n => n.node.metadata).filter(m => m.type === 'aws:cdk:warning').map(m => String(m.data));
    expect(warnings.some(w => w.includes('numberOfBrokerNodes: 32 is above MSK\'s default quota of 30') && w.includes('[ack: cdk-ipv6-ready:mskBrokerQuota]'))).toBe(true);
  });
});

import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { App, CfnElement, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Ipv6Upgrade } from '../../lib';
import { twoPrivateGroupsVpc } from '../support/migration';
import { formatFindings, nagFindings } from '../support/nag';
import { destructiveChanges } from '../support/replacement';

/** The VPC's block as Ipv6Upgrade reads it: GetAtt on the VPC, tied to the association so users of it wait. */
function associatedVpcBlock(vpc: ec2.Vpc, association: object = { Ref: Match.stringLikeRegexp('^UpgradeIpv6Cidr') }) {
  return {
    'Fn::Select': [0, {
      'Fn::Split': ['|', {
        'Fn::Join': ['|', [
          { 'Fn::Select': [0, { 'Fn::GetAtt': [logicalId(vpc), 'Ipv6CidrBlocks'] }] },
          association,
        ]],
      }],
    }],
  };
}

function newStack(): Stack {
  // No CDK metadata resource: it changes with every construct added and would blur the diff.
  return new Stack(new App({ analyticsReporting: false }), 'Stack');
}

/** The logical id of a CloudFormation element, or of a construct's default child. */
function logicalId(construct: IConstruct): string {
  const element = (construct instanceof CfnElement ? construct : construct.node.defaultChild) as CfnElement;
  return element.stack.getLogicalId(element);
}

function withPublicPrivateIsolated(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

/** The /64 index of each SubnetCidrBlock, keyed by what its SubnetId resolves to. */
function blockIndexBySubnet(template: Template): Map<string, number> {
  const indexes = new Map<string, number>();
  for (const block of Object.values<any>(template.findResources('AWS::EC2::SubnetCidrBlock'))) {
    const subnet = block.Properties.SubnetId;
    indexes.set(typeof subnet === 'string' ? subnet : subnet.Ref, block.Properties.Ipv6CidrBlock['Fn::Select'][0]);
  }
  return indexes;
}

function ipv6Routes(template: Template): any[] {
  return Object.values<any>(template.findResources('AWS::EC2::Route', { Properties: { DestinationIpv6CidrBlock: '::/0' } }));
}

function policyStatements(template: Template): any[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy')).flatMap(p => p.Properties.PolicyDocument.Statement);
}

/** A subnet ARN in the stack's partition, region and account; `tail` is what follows the account. */
function subnetArn(...tail: unknown[]) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ...tail]] };
}

describe('an ec2.Vpc of the same app', () => {
  test('gets one Amazon-provided IPv6 block', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPCCidrBlock', 1);
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', { AmazonProvidedIpv6CidrBlock: true, VpcId: { Ref: logicalId(vpc) } });
  });

  test('gives public subnets /64 number 0 and 1, private subnets 64 and 65, carved from the VPC block', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    expect(blockIndexBySubnet(template)).toEqual(new Map([
      [logicalId(vpc.publicSubnets[0]), 0],
      [logicalId(vpc.publicSubnets[1]), 1],
      [logicalId(vpc.privateSubnets[0]), 64],
      [logicalId(vpc.privateSubnets[1]), 65],
    ]));
    template.allResourcesProperties('AWS::EC2::SubnetCidrBlock', {
      Ipv6CidrBlock: { 'Fn::Select': [Match.anyValue(), { 'Fn::Cidr': [associatedVpcBlock(vpc), 256, '64'] }] },
    });
  });

  test('gives isolated subnets /64 number 128 and up, without moving the others', () => {
    const stack = newStack();
    const vpc = withPublicPrivateIsolated(stack);
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const indexes = blockIndexBySubnet(Template.fromStack(stack));
    expect([...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map(s => indexes.get(logicalId(s))))
      .toEqual([0, 1, 64, 65, 128, 129]);
  });

  test('every subnet block waits for the VPC block, which a GetAtt on the VPC does not', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    const vpcBlock = Object.keys(template.findResources('AWS::EC2::VPCCidrBlock'))[0];
    const subnetBlocks = Object.values<any>(template.findResources('AWS::EC2::SubnetCidrBlock'));
    expect(subnetBlocks).toHaveLength(4);
    for (const block of subnetBlocks) {
      expect(block.DependsOn).toContain(vpcBlock);
    }
  });

  test('routes ::/0 from public subnets to the internet gateway, from private subnets to a new egress-only gateway, and not from isolated subnets', () => {
    const stack = newStack();
    const vpc = withPublicPrivateIsolated(stack);
    const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 1);
    template.hasResourceProperties('AWS::EC2::EgressOnlyInternetGateway', { VpcId: { Ref: logicalId(vpc) } });
    const eigw = Object.keys(template.findResources('AWS::EC2::EgressOnlyInternetGateway'))[0];
    expect(stack.resolve(upgrade.egressOnlyInternetGatewayId)).toEqual({ Ref: eigw });

    const target = new Map(ipv6Routes(template).map(({ Properties: p }) => [p.RouteTableId.Ref, p.GatewayId ?? p.EgressOnlyInternetGatewayId]));
    const tableOf = (s: ec2.ISubnet) => stack.resolve(s.routeTable.routeTableId).Ref;
    const igw = { Ref: logicalId(vpc.node.findChild('IGW')) };
    expect(target).toEqual(new Map([
      ...vpc.publicSubnets.map(s => [tableOf(s), igw] as const),
      ...vpc.privateSubnets.map(s => [tableOf(s), { Ref: eigw }] as const),
    ]));
    expect(vpc.isolatedSubnets).toHaveLength(2);
  });

  test('public routes wait for the VPC block and for the internet gateway attachment', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    const vpcBlock = Object.keys(template.findResources('AWS::EC2::VPCCidrBlock'))[0];
    // The subnet's IPv4 default route is the one that waits for the attachment.
    const ipv4Route = logicalId(vpc.publicSubnets[0].node.findChild('DefaultRoute'));
    template.hasResource('AWS::EC2::Route', {
      Properties: { DestinationIpv6CidrBlock: '::/0', GatewayId: Match.anyValue() },
      DependsOn: Match.arrayWith([vpcBlock, ipv4Route]),
    });
  });

  test('turns on AssignIpv6AddressOnCreation per subnet after its block, and off again on delete', () => {
    const stack = newStack();
    const vpc = withPublicPrivateIsolated(stack);
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    const subnetBlocks = template.findResources('AWS::EC2::SubnetCidrBlock');
    const calls = Object.values<any>(template.findResources('Custom::AWS'));
    expect(calls).toHaveLength(6);
    const subnets = calls.map(call => {
      const { Create: create, Update: update, Delete: del, InstallLatestAwsSdk: installLatestAwsSdk } = call.Properties;
      expect(installLatestAwsSdk).toBe(false);
      // The SDK call is JSON text joined around the subnet's Ref.
      const [before, subnetRef, after] = create['Fn::Join'][1];
      expect(before).toBe('{"service":"EC2","action":"modifySubnetAttribute","parameters":{"SubnetId":"');
      expect(after).toBe('","AssignIpv6AddressOnCreation":{"Value":true}},"physicalResourceId":{"id":"');
      expect(update).toEqual(create);
      expect(del['Fn::Join'][1][2]).toBe('","AssignIpv6AddressOnCreation":{"Value":false}},"physicalResourceId":{"id":"');
      expect(del['Fn::Join'][1][1]).toEqual(subnetRef);
      const block = call.DependsOn.find((id: string) => id in subnetBlocks);
      expect(subnetBlocks[block].Properties.SubnetId).toEqual(subnetRef);
      return subnetRef.Ref;
    });
    expect(subnets.sort()).toEqual([...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].map(logicalId).sort());
  });

  test('lets each custom resource modify only its own subnet: no statement on *', () => {
    const stack = newStack();
    const vpc = withPublicPrivateIsolated(stack);
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const statements = policyStatements(Template.fromStack(stack));
    const subnets = [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets];
    expect(statements).toEqual(expect.arrayContaining(subnets.map(s => ({
      Action: 'ec2:ModifySubnetAttribute', Effect: 'Allow', Resource: subnetArn(':subnet/', { Ref: logicalId(s) }),
    }))));
    expect(statements).toHaveLength(subnets.length);
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  test('egressOnlyInternetGateway: false creates no gateway and no private route', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc, egressOnlyInternetGateway: false });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    expect(ipv6Routes(template).map(r => Object.keys(r.Properties).sort()))
      .toEqual([['DestinationIpv6CidrBlock', 'GatewayId', 'RouteTableId'], ['DestinationIpv6CidrBlock', 'GatewayId', 'RouteTableId']]);
    expect(upgrade.egressOnlyInternetGatewayId).toBeUndefined();
    // The private subnets still get their blocks.
    template.resourceCountIs('AWS::EC2::SubnetCidrBlock', 4);
  });

  test('no egress-only gateway for a VPC without private subnets, with a warning when it was asked for', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc, egressOnlyInternetGateway: true });

    Template.fromStack(stack).resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Upgrade', Match.stringLikeRegexp('egressOnlyInternetGateway is true, but the VPC has no private subnets'));
  });

  test('assignIpv6AddressOnCreation: false adds no custom resource', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc, assignIpv6AddressOnCreation: false });

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::AWS', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::EC2::SubnetCidrBlock', 4);
  });

  test('exposes the VPC block and each subnet block', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const vpcBlock = associatedVpcBlock(vpc, { Ref: logicalId(upgrade.node.findChild('Ipv6Cidr')) });
    expect(stack.resolve(upgrade.vpcIpv6CidrBlock)).toEqual(vpcBlock);
    expect(stack.resolve(upgrade.ipv6CidrBlockOf(vpc.privateSubnets[1]))).toEqual({ 'Fn::Select': [65, { 'Fn::Cidr': [vpcBlock, 256, '64'] }] });
  });

  test('ipv6CidrBlockOf a subnet of another VPC throws', () => {
    const stack = newStack();
    const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
    const other = new ec2.Vpc(stack, 'Other', { maxAzs: 2 });

    expect(() => upgrade.ipv6CidrBlockOf(other.publicSubnets[0])).toThrow(/\[Stack\/Upgrade\] ipv6CidrBlockOf: subnet at 'Stack\/Other\/PublicSubnet1' was not upgraded/);
  });

  test('warns that existing network interfaces get no IPv6 address', () => {
    const stack = newStack();
    new Ipv6Upgrade(stack, 'Upgrade', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });

    Annotations.fromStack(stack).hasWarning('/Stack/Upgrade', Match.stringLikeRegexp('aws ec2 assign-ipv6-addresses'));
  });

  test('a DUAL_STACK ec2.Vpc is rejected before any child is created', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, ipProtocol: ec2.IpProtocol.DUAL_STACK });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/\[Stack\/Upgrade\] vpc: .* already has an IPv6 CIDR block \(Stack\/Vpc\/ipv6cidr\): it is already dual-stack/);
    expect(stack.node.findChild('Upgrade').node.children).toHaveLength(0);
  });

  test('a VPC upgraded twice is rejected', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    expect(() => new Ipv6Upgrade(stack, 'Again', { vpc })).toThrow(/already has an IPv6 CIDR block \(Stack\/Upgrade\/Ipv6Cidr\)/);
  });

  test('a subnet given an IPv6 block through the escape hatch is rejected', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    (vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).ipv6CidrBlock = '2001:db8::/64';

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/already has an IPv6 CIDR block \(Stack\/Vpc\/PrivateSubnet1\/Subnet\)/);
  });

  test('an ec2.Vpc with public subnets but no internet gateway needs internetGatewayId', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, createInternetGateway: false, natGateways: 0 });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/internetGatewayId: .* has public subnets, but no internet gateway id/);
  });
});

describe('stable identities', () => {
  function twoPrivateGroups(stack: Stack, zones: number, subnetGroupSlots?: { [group: string]: number }) {
    return new Ipv6Upgrade(stack, 'Upgrade', { vpc: twoPrivateGroupsVpc(stack, 'Vpc', zones), subnetGroupSlots });
  }

  test('each subnet\'s block, route and auto-assign resource is keyed by the subnet: a new zone leaves them as they were', () => {
    const synthOf = (zones: number) => {
      const stack = new Stack(new App({ analyticsReporting: false }), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
      twoPrivateGroups(stack, zones, { App: 8, Data: 9 });
      return Template.fromStack(stack).toJSON().Resources;
    };
    const before = synthOf(2);
    const after = synthOf(3);
    const upgradeIds = Object.keys(before).filter(id => id.startsWith('Upgrade'));
    expect(upgradeIds.filter(id => before[id].Type === 'AWS::EC2::SubnetCidrBlock').map(id => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'UpgradeAppSubnet1Ipv6Cidr', 'UpgradeAppSubnet2Ipv6Cidr', 'UpgradeDataSubnet1Ipv6Cidr', 'UpgradeDataSubnet2Ipv6Cidr',
      'UpgradePublicSubnet1Ipv6Cidr', 'UpgradePublicSubnet2Ipv6Cidr',
    ]);
    for (const id of upgradeIds) {
      expect([id, after[id]]).toEqual([id, before[id]]);
    }
    // Data's subnets have slot 9: /64s 72 and 73, whatever the zones of App.
    const dataBlock = Object.entries<any>(after).find(([id]) => id.startsWith('UpgradeDataSubnet3Ipv6Cidr'))![1];
    expect(dataBlock.Properties.Ipv6CidrBlock['Fn::Select'][0]).toBe(74);
  });

  test('two groups of one type without slots are refused, with the slots to set', () => {
    expect(() => twoPrivateGroups(newStack(), 2)).toThrow(
      /subnetGroupSlots: the VPC has 2 private subnet groups \(App, Data\).*the first one deployed keeping 8: subnetGroupSlots: \{ App: 8, Data: 9 \}\./);
  });

  const bad: Array<[string, { [group: string]: number }, RegExp]> = [
    ['an unknown group', { App: 8, Data: 9, Db: 10 }, /subnetGroupSlots: the VPC has no subnet group 'Db'\. Its groups are Public, App, Data/],
    ['a shared slot', { App: 8, Data: 8 }, /groups 'App' and 'Data' both have slot 8/],
    ['a slot past the /56', { App: 8, Data: 32 }, /slot 32 of group 'Data' is not a whole number from 0 to 31/],
  ];
  test.each(bad)('bad slots: %s', (_name, slots, message) => {
    expect(() => twoPrivateGroups(newStack(), 2, slots)).toThrow(message);
  });
});

describe('the migration proof', () => {
  type Change = (stack: Stack, vpc: ec2.Vpc) => void;

  function synth(change?: Change): any {
    const stack = newStack();
    const vpc = withPublicPrivateIsolated(stack);
    change?.(stack, vpc);
    return Template.fromStack(stack).toJSON();
  }

  /** What CloudFormation would do to the resources the first template already deployed. */
  function diff(before: any, after: any) {
    const result = fullDiff(before, after);
    const notAdded: string[] = [];
    result.resources.forEachDifference((id, change) => {
      if (!change.isAddition) {
        notAdded.push(id);
      }
    });
    return { harmful: destructiveChanges(before, after), notAdded, count: result.resources.differenceCount };
  }

  test('adding Ipv6Upgrade to a deployed IPv4-only VPC only adds resources', () => {
    const before = synth();
    const after = synth((stack, vpc) => new Ipv6Upgrade(stack, 'Upgrade', { vpc }));

    const { harmful, notAdded, count } = diff(before, after);
    expect(harmful).toEqual([]);
    expect(notAdded).toEqual([]);
    // 1 VPC block, 6 subnet blocks, 4 routes, the egress-only gateway, 6 × (custom resource + policy), the provider's function and role.
    expect(count).toBe(26);
  });

  test('setting Ipv6CidrBlock on an existing subnet instead is caught as a replacement', () => {
    const before = synth();
    const after = synth((stack, vpc) => {
      const block = new ec2.CfnVPCCidrBlock(stack, 'Ipv6Cidr', { vpcId: vpc.vpcId, amazonProvidedIpv6CidrBlock: true });
      const subnet = vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet;
      subnet.ipv6CidrBlock = Fn.select(0, Fn.cidr(Fn.select(0, vpc.vpcIpv6CidrBlocks), 256, '64'));
      subnet.node.addDependency(block);
    });

    const { harmful } = diff(before, after);
    // The subnet, and through it its route table association.
    expect(harmful).toEqual([
      `${logicalIdIn(after, 'AWS::EC2::Subnet', 'PrivateSubnet1')}.Ipv6CidrBlock: replacement`,
      `${logicalIdIn(after, 'AWS::EC2::SubnetRouteTableAssociation', 'PrivateSubnet1')}.SubnetId: replacement`,
    ]);
  });

  function logicalIdIn(template: any, type: string, fragment: string): string {
    const ids = Object.keys(template.Resources).filter(id => template.Resources[id].Type === type && id.includes(fragment));
    expect(ids).toHaveLength(1);
    return ids[0];
  }
});

describe('an imported VPC', () => {
  const vpcId = 'vpc-0123456789abcdef0';

  function importVpc(stack: Stack, attrs: Partial<ec2.VpcAttributes> = {}): ec2.IVpc {
    return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
      privateSubnetRouteTableIds: ['rtb-0eeeeeeeeeeeeeee1', 'rtb-0eeeeeeeeeeeeeee1'],
      ...attrs,
    });
  }

  test('gets one ::/0 route per route table, even when subnets share it', () => {
    const stack = newStack();
    new Ipv6Upgrade(stack, 'Upgrade', { vpc: importVpc(stack) });

    const template = Template.fromStack(stack);
    const eigw = Object.keys(template.findResources('AWS::EC2::EgressOnlyInternetGateway'))[0];
    expect(ipv6Routes(template)).toEqual([expect.objectContaining({
      Properties: { RouteTableId: 'rtb-0eeeeeeeeeeeeeee1', DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: { Ref: eigw } },
    })]);
    template.hasResourceProperties('AWS::EC2::EgressOnlyInternetGateway', { VpcId: vpcId });
  });

  test('reads the VPC block with DescribeVpcs after the association and carves the subnet blocks from it', () => {
    const stack = newStack();
    const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc: importVpc(stack) });

    const template = Template.fromStack(stack);
    const vpcBlock = Object.keys(template.findResources('AWS::EC2::VPCCidrBlock'))[0];
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', { VpcId: vpcId, AmazonProvidedIpv6CidrBlock: true });
    const readers = template.findResources('Custom::AWS', { Properties: { Create: Match.stringLikeRegexp('describeVpcs') } });
    expect(Object.keys(readers)).toHaveLength(1);
    const [readerId, reader] = Object.entries<any>(readers)[0];
    expect(JSON.parse(reader.Properties.Create)).toEqual({
      service: 'EC2',
      action: 'describeVpcs',
      parameters: { VpcIds: [vpcId] },
      physicalResourceId: { id: vpcId },
      outputPaths: ['Vpcs.0.Ipv6CidrBlockAssociationSet.0.Ipv6CidrBlock'],
    });
    expect(reader.Properties.Update).toEqual(reader.Properties.Create);
    expect(reader.Properties.InstallLatestAwsSdk).toBe(false);
    expect(reader.DependsOn).toContain(vpcBlock);

    const block = { 'Fn::GetAtt': [readerId, 'Vpcs.0.Ipv6CidrBlockAssociationSet.0.Ipv6CidrBlock'] };
    expect(stack.resolve(upgrade.vpcIpv6CidrBlock)).toEqual(block);
    expect(blockIndexBySubnet(template)).toEqual(new Map([['subnet-0aaaaaaaaaaaaaaa1', 64], ['subnet-0bbbbbbbbbbbbbbb2', 65]]));
    template.allResourcesProperties('AWS::EC2::SubnetCidrBlock', { Ipv6CidrBlock: { 'Fn::Select': [Match.anyValue(), { 'Fn::Cidr': [block, 256, '64'] }] } });
  });

  test('only DescribeVpcs, which has no resource-level permissions, is allowed on *', () => {
    const stack = newStack();
    new Ipv6Upgrade(stack, 'Upgrade', { vpc: importVpc(stack) });

    const statements = policyStatements(Template.fromStack(stack));
    expect(statements.filter(s => JSON.stringify(s.Resource).includes('*'))).toEqual([{ Action: 'ec2:DescribeVpcs', Effect: 'Allow', Resource: '*' }]);
    expect(statements).toEqual(expect.arrayContaining(['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'].map(id => ({
      Action: 'ec2:ModifySubnetAttribute', Effect: 'Allow', Resource: subnetArn(`:subnet/${id}`),
    }))));
    expect(statements).toHaveLength(3);
  });

  test('public subnets route to the given internet gateway', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { publicSubnetIds: ['subnet-0ccccccccccccccc1', 'subnet-0ccccccccccccccc2'], publicSubnetRouteTableIds: ['rtb-0fffffffffffffff1', 'rtb-0fffffffffffffff1'] });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc, internetGatewayId: 'igw-0abcabcabcabcabc1' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::Route', { RouteTableId: 'rtb-0fffffffffffffff1', DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-0abcabcabcabcabc1' });
    expect(ipv6Routes(template)).toHaveLength(2);
    expect(blockIndexBySubnet(template)).toEqual(new Map([['subnet-0ccccccccccccccc1', 0], ['subnet-0ccccccccccccccc2', 1], ['subnet-0aaaaaaaaaaaaaaa1', 64], ['subnet-0bbbbbbbbbbbbbbb2', 65]]));
  });

  test('public subnets without internetGatewayId are rejected', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { publicSubnetIds: ['subnet-0ccccccccccccccc1', 'subnet-0ccccccccccccccc2'], publicSubnetRouteTableIds: ['rtb-0fffffffffffffff1', 'rtb-0fffffffffffffff1'] });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/\[Stack\/Upgrade\] internetGatewayId: the VPC 'vpc-0123456789abcdef0' has public subnets/);
    expect(stack.node.findChild('Upgrade').node.children).toHaveLength(0);
  });

  test('an internetGatewayId that is not an internet gateway is rejected', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { publicSubnetIds: ['subnet-0ccccccccccccccc1', 'subnet-0ccccccccccccccc2'], publicSubnetRouteTableIds: ['rtb-0fffffffffffffff1', 'rtb-0fffffffffffffff1'] });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc, internetGatewayId: 'eigw-0abcabcabcabcabc1' })).toThrow(/internetGatewayId: 'eigw-0abcabcabcabcabc1' is not an internet gateway id/);
  });

  test('subnets imported without a route table id are rejected, naming the subnet', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { privateSubnetRouteTableIds: undefined });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/\[Stack\/Upgrade\] vpc: private subnet 'subnet-0aaaaaaaaaaaaaaa1' has no route table id.*privateSubnetRouteTableIds/);
    expect(stack.node.findChild('Upgrade').node.children).toHaveLength(0);
  });

  test('a subnet whose route table cannot be read is rejected too', () => {
    const stack = newStack();
    const vpc = importVpc(stack);
    Object.defineProperty(vpc.privateSubnets[1], 'routeTable', { get: () => { throw new Error('no route table'); } });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/vpc: private subnet 'subnet-0bbbbbbbbbbbbbbb2' has no route table id/);
  });

  test('an internetGatewayId for a VPC without public subnets is reported as unused', () => {
    const stack = newStack();
    new Ipv6Upgrade(stack, 'Upgrade', { vpc: importVpc(stack), internetGatewayId: 'igw-0abcabcabcabcabc1' });

    Template.fromStack(stack).resourcePropertiesCountIs('AWS::EC2::Route', { GatewayId: Match.anyValue() }, 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Upgrade', Match.stringLikeRegexp("internetGatewayId 'igw-0abcabcabcabcabc1' is not used"));
  });

  test('subnets that get no route need no route table id', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { privateSubnetIds: undefined, privateSubnetRouteTableIds: undefined, isolatedSubnetIds: ['subnet-0ddddddddddddddd1', 'subnet-0ddddddddddddddd2'] });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });

    const template = Template.fromStack(stack);
    expect(ipv6Routes(template)).toEqual([]);
    expect(blockIndexBySubnet(template)).toEqual(new Map([['subnet-0ddddddddddddddd1', 128], ['subnet-0ddddddddddddddd2', 129]]));
  });

  test('resources are keyed by the literal subnet and route table ids, and stay put when a zone is added', () => {
    const upgraded = (zones: number) => {
      const stack = newStack();
      const ids = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2', 'subnet-0ccccccccccccccc3'].slice(0, zones);
      const vpc = importVpc(stack, {
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'].slice(0, zones),
        privateSubnetIds: ids,
        privateSubnetRouteTableIds: ids.map(id => id.replace('subnet', 'rtb')),
      });
      new Ipv6Upgrade(stack, 'Upgrade', { vpc });
      return Template.fromStack(stack).toJSON().Resources;
    };
    const before = upgraded(2);
    expect(Object.keys(before).filter(id => before[id].Type === 'AWS::EC2::SubnetCidrBlock').sort())
      .toEqual([expect.stringMatching(/^Upgradesubnet0aaaaaaaaaaaaaaa1Ipv6Cidr/), expect.stringMatching(/^Upgradesubnet0bbbbbbbbbbbbbbb2Ipv6Cidr/)]);
    expect(Object.keys(before).filter(id => before[id].Type === 'AWS::EC2::Route').sort())
      .toEqual([expect.stringMatching(/^Upgradertb0aaaaaaaaaaaaaaa1Ipv6DefaultRoute/), expect.stringMatching(/^Upgradertb0bbbbbbbbbbbbbbb2Ipv6DefaultRoute/)]);
    expect(upgraded(3)).toMatchObject(before);
  });

  test('more than 8 zones are rejected: each group has 8 /64s', () => {
    const stack = newStack();
    const zones = Array.from({ length: 9 }, (_, i) => `us-east-1${'abcdefghi'[i]}`);
    const ids = zones.map((_, i) => `subnet-${i.toString(16).padStart(17, '0')}`);
    const vpc = importVpc(stack, { availabilityZones: zones, privateSubnetIds: ids, privateSubnetRouteTableIds: ids.map(() => 'rtb-0eeeeeeeeeeeeeee2') });

    expect(() => new Ipv6Upgrade(stack, 'Upgrade', { vpc })).toThrow(/subnet Stack\/Vpc\/PrivateSubnet9 is in zone us-east-1i, the 9th of the VPC's zones\. Each subnet's \/64 is fixed by its zone's place among the first 8/);
  });

  test('a route table shared by public and private subnets is reported', () => {
    const stack = newStack();
    const vpc = importVpc(stack, { publicSubnetIds: ['subnet-0ccccccccccccccc1', 'subnet-0ccccccccccccccc2'], publicSubnetRouteTableIds: ['rtb-0eeeeeeeeeeeeeee1', 'rtb-0eeeeeeeeeeeeeee1'] });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc, internetGatewayId: 'igw-0abcabcabcabcabc1' });

    expect(ipv6Routes(Template.fromStack(stack))).toHaveLength(1);
    Annotations.fromStack(stack).hasWarning('/Stack/Upgrade', Match.stringLikeRegexp("Private subnet 'subnet-0aaaaaaaaaaaaaaa1' shares its route table with a subnet whose ::/0 goes to the internet gateway"));
  });
});

describe('cdk-nag', () => {
  test('an upgraded ec2.Vpc has no unacknowledged AwsSolutions finding of the upgrade', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, flowLogs: { FlowLogs: {} } });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });
    expect(formatFindings(nagFindings(stack.node.root as App, new AwsSolutionsChecks()))).toEqual('');
  });

  test('an upgraded imported VPC: DescribeVpcs on "*" is acknowledged on that call only', () => {
    const stack = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['us-east-1a'],
      privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1'],
      privateSubnetRouteTableIds: ['rtb-0eeeeeeeeeeeeeee1'],
    });
    new Ipv6Upgrade(stack, 'Upgrade', { vpc });
    new iam.Policy(stack, 'UserPolicy', {
      statements: [new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs'], resources: ['*'] })],
      roles: [new iam.Role(stack, 'UserRole', { assumedBy: new iam.AccountRootPrincipal() })],
    });
    const findings = nagFindings(stack.node.root as App, new AwsSolutionsChecks());
    expect(findings.map(f => `${f.ruleId} ${f.path}`)).toEqual(['AwsSolutions-IAM5[Resource::*] Stack/UserPolicy/Resource']);
  });
});

test('with @aws-cdk/aws-lambda:useCdkManagedLogGroup, the SDK-call function\'s log group is encrypted with a key of the upgrade', () => {
  const stack = new Stack(new App({ context: { '@aws-cdk/aws-lambda:useCdkManagedLogGroup': true } }), 'Stack');
  new Ipv6Upgrade(stack, 'Upgrade', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 }) });
  const groups = Object.values<any>(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'));
  const sdkCallGroups = groups.filter(g => JSON.stringify(g.Properties.LogGroupName ?? '').includes('/aws/lambda/'));
  expect(sdkCallGroups.map(g => g.Properties.KmsKeyId)).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^UpgradeLogKey/), 'Arn'] }]);
});

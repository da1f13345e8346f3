import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackSubnetGroup, DualStackVpc, DualStackVpcProps, Ipv6Pool } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

function synth(props: DualStackVpcProps = {}, env?: { account: string; region: string }) {
  const stack = new Stack(new App(), 'Stack', { env });
  const vpc = new DualStackVpc(stack, 'Vpc', props);
  // Synthesized on first use, so a test can still add to the VPC.
  return { stack, vpc, get template() { return Template.fromStack(stack); } };
}

/** The /64 index each subnet's Ipv6CidrBlock selects, by subnet logical id without its hash. */
function ipv6Indexes(template: Template): Record<string, number> {
  const indexes: Record<string, number> = {};
  for (const [id, subnet] of Object.entries<any>(template.findResources('AWS::EC2::Subnet'))) {
    indexes[id.replace(/[0-9A-F]{8}$/, '')] = subnet.Properties.Ipv6CidrBlock['Fn::Select'][0];
  }
  return indexes;
}

const PUBLIC: DualStackSubnetGroup = { name: 'Public', subnetType: ec2.SubnetType.PUBLIC };
const PRIVATE: DualStackSubnetGroup = { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
const ISOLATED: DualStackSubnetGroup = { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
const ENV = { account: '111111111111', region: 'us-east-1' };
const SIX_AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'];

describe('IPv4 and IPv6 ranges', () => {
  test('10.0.0.0/16 and an Amazon-provided IPv6 block by default', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    template.resourceCountIs('AWS::EC2::VPCCidrBlock', 1);
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', { AmazonProvidedIpv6CidrBlock: true });
  });

  test('an IPAM pool with its netmask length', () => {
    const { template } = synth({ ipv6Pool: Ipv6Pool.fromIpamPool('ipam-pool-0123', 52) });
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', {
      Ipv6IpamPoolId: 'ipam-pool-0123',
      Ipv6NetmaskLength: 52,
      AmazonProvidedIpv6CidrBlock: Match.absent(),
    });
  });

  test('a BYOIP pool, with or without a chosen /56', () => {
    synth({ ipv6Pool: Ipv6Pool.fromByoipPool('ipv6pool-ec2-0123', '2001:db8:1200::/56') }).template
      .hasResourceProperties('AWS::EC2::VPCCidrBlock', { Ipv6Pool: 'ipv6pool-ec2-0123', Ipv6CidrBlock: '2001:db8:1200::/56' });
    synth({ ipv6Pool: Ipv6Pool.fromByoipPool('ipv6pool-ec2-0123') }).template
      .hasResourceProperties('AWS::EC2::VPCCidrBlock', { Ipv6Pool: 'ipv6pool-ec2-0123', Ipv6CidrBlock: Match.absent() });
  });

});

/** Each subnet's IPv4 range, by subnet logical id without its hash. */
function ipv4Cidrs(template: Template): Record<string, string> {
  const cidrs: Record<string, string> = {};
  for (const [id, subnet] of Object.entries<any>(template.findResources('AWS::EC2::Subnet'))) {
    cidrs[id.replace(/[0-9A-F]{8}$/, '')] = subnet.Properties.CidrBlock;
  }
  return cidrs;
}

describe('the IPv4 layout (pinned: it must never change once released)', () => {
  test('default groups, three zones: each group slot is a /19, each zone range a /22', () => {
    expect(ipv4Cidrs(synth({}, ENV).template)).toEqual({
      VpcPublicSubnet1Subnet: '10.0.0.0/22',
      VpcPublicSubnet2Subnet: '10.0.4.0/22',
      VpcPublicSubnet3Subnet: '10.0.8.0/22',
      VpcPrivateSubnet1Subnet: '10.0.32.0/22',
      VpcPrivateSubnet2Subnet: '10.0.36.0/22',
      VpcPrivateSubnet3Subnet: '10.0.40.0/22',
    });
  });

  test('a smaller subnet sits at the start of its zone range; a larger one covers the next slots', () => {
    const { template } = synth({
      availabilityZones: SIX_AZS.slice(0, 2),
      subnetGroups: [{ ...PUBLIC, cidrMask: 24 }, { ...PRIVATE, cidrMask: 20 }, { ...ISOLATED, slot: 5 }],
    }, ENV);
    expect(ipv4Cidrs(template)).toEqual({
      VpcPublicSubnet1Subnet: '10.0.0.0/24',
      VpcPublicSubnet2Subnet: '10.0.4.0/24',
      // A /20 per zone: slots 1-4 (10.0.32.0-10.0.159.255).
      VpcPrivateSubnet1Subnet: '10.0.32.0/20',
      VpcPrivateSubnet2Subnet: '10.0.48.0/20',
      VpcIsolatedSubnet1Subnet: '10.0.160.0/22',
      VpcIsolatedSubnet2Subnet: '10.0.164.0/22',
    });
  });

  test('the same cut in a smaller VPC: a /20 has /23 slots and /26 zone ranges', () => {
    const { template } = synth({ ipv4Cidr: '10.20.0.0/20', availabilityZones: SIX_AZS.slice(0, 2), subnetGroups: [PUBLIC, { ...PRIVATE, cidrMask: 24 }] }, ENV);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/20' });
    expect(ipv4Cidrs(template)).toEqual({
      VpcPublicSubnet1Subnet: '10.20.0.0/26',
      VpcPublicSubnet2Subnet: '10.20.0.64/26',
      VpcPrivateSubnet1Subnet: '10.20.2.0/24',
      VpcPrivateSubnet2Subnet: '10.20.3.0/24',
    });
  });

  test('appending a group, adding zones or inserting a group with a slot moves no subnet and no NAT gateway', () => {
    const pinned = (shape: DualStackSubnetGroup[], zones: number) =>
      synth({ subnetGroups: shape, availabilityZones: SIX_AZS.slice(0, zones) }, ENV).template;
    const placement = (template: Template) => ({
      subnets: Object.fromEntries(Object.entries<any>(template.findResources('AWS::EC2::Subnet')).map(([id, r]) =>
        [id, [r.Properties.CidrBlock, r.Properties.AvailabilityZone, r.Properties.Ipv6CidrBlock]])),
      nat: Object.fromEntries(Object.entries<any>(template.findResources('AWS::EC2::NatGateway')).map(([id, r]) => [id, r.Properties.SubnetId])),
    });
    const before = placement(pinned([PUBLIC, { ...PRIVATE, slot: 2 }], 2));
    expect(Object.keys(before.subnets)).toHaveLength(4);
    expect(Object.keys(before.nat)).toHaveLength(2);
    const afters = [
      pinned([PUBLIC, { ...PRIVATE, slot: 2 }, { ...ISOLATED, slot: 3 }], 2),
      pinned([PUBLIC, { ...PRIVATE, slot: 2 }], 3),
      // Inserted first in the list: the groups that were there keep their slots by setting them.
      pinned([{ ...PUBLIC, name: 'Edge', slot: 1 }, { ...PUBLIC, slot: 0 }, { ...PRIVATE, slot: 2 }], 6),
    ].map(placement);
    for (const after of afters) {
      expect(after.subnets).toMatchObject(before.subnets);
      expect(after.nat).toMatchObject(before.nat);
    }
  });
});

describe('subnet groups and the /64 layout', () => {
  test('public, private, isolated and IPv6-only groups each get 8 slots, one per zone', () => {
    const { template } = synth({
      subnetGroups: [PUBLIC, PRIVATE, ISOLATED, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true }],
    });
    expect(ipv6Indexes(template)).toEqual({
      VpcPublicSubnet1Subnet: 0,
      VpcPublicSubnet2Subnet: 1,
      VpcPrivateSubnet1Subnet: 8,
      VpcPrivateSubnet2Subnet: 9,
      VpcIsolatedSubnet1Subnet: 16,
      VpcIsolatedSubnet2Subnet: 17,
      VpcNativeSubnet1Subnet: 24,
      VpcNativeSubnet2Subnet: 25,
    });
    // Fn::Cidr always counts every /64 of the /56, so the expression does not depend on the subnet count.
    template.hasResourceProperties('AWS::EC2::Subnet', {
      Ipv6CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [Match.anyValue(), 256, '64'] }] },
    });
  });

  test('appending a group or adding zones moves no existing subnet', () => {
    const before = synth({ subnetGroups: [PUBLIC, PRIVATE], availabilityZones: SIX_AZS.slice(0, 2) }, ENV).template;
    const after = synth({ subnetGroups: [PUBLIC, PRIVATE, ISOLATED], availabilityZones: SIX_AZS }, ENV).template;
    const beforeSubnets = before.findResources('AWS::EC2::Subnet');
    const afterSubnets = after.findResources('AWS::EC2::Subnet');
    expect(Object.keys(beforeSubnets)).toHaveLength(4);
    for (const [id, subnet] of Object.entries<any>(beforeSubnets)) {
      expect(afterSubnets[id]?.Properties.Ipv6CidrBlock).toEqual(subnet.Properties.Ipv6CidrBlock);
    }
  });

  test('an explicit slot keeps a group in place when an earlier group is removed', () => {
    const { template } = synth({ subnetGroups: [{ ...PRIVATE, slot: 1 }], natGateways: 0 });
    expect(Object.values(ipv6Indexes(template)).sort()).toEqual([8, 9]);
  });

  test('IPv6-only subnets are Ipv6Native with no IPv4 range and AAAA-only resource names', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true }] });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', {
      Ipv6Native: true,
      CidrBlock: Match.absent(),
      AssignIpv6AddressOnCreation: true,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'resource-name', EnableResourceNameDnsAAAARecord: true, EnableResourceNameDnsARecord: false },
    }, 2);
  });

  test('IPv6-only subnets are selected by group name, never by type', () => {
    const { vpc } = synth({ subnetGroups: [PUBLIC, PRIVATE, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true }] });
    expect(vpc.selectSubnets({ subnetGroupName: 'Native' }).subnets).toEqual(vpc.ipv6OnlySubnets);
    expect(vpc.ipv6OnlySubnets).toHaveLength(2);
    const byType = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
    expect(byType).toEqual(vpc.privateSubnets);
    expect(byType.some(s => vpc.ipv6OnlySubnets.includes(s))).toBe(false);
  });

  test('a reserved group keeps its slot and creates no subnet', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, { ...PRIVATE, reserved: true }, ISOLATED], natGateways: 0 });
    expect(Object.values(ipv6Indexes(template)).sort((a, b) => a - b)).toEqual([0, 1, 16, 17]);
  });
});

describe('auto-assign and DNS names', () => {
  test('every subnet auto-assigns IPv6 and registers AAAA resource names by default', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, PRIVATE, ISOLATED] });
    const subnets = Object.values<any>(template.findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(6);
    for (const subnet of subnets) {
      expect(subnet.Properties.AssignIpv6AddressOnCreation).toBe(true);
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
      expect(subnet.Properties.PrivateDnsNameOptionsOnLaunch).toEqual({
        HostnameType: 'resource-name', EnableResourceNameDnsARecord: true, EnableResourceNameDnsAAAARecord: true,
      });
    }
  });

  test('auto-assign can be turned off for a dual-stack group', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, { ...PRIVATE, assignIpv6AddressOnCreation: false }] });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { AssignIpv6AddressOnCreation: false }, 2);
  });
});

describe('gateways and routes', () => {
  test('::/0 to the internet gateway from public subnets, to the egress-only gateway from private ones', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, PRIVATE, ISOLATED] });
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 1);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationIpv6CidrBlock: '::/0', GatewayId: Match.anyValue() }, 2);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: Match.anyValue() }, 2);
    // Isolated subnets: no route at all in their route tables.
    const isolatedTables = Object.keys(template.findResources('AWS::EC2::RouteTable')).filter(id => id.includes('Isolated'));
    expect(isolatedTables).toHaveLength(2);
    const routes = Object.values<any>(template.findResources('AWS::EC2::Route'));
    expect(routes.filter(r => isolatedTables.includes(r.Properties.RouteTableId.Ref))).toEqual([]);
  });

  test('no egress-only gateway when no subnet routes to it', () => {
    synth({ subnetGroups: [PUBLIC, ISOLATED] }).template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
  });

  test('an egress-only gateway for private IPv6-only subnets alone', () => {
    const { template } = synth({
      subnetGroups: [PUBLIC, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true }],
    });
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 1);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: Match.anyValue() }, 2);
  });

  test('a public IPv6-only group routes ::/0 to the internet gateway after it is attached', () => {
    const { template } = synth({ subnetGroups: [PUBLIC, { name: 'Edge', subnetType: ec2.SubnetType.PUBLIC, ipv6Only: true }] });
    template.hasResource('AWS::EC2::Route', {
      Properties: { DestinationIpv6CidrBlock: '::/0', GatewayId: { Ref: Match.stringLikeRegexp('IGW') }, RouteTableId: { Ref: Match.stringLikeRegexp('EdgeSubnet1') } },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('VPCGW')]),
    });
  });

  test('DNS64 comes with a NAT64 route to the NAT gateway of the same zone', () => {
    const { template } = synth({
      subnetGroups: [PUBLIC, PRIVATE, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, nat64: true }],
    });
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { EnableDns64: true }, 2);
    template.hasResourceProperties('AWS::EC2::Route', {
      DestinationIpv6CidrBlock: '64:ff9b::/96',
      NatGatewayId: { Ref: Match.stringLikeRegexp('PublicSubnet1NATGateway') },
      RouteTableId: { Ref: Match.stringLikeRegexp('NativeSubnet1RouteTable') },
    });
    template.hasResourceProperties('AWS::EC2::Route', {
      DestinationIpv6CidrBlock: '64:ff9b::/96',
      NatGatewayId: { Ref: Match.stringLikeRegexp('PublicSubnet2NATGateway') },
      RouteTableId: { Ref: Match.stringLikeRegexp('NativeSubnet2RouteTable') },
    });
  });

  test('NAT64 from an IPv6-only group alone still gets one NAT gateway per zone', () => {
    const { template } = synth({
      subnetGroups: [PUBLIC, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, nat64: true }],
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationIpv6CidrBlock: '64:ff9b::/96', NatGatewayId: Match.anyValue() }, 2);
  });

  test('every subnet with DNS64 has a NAT64 route in its route table', () => {
    const { template } = synth({
      subnetGroups: [PUBLIC, { ...PRIVATE, nat64: true }, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, nat64: true }],
    });
    const subnets = template.findResources('AWS::EC2::Subnet', { Properties: { EnableDns64: true } });
    expect(Object.keys(subnets)).toHaveLength(4);
    const associations = Object.values<any>(template.findResources('AWS::EC2::SubnetRouteTableAssociation'));
    const nat64Tables = Object.values<any>(template.findResources('AWS::EC2::Route', { Properties: { DestinationIpv6CidrBlock: '64:ff9b::/96' } }))
      .map(r => r.Properties.RouteTableId.Ref);
    for (const id of Object.keys(subnets)) {
      const table = associations.find(a => a.Properties.SubnetId.Ref === id)!.Properties.RouteTableId.Ref;
      expect(nat64Tables).toContain(table);
    }
  });
});

describe('NAT gateways', () => {
  test('one per zone by default', () => {
    synth().template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  test('a configurable count', () => {
    synth({ natGateways: 1 }).template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('zero: private subnets egress over IPv6 only, with a warning', () => {
    const { stack, template } = synth({ natGateways: 0 });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() }, 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: Match.anyValue() }, 2);
    Annotations.fromStack(stack).hasWarning('/Stack/Vpc', Match.stringLikeRegexp('no NAT gateway.*\\[ack: cdk-ipv6-ready:DualStackVpc.noIpv4Egress\\]'));
  });
});

describe('endpoints', () => {
  test('S3 (dual-stack) and DynamoDB gateway endpoints by default', () => {
    const { template } = synth();
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('\\.s3$')])] },
      IpAddressType: 'dualstack',
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('\\.dynamodb$')])] },
      IpAddressType: Match.absent(),
    });
  });

  test('interface endpoints are dual-stack and admit both VPC ranges', () => {
    const { vpc, template: t } = (() => {
      const built = synth();
      built.vpc.addInterfaceEndpoint('Sts', { service: ec2.InterfaceVpcEndpointAwsService.STS });
      return built;
    })();
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      IpAddressType: 'dualstack',
      DnsOptions: { DnsRecordIpType: 'dualstack' },
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] }, FromPort: 443, ToPort: 443 }),
        Match.objectLike({
          CidrIpv6: { 'Fn::Select': [0, { 'Fn::Split': ['|', { 'Fn::Join': ['|', [Match.anyValue(), { Ref: Match.stringLikeRegexp('ipv6cidr') }]] }] }] },
          FromPort: 443,
          ToPort: 443,
        }),
      ]),
    });
    expect(vpc.node.tryFindChild('Sts')).toBeInstanceOf(ec2.InterfaceVpcEndpoint);
  });

  test('an IPv4-only interface endpoint when asked', () => {
    const { vpc } = synth();
    vpc.addInterfaceEndpoint('Legacy', { service: ec2.InterfaceVpcEndpointAwsService.SSM, ipAddressType: ec2.VpcEndpointIpAddressType.IPV4 });
    Template.fromStack(Stack.of(vpc)).hasResourceProperties('AWS::EC2::VPCEndpoint', { IpAddressType: 'ipv4', DnsOptions: Match.absent() });
  });
});

describe('flow logs and the default security group', () => {
  test('a flow log of all traffic to a retained log group by default', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('no flow log when given none', () => {
    synth({ flowLogs: {} }).template.resourceCountIs('AWS::EC2::FlowLog', 0);
  });

  test('the default security group loses its IPv4 and IPv6 rules after the IPv6 block exists', () => {
    const { template } = synth();
    // The SDK call is JSON joined around the group id token: compare its text.
    const calls = Object.values<any>(template.findResources('Custom::DefaultSecurityGroupLockdown')).map(r => ({
      create: r.Properties.Create['Fn::Join'][1].filter((part: unknown) => typeof part === 'string').join('<GroupId>'),
      dependsOn: r.DependsOn,
    }));
    expect(calls).toHaveLength(2);
    expect(calls[0].create).toContain('"action":"revokeSecurityGroupEgress"');
    expect(calls[0].create).toContain('"IpPermissions":[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[{"CidrIpv6":"::/0"}]}]');
    expect(calls[1].create).toContain('"action":"revokeSecurityGroupIngress"');
    for (const call of calls) {
      expect(call.dependsOn).toContainEqual(expect.stringMatching(/ipv6cidr/));
    }
    // aws-cdk-lib's own handler, which leaves the IPv6 rule, is not used.
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
    // IAM scoped to the default security group only.
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .flatMap(p => p.Properties.PolicyDocument.Statement)
      .filter(s => [s.Action].flat().some((a: string) => a.includes('SecurityGroup')));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(JSON.stringify(statement.Resource)).toContain('security-group/');
      expect(statement.Resource).not.toEqual('*');
    }
  });

  test('the lockdown can be turned off', () => {
    synth({ restrictDefaultSecurityGroup: false }).template.resourceCountIs('Custom::DefaultSecurityGroupLockdown', 0);
  });
});

describe('attributes and import', () => {
  test('the VPC IPv6 block waits for its association, subnet blocks come from the subnets', () => {
    const { stack, vpc } = synth();
    expect(stack.resolve(vpc.vpcIpv6CidrBlock)).toEqual({
      'Fn::Select': [0, {
        'Fn::Split': ['|', {
          'Fn::Join': ['|', [
            { 'Fn::Select': [0, { 'Fn::GetAtt': ['Vpc8378EB38', 'Ipv6CidrBlocks'] }] },
            { Ref: 'Vpcipv6cidr40D3CB78' },
          ]],
        }],
      }],
    });
    expect(stack.resolve(vpc.ipv6CidrBlockOf(vpc.privateSubnets[0]))).toEqual({
      'Fn::Select': [0, { 'Fn::GetAtt': ['VpcPrivateSubnet1Subnet536B997A', 'Ipv6CidrBlocks'] }],
    });
    const stranger = ec2.Subnet.fromSubnetId(stack, 'Stranger', 'subnet-123');
    expect(() => vpc.ipv6CidrBlockOf(stranger)).toThrow(/\[Stack\/Vpc\] ipv6CidrBlockOf: subnet Stack\/Stranger is not a subnet of this VPC/);
  });

  test('fromDualStackVpcAttributes keeps the IPv6 attributes', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = DualStackVpc.fromDualStackVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-1',
      vpcCidrBlock: '10.0.0.0/16',
      vpcIpv6CidrBlock: '2001:db8:1200::/56',
      availabilityZones: ['az-a', 'az-b'],
      privateSubnetIds: ['subnet-a', 'subnet-b'],
      privateSubnetRouteTableIds: ['rtb-a', 'rtb-b'],
      privateSubnetIpv6CidrBlocks: ['2001:db8:1200:8::/64', '2001:db8:1200:9::/64'],
      ipv6OnlySubnetIds: ['subnet-c', 'subnet-d'],
      ipv6OnlySubnetIpv6CidrBlocks: ['2001:db8:1200:18::/64', '2001:db8:1200:19::/64'],
    });
    expect(vpc.vpcId).toEqual('vpc-1');
    expect(vpc.vpcIpv6CidrBlock).toEqual('2001:db8:1200::/56');
    expect(vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(vpc.ipv6CidrBlockOf(vpc.privateSubnets[1])).toEqual('2001:db8:1200:9::/64');
    expect(vpc.ipv6OnlySubnets.map(s => s.subnetId)).toEqual(['subnet-c', 'subnet-d']);
    expect(vpc.ipv6CidrBlockOf(vpc.ipv6OnlySubnets[0])).toEqual('2001:db8:1200:18::/64');
    expect(() => vpc.ipv6CidrBlockOf(ec2.Subnet.fromSubnetId(stack, 'Other', 'subnet-z'))).toThrow(/no IPv6 CIDR block is known for subnet subnet-z/);
  });

  test('it is an IVpc to every aws-cdk-lib construct', () => {
    const { stack, vpc } = synth();
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc, allowAllIpv6Outbound: true });
    sg.addIngressRule(ec2.Peer.ipv6(vpc.vpcIpv6CidrBlock), ec2.Port.tcp(443));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: { Ref: 'Vpc8378EB38' },
      SecurityGroupIngress: [Match.objectLike({ CidrIpv6: Match.anyValue(), FromPort: 443 })],
    });
  });
});

describe('cdk-nag', () => {
  test('the default configuration has no unacknowledged AwsSolutions finding', () => {
    const app = new App();
    new DualStackVpc(new Stack(app, 'Stack'), 'Vpc');
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app)))).toEqual('');
  });

  test('the acknowledgement covers only the SDK-call function, not a user role', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new DualStackVpc(stack, 'Vpc');
    new iam.Role(stack, 'UserRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const findings = nagFindings(app, new AwsSolutionsChecks(app));
    expect(findings.map(f => `${f.ruleId} ${f.path}`)).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] Stack/UserRole/Resource',
    ]);
  });
});

describe('bad input', () => {
  const cases: Array<[string, DualStackVpcProps, RegExp]> = [
    ['a token IPv4 CIDR', { ipv4Cidr: Lazy.string({ produce: () => '10.0.0.0/16' }) }, /ipv4Cidr: the value is a token/],
    ['an invalid IPv4 CIDR', { ipv4Cidr: '10.0.0.300/16' }, /ipv4Cidr: '10\.0\.0\.300\/16' is not an IPv4 CIDR/],
    ['a prefix above /16', { ipv4Cidr: '10.0.0.0/8' }, /ipv4Cidr: '10\.0\.0\.0\/8' has a \/8 prefix.*\/16 to \/22/],
    ['a prefix below /22', { ipv4Cidr: '10.0.0.0/23' }, /has a \/23 prefix\. The layout gives 8 group slots of 8 zones.*\/16 to \/22/],
    ['an IPAM netmask IPAM does not allocate', { ipv6Pool: Ipv6Pool.fromIpamPool('ipam-pool-1', 58) }, /ipv6Pool: IPAM netmask length \/58 is not allowed/],
    ['a BYOIP block that is not a /56', { ipv6Pool: Ipv6Pool.fromByoipPool('ipv6pool-ec2-1', '2001:db8::/48') }, /is not a \/56/],
    ['more groups than /64 slots', {
      ipv6Pool: Ipv6Pool.fromIpamPool('ipam-pool-1', 60),
      subnetGroups: [PUBLIC, PRIVATE, ISOLATED],
    }, /subnetGroups\[2\] 'Isolated': slot 2 needs \/64 blocks up to index 23, but the VPC's \/60 IPv6 block holds 16 \/64 subnets/],
    ['a slot past the /56', { subnetGroups: [{ ...PUBLIC, slot: 32 }] }, /slot 32 needs \/64 blocks up to index 263/],
    ['two groups in one slot', { subnetGroups: [PUBLIC, { ...PRIVATE, slot: 0 }] }, /slot 0 is already the slot of group 'Public'/],
    ['duplicate group names', { subnetGroups: [PUBLIC, { ...PRIVATE, name: 'Public' }] }, /the name 'Public' is used by two groups/],
    ['NAT64 with zero NAT gateways', { natGateways: 0, subnetGroups: [PUBLIC, { ...PRIVATE, nat64: true }] }, /nat64 is true, but the VPC will have no NAT gateway \(natGateways: 0/],
    ['NAT64 without a public group', { subnetGroups: [{ ...PRIVATE, nat64: true }] }, /nat64 is true, but the VPC will have no NAT gateway.*without a dual-stack PUBLIC group/],
    ['DNS64 without NAT64', { subnetGroups: [PUBLIC, { ...PRIVATE, dns64: true }] }, /dns64 is true but nat64 is not.*hang/],
    ['NAT64 on an isolated group', { subnetGroups: [PUBLIC, { ...ISOLATED, nat64: true }] }, /nat64 is true on a PRIVATE_ISOLATED group/],
    ['IPv6-only subnets mapping public IPv4', {
      subnetGroups: [PUBLIC, { name: 'Edge', subnetType: ec2.SubnetType.PUBLIC, ipv6Only: true, mapPublicIpOnLaunch: true }],
    }, /mapPublicIpOnLaunch is true on an IPv6-only group/],
    ['an IPv4 mask on an IPv6-only group', {
      subnetGroups: [PUBLIC, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, cidrMask: 24 }],
    }, /cidrMask 24 is set on an IPv6-only group/],
    ['an IPv6-only group without auto-assign', {
      subnetGroups: [PUBLIC, { name: 'Native', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, ipv6Only: true, assignIpv6AddressOnCreation: false }],
    }, /assignIpv6AddressOnCreation is false on an IPv6-only group/],
    ['a public IPv6-only group without an internet gateway', {
      subnetGroups: [PRIVATE, { name: 'Edge', subnetType: ec2.SubnetType.PUBLIC, ipv6Only: true }], natGateways: 0,
    }, /a PUBLIC IPv6-only group needs a dual-stack PUBLIC group/],
    ['only IPv6-only groups', {
      subnetGroups: [{ name: 'Native', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, ipv6Only: true }],
    }, /every group is IPv6-only/],
    ['public IPv4 on a private group', { subnetGroups: [PUBLIC, { ...PRIVATE, mapPublicIpOnLaunch: true }] }, /mapPublicIpOnLaunch is true on a Private group/],
    ['a subnet mask wider than 8 zones allow', { ipv4Cidr: '10.0.0.0/20', subnetGroups: [{ ...PUBLIC, cidrMask: 22 }] }, /cidrMask 22 does not fit\. In a \/20 VPC a subnet's IPv4 prefix is \/23 .* to \/28/],
    ['a subnet mask past /28', { subnetGroups: [{ ...PUBLIC, cidrMask: 29 }] }, /cidrMask 29 does not fit/],
    ['IPv4 subnets that cover a slot of another group', {
      subnetGroups: [PUBLIC, { ...PRIVATE, cidrMask: 20 }, ISOLATED],
    }, /subnetGroups\[2\] 'Isolated': its IPv4 subnets \(\/22\) need slot 2, and slot 2 holds the IPv4 range of group 'Private'/],
    ['a dual-stack group past the 8 IPv4 slots', { subnetGroups: [{ ...PUBLIC, slot: 8 }] }, /its IPv4 subnets \(\/22\) need slot 8, but the VPC's IPv4 range has 8 group slots \(0-7\).*make it IPv6-only/],
    ['large subnets that run past the last slot', { subnetGroups: [{ ...PUBLIC, slot: 7, cidrMask: 21 }] }, /need slots 7-8/],
    ['more zones than the layout holds', { maxAzs: 9 }, /maxAzs: 9 availability zones do not fit the layout/],
    ['no groups', { subnetGroups: [] }, /subnetGroups: the list is empty/],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new DualStackVpc(stack, 'Vpc', props)).toThrow(message);
    // Nothing half-built is left behind.
    expect(stack.node.tryFindChild('Vpc')).toBeUndefined();
  });

  test('errors carry the construct path', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new DualStackVpc(stack, 'Vpc', { ipv4Cidr: 'nope' })).toThrow(/^\[Stack\/Vpc\] ipv4Cidr/);
  });
});

describe('log groups with the project\'s own flags (cdk.json)', () => {
  test('@aws-cdk/aws-lambda:useCdkManagedLogGroup: the lockdown function\'s log group is encrypted with the VPC\'s log key too', () => {
    const stack = new Stack(new App({ context: { '@aws-cdk/aws-lambda:useCdkManagedLogGroup': true } }), 'Stack');
    new DualStackVpc(stack, 'Vpc');
    const groups = Object.values<any>(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'));
    // The flow log's and the SDK-call function's (which the flag makes aws-cdk-lib create).
    expect(groups).toHaveLength(2);
    const keys = groups.map(g => g.Properties.KmsKeyId);
    expect(keys).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^VpcLogKey/), 'Arn'] }, { 'Fn::GetAtt': [expect.stringMatching(/^VpcLogKey/), 'Arn'] }]);
  });

  test('without the flag there is no such log group in the template, and nothing changes', () => {
    const stack = new Stack(new App(), 'Stack');
    new DualStackVpc(stack, 'Vpc');
    expect(Object.values<any>(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')).map(g => Object.keys(g.Properties.KmsKeyId))).toEqual([['Fn::GetAtt']]);
  });

  test('an imported log key whose policy the user vouches for is taken', () => {
    const stack = new Stack(new App(), 'Stack');
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new DualStackVpc(stack, 'Vpc', { logEncryptionKey: key, logEncryptionKeyPolicyAllowsLogs: true });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: key.keyArn });
  });
});

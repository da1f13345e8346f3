import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackVpc, Ipv6ReadinessChecks, Ipv6Upgrade } from '../../lib';
import { Ipv6EksCluster } from '../../lib/eks';
import { formatFindings, nagFindings } from '../support/nag';

function brownfield() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
  const upgrade = new Ipv6Upgrade(stack, 'Upgrade', { vpc });
  return { app, stack, vpc, upgrade };
}

describe('Ipv6EksCluster in a VPC that Ipv6Upgrade made dual-stack', () => {
  test('accepted with only { vpc }: the VPC block from the upgrade, the cluster after its blocks and routes', () => {
    const { stack, vpc, upgrade } = brownfield();
    const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc });
    expect(eks6.vpcIpv6CidrBlock).toBe(upgrade.vpcIpv6CidrBlock);
    const t = Template.fromStack(stack).toJSON();
    const clusterId = stack.getLogicalId(eks6.cluster.node.defaultChild as eks.CfnCluster);
    const dependsOn: string[] = t.Resources[clusterId].DependsOn ?? [];
    const upgradeResources = Object.entries(t.Resources).filter(([, r]: [string, any]) => ['AWS::EC2::SubnetCidrBlock', 'AWS::EC2::Route', 'AWS::EC2::VPCCidrBlock'].includes(r.Type)
      && JSON.stringify(r).includes('Upgrade')).map(([id]) => id);
    const blocks = Object.entries(t.Resources).filter(([, r]: [string, any]) => r.Type === 'AWS::EC2::SubnetCidrBlock').map(([id]) => id);
    const ipv6Routes = Object.entries(t.Resources).filter(([, r]: [string, any]) => r.Type === 'AWS::EC2::Route' && r.Properties.DestinationIpv6CidrBlock === '::/0').map(([id]) => id);
    expect(blocks.length).toBe(4);
    expect(ipv6Routes.length).toBe(4);
    for (const id of [...blocks, ...ipv6Routes]) {
      expect(dependsOn).toContain(id);
    }
    expect(upgradeResources.length).toBeGreaterThan(0);
    // The control plane admits the VPC's IPv6 block the upgrade added.
    expect(JSON.stringify(t.Resources)).toContain('Kubernetes API from the VPC (IPv6)');
  });

  test('given explicitly, and under EKS Auto Mode (the upgrade routes ::/0 and auto-assigns IPv6)', () => {
    const { stack, vpc, upgrade } = brownfield();
    new Ipv6EksCluster(stack, 'Eks', { vpc, ipv6Upgrade: upgrade, defaultCapacityType: eks.DefaultCapacityType.AUTOMODE });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { Enabled: true } });
  });

  test('an IPv4 VPC without an upgrade is refused with the fix naming Ipv6Upgrade', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc })).toThrow(/has no IPv6 CIDR block.*add IPv6 to the VPC with Ipv6Upgrade/);
  });

  test('no unacknowledged finding under both packs', () => {
    const { app, stack, vpc } = brownfield();
    new Ipv6EksCluster(stack, 'Eks', { vpc });
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
    // AwsSolutions: the brownfield VPC's own findings (flow logs) are the user's; none is the cluster's.
    const findings = nagFindings(app, new AwsSolutionsChecks(app)).filter(f => (f.path ?? '').startsWith('Stack/Eks'));
    expect(formatFindings(findings)).toEqual('');
  });
});

describe('the control plane security group’s EC23 acknowledgement is decided on the final template', () => {
  function ec23(openToTheWorld: boolean): string[] {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc: new DualStackVpc(stack, 'Vpc') });
    if (openToTheWorld) {
      eks6.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'the world');
    }
    return nagFindings(app, new AwsSolutionsChecks(app)).filter(f => f.ruleId.startsWith('AwsSolutions-EC23')).map(f => f.path ?? '');
  }

  test('acknowledged while every source is the VPC\'s own range', () => {
    expect(ec23(false)).toEqual([]);
  });

  test('a 0.0.0.0/0 the user adds later through connections keeps its finding', () => {
    expect(ec23(true)).toContain('Stack/Eks/ControlPlaneSecurityGroup/Resource');
  });
});

import { MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES } from '../../bench/creation-times';
import { analyze, dependencies, estimate, partOf, schedule } from '../../bench/critical-path';
import { LoadedTemplate, Template } from '../../bench/template-stats';

function loaded(template: Template, name = 'Stack', nested: Record<string, LoadedTemplate> = {}, paths: Record<string, string> = {}): LoadedTemplate {
  return { name, file: `${name}.template.json`, bytes: 0, template, paths, nested };
}

describe('dependencies', () => {
  test('Ref, Fn::GetAtt, Fn::Sub and DependsOn, not parameters, pseudo parameters or Sub variables', () => {
    const template: Template = {
      Parameters: { P: {} },
      Resources: {
        A: { Type: 'AWS::EC2::VPC' },
        B: { Type: 'AWS::EC2::Subnet' },
        C: { Type: 'AWS::EC2::Subnet' },
        D: { Type: 'AWS::EC2::Subnet' },
        E: { Type: 'AWS::EC2::Subnet' },
        F: { Type: 'AWS::EC2::Subnet' },
        G: { Type: 'AWS::EC2::Subnet' },
        X: {
          Type: 'AWS::EC2::Route',
          Properties: {
            One: { Ref: 'A' },
            Two: { 'Fn::GetAtt': ['B', 'Arn'] },
            Three: { 'Fn::GetAtt': 'C.Arn' },
            Four: { 'Fn::Sub': 'arn:${AWS::Partition}:x:${D}:${E.Name}:${!F}:${P}' },
            Five: { 'Fn::Sub': ['${G}-${Local}', { Local: { Ref: 'A' } }] },
            Six: [{ Ref: 'AWS::Region' }, { Ref: 'P' }],
          },
          DependsOn: 'F',
        },
        Y: { Type: 'AWS::EC2::Route', DependsOn: ['A', 'B'] },
      },
    };
    expect(dependencies('X', template)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(dependencies('Y', template)).toEqual(['A', 'B']);
    expect(dependencies('A', template)).toEqual([]);
  });

  test('a Sub variable named like a resource shadows it', () => {
    const template: Template = {
      Resources: {
        A: { Type: 'AWS::EC2::VPC' },
        X: { Type: 'AWS::EC2::Route', Properties: { V: { 'Fn::Sub': ['${A}', { A: 'literal' }] } } },
      },
    };
    expect(dependencies('X', template)).toEqual([]);
  });
});

describe('schedule', () => {
  test('the longest weighted path, with its chain', () => {
    const s = schedule(loaded({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC' },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' } } },
        Msk: { Type: 'AWS::MSK::Cluster', Properties: { S: [{ Ref: 'Subnet' }] } },
        Eks: { Type: 'AWS::EKS::Cluster', Properties: { S: [{ Ref: 'Subnet' }] } },
        Nodes: { Type: 'AWS::EKS::Nodegroup', Properties: { C: { Ref: 'Eks' } } },
      },
    }));
    expect(s.total).toBeCloseTo(0.3 + 0.25 + 30);
    expect(s.chain.map(c => c.logicalId)).toEqual(['Vpc', 'Subnet', 'Msk']);
    expect(s.steps.Nodes.start).toBeCloseTo(0.55 + 12);
  });

  test('a dependency cycle is an error', () => {
    expect(() => schedule(loaded({
      Resources: {
        A: { Type: 'AWS::EC2::VPC', DependsOn: 'B' },
        B: { Type: 'AWS::EC2::VPC', DependsOn: 'A' },
      },
    }))).toThrow(/cycle/);
  });

  test('a nested stack takes its own critical path plus its overhead', () => {
    const inner = loaded({
      Resources: {
        Eks: { Type: 'AWS::EKS::Cluster' },
        Nodes: { Type: 'AWS::EKS::Nodegroup', DependsOn: 'Eks' },
      },
    }, 'Stack/Nested');
    const s = schedule(loaded({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC' },
        Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { V: { Ref: 'Vpc' } } } },
      },
    }, 'Stack', { Nested: inner }));
    expect(s.total).toBeCloseTo(0.3 + 0.5 + 12 + 4);
    expect(s.chain[1].nested!.map(c => c.logicalId)).toEqual(['Eks', 'Nodes']);
  });
});

describe('MSK dual-stack switch', () => {
  const template = (withWaiter: boolean): Template => ({
    Resources: {
      Msk: { Type: 'AWS::MSK::Cluster' },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: withWaiter ? { Environment: { Variables: { USER_IS_COMPLETE_FUNCTION_ARN: 'x', WAITER_STATE_MACHINE_ARN: 'y' } } } : {},
      },
      Switch: {
        Type: 'Custom::MskDualStack',
        Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, ClusterArn: { Ref: 'Msk' } },
      },
      Other: { Type: 'Custom::Something', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    },
  });

  test('waits when its provider has an isComplete handler', () => {
    expect(estimate('Switch', template(true)).minutes).toBe(MSK_CONNECTIVITY_UPDATE_WAIT_MINUTES);
  });

  test('is a short custom resource, with a note, when its provider does not wait', () => {
    const e = estimate('Switch', template(false));
    expect(e.minutes).toBe(1);
    expect(e.note).toMatch(/not yet dual-stack/);
  });

  test('other custom resources take the Custom::* figure', () => {
    expect(estimate('Other', template(true)).minutes).toBe(1);
  });
});

describe('analyze', () => {
  const resources = (mskWaitsOnEks: boolean): Template => ({
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC' },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { V: { Ref: 'Vpc' } } },
      Eks: { Type: 'AWS::EKS::Cluster', Properties: { V: { Ref: 'Vpc' } } },
      Ingress: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { SourceSecurityGroupId: { 'Fn::GetAtt': ['Eks', 'ClusterSecurityGroupId'] } },
      },
      Msk: { Type: 'AWS::MSK::Cluster', Properties: { V: { Ref: 'Vpc' } }, ...(mskWaitsOnEks ? { DependsOn: 'Ingress' } : {}) },
    },
  });

  test('independent clusters: the critical path is the slowest cluster plus the network', () => {
    const a = analyze(loaded(resources(false)));
    expect(a.total).toBeCloseTo(30.3);
    expect(a.independentBound).toBeCloseTo(30.3);
    expect(a.crossClusterWaits).toEqual([]);
    expect(a.clusters).toEqual({ msk: 30, eks: 12 });
    expect(a.network).toBeCloseTo(2.3);
  });

  test('MSK waiting on EKS is found, with its chain, and exceeds the bound', () => {
    const a = analyze(loaded(resources(true)));
    expect(a.total).toBeCloseTo(0.3 + 12 + 0.25 + 30);
    // Without EKS taking time, MSK still waits for the (shared) ingress rule.
    expect(a.independentBound).toBeCloseTo(0.3 + 0.25 + 30);
    expect(a.total).toBeGreaterThan(a.independentBound);
    expect(a.crossClusterWaits).toEqual([
      { from: 'msk', to: 'eks', chain: ['Msk (AWS::MSK::Cluster)', 'Ingress (AWS::EC2::SecurityGroupIngress)', 'Eks (AWS::EKS::Cluster)'] },
    ]);
    expect(a.heavy.find(h => h.logicalId === 'Msk')!.waitsFor).toEqual(['Eks (AWS::EKS::Cluster, 12 min)']);
  });
});

describe('partOf', () => {
  test('by type, then by construct path', () => {
    expect(partOf('X', { Type: 'AWS::MSK::Cluster' })).toBe('msk');
    expect(partOf('X', { Type: 'AWS::EKS::Addon' })).toBe('eks');
    expect(partOf('X', { Type: 'AWS::EC2::NatGateway' })).toBe('network');
    expect(partOf('X', { Type: 'AWS::IAM::Role' }, 'Msk/DualStackSwitch/Role')).toBe('msk');
    expect(partOf('X', { Type: 'AWS::IAM::Role' }, 'Cluster/Eks/NodeRole')).toBe('eks');
    expect(partOf('X', { Type: 'AWS::Logs::LogGroup' }, 'Vpc/FlowLogs/LogGroup')).toBe('network');
    expect(partOf('AWS679f53fac002430cb0da5b7982bd2287', { Type: 'AWS::Lambda::Function' })).toBe('shared');
  });
});

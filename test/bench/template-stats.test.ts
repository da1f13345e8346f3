import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAssembly, sdkCalls, templateStats } from '../../bench/template-stats';

/** A hand-written cloud assembly: one stack with a nested stack, assets, metadata. */
function writeAssembly(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stats-'));
  const write = (file: string, content: unknown) => fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  // As AwsCustomResource writes it: the call's JSON, split around tokens by Fn::Join.
  const sdk = (action: string) => ({ 'Fn::Join': ['', [`{"service":"EKS","action":"${action}","parameters":{"clusterName":"`, { Ref: 'Eks' }, '"}}']] });
  write('Stack.template.json', {
    Resources: {
      Eks: { Type: 'AWS::EKS::Cluster' },
      Fn1: { Type: 'AWS::Lambda::Function' },
      Fn2: { Type: 'AWS::Serverless::Function' },
      Cr1: { Type: 'Custom::Lockdown', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn1', 'Arn'] } } },
      Cr2: { Type: 'Custom::Lockdown', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn1', 'Arn'] } } },
      Cr3: { Type: 'Custom::Twice', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn1', 'Arn'] } } },
      Cr4: { Type: 'Custom::Twice', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn2', 'Arn'] } } },
      Oidc: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { ServiceToken: 'arn' } },
      Sdk: { Type: 'Custom::AWS', Properties: { ServiceToken: 'arn', Create: sdk('createAddon') } },
      Generic: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn' } },
      Layer: { Type: 'AWS::Lambda::LayerVersion', Properties: { Description: '/opt/kubectl/kubectl 1.33; /opt/helm/helm 3.17' } },
      Nested: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: { TemplateURL: { 'Fn::Join': ['', ['https://s3/', 'abc123.json']] } },
      },
    },
  });
  write('StackNested.nested.template.json', {
    Resources: {
      Fn3: { Type: 'AWS::Lambda::Function' },
      Manifest: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { ServiceToken: 'x' } },
    },
  });
  fs.mkdirSync(path.join(dir, 'asset.code'));
  write('asset.code/index.js', 'x'.repeat(100));
  write('Stack.assets.json', {
    version: '55.0.0',
    files: {
      code: { displayName: 'Fn1/Code', source: { path: 'asset.code', packaging: 'zip' }, destinations: {} },
      abc123: { displayName: 'Nested template', source: { path: 'StackNested.nested.template.json', packaging: 'file' }, destinations: {} },
      root: { displayName: 'Stack Template', source: { path: 'Stack.template.json', packaging: 'file' }, destinations: {} },
    },
    dockerImages: {},
  });
  write('Stack.metadata.json', {
    '/Stack/Cluster/Resource': [{ type: 'aws:cdk:logicalId', data: 'Eks' }],
  });
  write('manifest.json', {
    version: '55.0.0',
    artifacts: {
      'Stack.assets': { type: 'cdk:asset-manifest', properties: { file: 'Stack.assets.json' } },
      'Stack': {
        type: 'aws:cloudformation:stack',
        properties: { templateFile: 'Stack.template.json' },
        additionalMetadataFile: 'Stack.metadata.json',
      },
    },
  });
  return dir;
}

describe('loadAssembly and templateStats', () => {
  const dir = writeAssembly();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const assembly = loadAssembly(dir);
  const stats = templateStats(assembly);

  test('loads the nested stack through the asset hash in its TemplateURL, and construct paths', () => {
    expect(assembly.stacks).toHaveLength(1);
    expect(Object.keys(assembly.stacks[0].nested)).toEqual(['Nested']);
    expect(assembly.stacks[0].paths.Eks).toBe('Cluster/Resource');
    expect(stats.nestedStacks).toBe(1);
    expect(stats.templates).toBe(2);
  });

  test('counts resources across nested stacks, and template bytes', () => {
    expect(stats.resources).toBe(14);
    expect(stats.resourcesByType['AWS::Lambda::Function']).toBe(2);
    const bytes = ['Stack.template.json', 'StackNested.nested.template.json'].reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    expect(stats.templateBytes).toBe(bytes);
  });

  test('Lambda functions of both types', () => {
    expect(stats.lambdaFunctions).toEqual(['Stack/Fn1', 'Stack/Fn2', 'Stack/Nested/Fn3']);
  });

  test('custom resources by kind: providers per kind, native alternatives', () => {
    expect(stats.customResources).toBe(8);
    const kind = (t: string) => stats.customResourceKinds.find(k => k.type === t)!;
    expect(kind('Custom::Lockdown')).toMatchObject({ count: 2, providers: 1, nativeAlternative: undefined });
    expect(kind('Custom::Twice')).toMatchObject({ count: 2, providers: 2 });
    expect(kind('Custom::AWSCDKOpenIdConnectProvider').nativeAlternative).toBe('AWS::IAM::OIDCProvider');
    expect(kind('Custom::AWS')).toMatchObject({ sdkCalls: ['EKS.createAddon'], nativeAlternative: 'AWS::EKS::Addon' });
    expect(kind('AWS::CloudFormation::CustomResource').count).toBe(1);
  });

  test('kubectl layers and manifests', () => {
    expect(stats.layers).toEqual([{ logicalId: 'Stack/Layer', path: undefined, kind: 'kubectl' }]);
    expect(stats.kubernetesManifests).toBe(1);
  });

  test('assets without the stack templates', () => {
    expect(stats.assets).toBe(1);
    expect(stats.assetBytes).toBe(100);
  });
});

describe('sdkCalls', () => {
  test('reads service and action from a plain JSON string', () => {
    expect(sdkCalls({ Type: 'Custom::AWS', Properties: { Create: '{"service":"Kafka","action":"updateConnectivity"}', Delete: '{"service":"@aws-sdk/client-kafka","action":"DescribeClusterV2"}' } }))
      .toEqual(['Kafka.updateConnectivity', 'kafka.DescribeClusterV2']);
  });
});

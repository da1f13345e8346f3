import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DualStackMskCluster, DualStackMskClusterProps, DualStackVpc } from '../../lib';
import { main } from '../../lib/nag/cli/main';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replacements-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A synthesized stack with a DualStackMskCluster; `withKey` adds a customer-managed data key. */
function kafkaTemplate(props: { withKey?: boolean; brokers?: number } = {}) {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const clusterProps: DualStackMskClusterProps = {
    vpc,
    numberOfBrokerNodes: props.brokers,
    encryptionKey: props.withKey ? new kms.Key(stack, 'DataKey', { enableKeyRotation: true }) : undefined,
  };
  new DualStackMskCluster(stack, 'Kafka', clusterProps);
  return Template.fromStack(stack).toJSON();
}

function run(...args: string[]) {
  const lines: string[] = [];
  const code = main(args, line => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('cdk-ipv6-ready replacements', () => {
  test('adding an encryption key replaces the cluster: exit 1, although cloudformation-diff calls it an update', () => {
    const before = kafkaTemplate();
    const after = kafkaTemplate({ withKey: true });
    const clusterId = Object.keys(before.Resources).find(id => before.Resources[id].Type === 'AWS::MSK::Cluster')!;
    expect(fullDiff(before, after).resources.get(clusterId).changeImpact).toEqual(ResourceImpact.WILL_UPDATE);

    const { code, output } = run('replacements', write('old.json', before), write('new.json', after));
    expect(output).toContain(`REPLACED ${clusterId} (AWS::MSK::Cluster, stateful)\n  EncryptionInfo.EncryptionAtRest changes, and CloudFormation replaces the resource when it does.`);
    expect(output).toMatch(/resources? replaced or removed, [1-9]\d* of them stateful\.$/);
    expect(code).toBe(1);
  });

  test('more brokers update the cluster in place: exit 0', () => {
    const { code, output } = run('replacements', write('two.json', kafkaTemplate()), write('four.json', kafkaTemplate({ brokers: 4 })));
    expect(output).toEqual('0 resources replaced or removed, 0 of them stateful.');
    expect(code).toBe(0);
  });

  test('a template wrapped by aws cloudformation get-template is read', () => {
    const before = kafkaTemplate();
    const { code } = run('replacements', write('deployed.json', { TemplateBody: before, StagesAvailable: ['Original'] }), write('same.json', before));
    expect(code).toBe(0);
  });

  test('a removed stateful resource: exit 1', () => {
    const before = { Resources: { Logs: { Type: 'AWS::Logs::LogGroup' }, Topic: { Type: 'AWS::SNS::Topic' } } };
    const { code, output } = run('replacements', write('a.json', before), write('b.json', { Resources: {} }));
    expect(output).toEqual([
      'REMOVED Logs (AWS::Logs::LogGroup, stateful)\n  It is no longer in the template: CloudFormation deletes it.\n',
      'REMOVED Topic (AWS::SNS::Topic)\n  It is no longer in the template: CloudFormation deletes it.\n',
      '2 resources replaced or removed, 1 of them stateful.',
    ].join('\n'));
    expect(code).toBe(1);
  });

  test('--help', () => {
    const { code, output } = run('replacements', '--help');
    expect(output).toMatch(/^Usage: cdk-ipv6-ready replacements \[--parameters KEY=VALUE \.\.\.\] .* OLD NEW\n/);
    expect(output).toMatch(/Stateful types: \d+ \(cfn-lint 1\.58\.0's list/);
    expect(code).toBe(0);
  });

  const wrong: Array<[string, () => string[], RegExp]> = [
    ['one template', () => [write('x.json', { Resources: {} })], /^cdk-ipv6-ready replacements: give two templates, the deployed one and the new one \(1 given\) \(see cdk-ipv6-ready replacements --help\)$/],
    ['a missing file', () => [path.join(dir, 'nope.json'), write('y.json', { Resources: {} })], /^cdk-ipv6-ready replacements: .*nope\.json: cannot be read \(ENOENT\)$/],
    ['neither JSON nor YAML', () => [write('t.yaml', 'Resources: [\n'), write('z.json', { Resources: {} })], /^cdk-ipv6-ready replacements: .*t\.yaml: not a CloudFormation template: it is neither JSON nor YAML/],
    ['JSON that is not a template', () => [write('p.json', { name: 'package' }), write('q.json', { Resources: {} })], /p\.json: not a CloudFormation template: it has no Resources section$/],
  ];
  test.each(wrong)('wrong use, exit 2 and one line: %s', (_name, args, message) => {
    const { code, output } = run('replacements', ...args());
    expect(output).toMatch(message);
    expect(output.split('\n')).toHaveLength(1);
    expect(code).toBe(2);
  });
});

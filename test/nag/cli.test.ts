import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ReferenceArchitectureStack } from '../../examples/reference-architecture';
import { DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { main } from '../../lib/nag/cli/main';
import { nagFindings } from '../support/nag';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, line => out.push(line), line => err.push(line));
  return { code, output: out.join('\n'), error: err.join('\n') };
}

/**
 * `level rule id @ resource` of every finding in the output. The fixtures hold known problems:
 * every line below is one of them (MSK: a DUAL_STACK value, an IPv4-only VPC, an old Kafka on
 * kafka.t3.small, 0.0.0.0/0 on the IAM port; EKS: no vpc-cni add-on, no CNI permissions, Windows,
 * t2, no auto-assign, no ::/0 route, DNS64 without NAT64).
 */
function findings(output: string): string[] {
  return [...output.matchAll(/^(ERROR|WARNING|INFO) (\S+)\n {2}resource: (\S+) /gm)].map(m => `${m[1]} ${m[2]} @ ${m[3]}`).sort();
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('cdk-ipv6-ready check', () => {
  test('a JSON MSK template with known problems', () => {
    const { code, output } = run('check', fixture('msk-problems.json'));
    expect(findings(output)).toEqual(EXPECTED_MSK);
    expect(output).toMatch(/in 1 template \(\d+ resources\)\.$/);
    expect(code).toBe(1);
  });

  test('a YAML EKS template with known problems, short-form intrinsics and lines', () => {
    const { code, output } = run('check', fixture('eks-problems.yaml'));
    expect(findings(output)).toEqual(EXPECTED_EKS);
    expect(output).toContain(`resource: Nodes (AWS::EKS::Nodegroup) in ${fixture('eks-problems.yaml')}:57`);
    expect(code).toBe(1);
  });

  test('several templates at once', () => {
    const { code, output } = run('check', fixture('msk-problems.json'), fixture('eks-problems.yaml'));
    expect(findings(output)).toEqual([...EXPECTED_MSK, ...EXPECTED_EKS].sort());
    expect(output).toMatch(/in 2 templates \(\d+ resources\)\.$/);
    expect(code).toBe(1);
  });

  test('a clean template exits 0', () => {
    const { code, output } = run('check', fixture('clean.json'));
    expect(output).toEqual('0 errors, 0 warnings in 1 template (2 resources).');
    expect(code).toBe(0);
  });

  test('types CloudFormation has that aws-cdk-lib has no class for, registry and custom types are accepted', () => {
    const file = write('accepted-types.json', JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:x' } },
        Function: { Type: 'AWS::Serverless::Function' },
        Atlas: { Type: 'MongoDB::Atlas::Cluster' },
        Custom: { Type: 'Custom::Anything' },
      },
    }));
    expect(run('check', file)).toEqual({ code: 0, output: '0 errors, 0 warnings in 1 template (4 resources).', error: '' });
  });

  test('a finding says what is wrong, on which resource, and the fix', () => {
    const { output } = run('check', fixture('msk-problems.json'));
    expect(output).toContain('AWS::MSK::Cluster OldAndSmall does not meet MSK-IPV6-6: A dual-stack (NetworkType DUAL) MSK cluster runs Apache Kafka');
    expect(output).toMatch(/OldAndSmall \(Subnet SubnetA\) does not meet MSK-IPV6-2: .* Fix: /);
  });

  test('a value the rules cannot follow names the property and the value', () => {
    const file = write('param.json', JSON.stringify({
      Parameters: { Version: { Type: 'String' } },
      Resources: {
        Cluster: {
          Type: 'AWS::MSK::Cluster',
          Properties: { KafkaVersion: { Ref: 'Version' }, BrokerNodeGroupInfo: { InstanceType: 'kafka.m7g.large', ConnectivityInfo: { NetworkType: 'DUAL' } } },
        },
      },
    }));
    const warned = run('check', file);
    expect(warned.output).toContain('WARNING Ipv6Ready-CannotJudge[MSK-IPV6-6]');
    expect(warned.output).toContain('MSK-IPV6-6 cannot judge AWS::MSK::Cluster Cluster: KafkaVersion is {"Ref":"Version"}.');
    expect(warned.code).toBe(0);
    expect(run('check', '--strict', file).code).toBe(1);
    const info = run('check', '--cannot-judge', 'info', file);
    expect(info.output).toContain('INFO Ipv6Ready-CannotJudge[MSK-IPV6-6]');
  });

  test('warnings do not fail the check unless --strict', () => {
    const file = write('warning.json', JSON.stringify({
      Resources: {
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', Ipv6CidrBlock: '2001:db8::/64' } },
        Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: 'vpc-1' } },
        Association: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Table' } } },
        Nat: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' } },
      },
    }));
    const plain = run('check', file);
    expect(findings(plain.output)).toEqual(['WARNING Ipv6Ready-VPC-IPV6-2 @ Subnet']);
    expect(plain.code).toBe(0);
    expect(run('check', '--strict', file).code).toBe(1);
  });

  test('wrong use exits 2 with the usage', () => {
    for (const args of [[], ['check'], ['lint', fixture('clean.json')], ['check', '--format', 'xml', fixture('clean.json')],
      ['check', '--cannot-judge', 'never', fixture('clean.json')], ['check', '--verbose', fixture('clean.json')]]) {
      const { code, error } = run(...args);
      expect({ args, code }).toEqual({ args, code: 2 });
      // One line on stderr that says what is wrong and where the usage is; nothing on stdout.
      expect(error).toMatch(/^cdk-ipv6-ready( check)?: .*\(see cdk-ipv6-ready( check)? --help\)$/);
      expect(error.split('\n')).toHaveLength(1);
    }
    expect(run('--help')).toEqual({ code: 0, output: expect.stringMatching(/^Usage: cdk-ipv6-ready check/), error: '' });
    expect(run('check', '--help')).toEqual({ code: 0, output: expect.stringMatching(/^Usage: cdk-ipv6-ready check \[--format/), error: '' });
    expect(run('replacements', '--help')).toEqual({ code: 0, output: expect.stringMatching(/^Usage: cdk-ipv6-ready replacements/), error: '' });
  });

  describe('input that is not a template exits 2 with one line and no stack trace', () => {
    const deep = (n: number) => `{"Resources":{"A":{"Type":"AWS::S3::Bucket","Properties":{"Tags":${'['.repeat(n)}${']'.repeat(n)}}}}}`;
    const cases: Array<[string, () => string, RegExp]> = [
      ['a missing file', () => path.join(scratch, 'nope.json'), /nope\.json: no such file or directory$/],
      ['an empty file', () => write('empty.json', ''), /empty\.json: not a CloudFormation template \(the file is empty\)$/],
      ['null', () => write('null.json', 'null'), /null\.json: not a CloudFormation template: the top level is null, not an object$/],
      ['invalid JSON', () => write('invalid.json', '{"Resources": {'), /invalid\.json: not a CloudFormation template: it is neither JSON nor YAML \(.+\)$/],
      ['binary content', () => write('binary.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff])), /binary\.json: not a CloudFormation template \(binary content\)$/],
      ['a directory without templates', () => fs.mkdtempSync(path.join(scratch, 'dir-')), /dir-\w+: a directory with no \*\.template\.json/],
      ['a circular Ref', () => write('circular.json', JSON.stringify({
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::GetAtt': ['Subnet', 'CidrBlock'] } } },
          Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' } } },
        },
      })), /circular dependency between resources (Vpc -> Subnet -> Vpc|Subnet -> Vpc -> Subnet) \(CloudFormation rejects it\)$/],
      ['20,000-deep nesting', () => write('deep.json', deep(20_000)), /deep\.json: not a CloudFormation template: values are nested more than 200 levels deep$/],
      ['20,000-deep YAML nesting', () => write('deep.yaml', `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
        /deep\.yaml: not a CloudFormation template: (values are nested more than 200 levels deep|it is neither JSON nor YAML .*)$/],
      ['a YAML alias bomb', () => write('bomb.yaml', [
        'Metadata:',
        '  l0: &l0 [x, x, x, x, x, x, x, x, x, x]',
        ...Array.from({ length: 8 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`),
        'Resources:',
        '  T:',
        '    Type: AWS::SNS::Topic',
        '    Metadata: { Bomb: *l8 }',
        '',
      ].join('\n')), /bomb\.yaml: not a CloudFormation template: it holds more than \d+ values \(YAML aliases that repeat values, an alias bomb\)$/],
      ['a YAML binary value', () => write('binary.yaml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Metadata: { B: !!binary aGVsbG8= }\n'),
        /binary\.yaml: not a CloudFormation template: it is neither JSON nor YAML \(.*binary.*\)$/],
      ['[]', () => write('list.json', '[]'), /list\.json: not a CloudFormation template: the top level is a list, not an object$/],
      ['{"Resources":[]}', () => write('resources-list.json', '{"Resources":[]}'), /resources-list\.json: not a CloudFormation template: Resources is a list, not an object$/],
      ['no Resources', () => write('no-resources.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n'), /no-resources\.yaml: not a CloudFormation template: it has no Resources section$/],
      ['an unknown resource type', () => write('unknown-type.json', '{"Resources":{"A":{"Type":"Bucket"}}}'),
        /unknown-type\.json: not a CloudFormation template: resource A has Type "Bucket", not a resource type/],
      ['a resource type CloudFormation does not have', () => write('made-up.json', '{"Resources":{"A":{"Type":"AWS::EC2::Vpcc"}}}'),
        /made-up\.json: not a CloudFormation template: resource A has Type AWS::EC2::Vpcc, which CloudFormation does not have \(not among the \d+ types of aws-cdk-lib 2\.\d+\.\d+\)$/],
      ['a resource that is not an object', () => write('scalar.json', '{"Resources":{"A":"AWS::S3::Bucket"}}'), /resource A is a string, not an object$/],
    ];
    test.each(cases)('%s', (_, make, message) => {
      const { code, output, error } = run('check', make());
      expect({ code, output }).toEqual({ code: 2, output: '' });
      expect(error.split('\n')).toHaveLength(1);
      expect(error).toMatch(/^cdk-ipv6-ready: /);
      expect(error).toMatch(message);
      expect(error).not.toMatch(/\n\s+at /);
    });
  });

  test('JSON output', () => {
    const { code, output } = run('check', '--format', 'json', fixture('msk-problems.json'));
    const report = JSON.parse(output);
    expect(code).toBe(1);
    expect(report.findings.map((f: { ruleId: string; resource: string }) => `ERROR ${f.ruleId} @ ${f.resource}`).sort()).toEqual(EXPECTED_MSK);
    expect(report.findings[0]).toEqual(expect.objectContaining({ level: 'error', line: expect.any(Number), fix: expect.any(String), source: expect.any(String) }));
  });

  test('SARIF output validates against the SARIF 2.1.0 schema', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv');
    const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(fixture('sarif-2.1.0-rtm.5.json'), 'utf-8')));
    const { code, output } = run('check', '--format', 'sarif', fixture('msk-problems.json'), fixture('eks-problems.yaml'));
    const log = JSON.parse(output);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(code).toBe(1);
    const results = log.runs[0].results;
    expect(results).toHaveLength(EXPECTED_MSK.length + EXPECTED_EKS.length);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(results.map((r: { properties: { findingId: string } }) => r.properties.findingId)).toContain('Ipv6Ready-MSK-IPV6-2[Subnet::SubnetA]');
    // The schema cannot tell: every result names a rule of the driver, by id and index.
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) {
      expect(rules[r.ruleIndex].id).toEqual(r.ruleId);
    }
    // A broken log fails the same validation (the schema check itself can fail).
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  test('a cdk.out directory, with a nested stack, gives the same findings as the pack, with its exit codes', () => {
    // The reference app, and beside it a stack with a known mistake in a nested stack: DNS64 without NAT64.
    const app = new App({ outdir: path.join(scratch, 'cdk.out') });
    new ReferenceArchitectureStack(app, 'Reference');
    const nested = new NestedStack(new Stack(app, 'Mistake'), 'Network');
    const vpc = new DualStackVpc(nested, 'Vpc', { natGateways: 0 });
    (vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).enableDns64 = true;
    const pack = nagFindings(app, new Ipv6ReadinessChecks(app)).map(f => `${f.level.toUpperCase()} ${f.ruleId} @ ${f.logicalId}`).sort();
    expect(pack).toEqual([expect.stringMatching(/^ERROR Ipv6Ready-VPC-IPV6-1 @ VpcPrivateSubnet1Subnet/)]);

    const whole = run('check', app.outdir);
    expect(findings(whole.output)).toEqual(pack);
    expect(whole.output).toMatch(/Mistake.*\.nested\.template\.json:\d+/);
    expect(whole.code).toBe(1);

    const reference = run('check', path.join(app.outdir, 'Reference.template.json'));
    expect(findings(reference.output)).toEqual([]);
    expect(reference.code).toBe(0);

    // The parent template leads to its nested stack's template.
    const parent = run('check', path.join(app.outdir, 'Mistake.template.json'));
    expect(findings(parent.output)).toEqual(pack);
    expect(parent.output).toMatch(/in 2 templates/);
  });

  test('in a cdk.out, the app\'s acknowledgements count as they do for the pack', () => {
    const app = new App({ outdir: path.join(scratch, 'acknowledged.out') });
    const nested = new NestedStack(new Stack(app, 'Acknowledged'), 'Network');
    const vpc = new DualStackVpc(nested, 'Vpc', { natGateways: 0 });
    vpc.privateSubnets.forEach(s => (s.node.defaultChild as ec2.CfnSubnet).enableDns64 = true);
    Validations.of(vpc.privateSubnets[0]).acknowledge({ id: 'Ipv6Ready-VPC-IPV6-1', reason: 'Test: another stack adds the NAT64 route.' });
    const pack = nagFindings(app, new Ipv6ReadinessChecks(app)).map(f => `${f.level.toUpperCase()} ${f.ruleId} @ ${f.logicalId}`).sort();
    expect(pack).toEqual([expect.stringMatching(/^ERROR Ipv6Ready-VPC-IPV6-1 @ VpcPrivateSubnet2Subnet/)]);
    const { code, output } = run('check', app.outdir);
    expect(findings(output)).toEqual(pack);
    expect(output).toMatch(/; 1 acknowledged in the app\.$/);
    expect(code).toBe(1);
    // Outside its cloud assembly, a template has no acknowledgements.
    const copy = path.join(scratch, 'copied.template.json');
    fs.copyFileSync(path.join(app.outdir, fs.readdirSync(app.outdir).find(f => f.endsWith('.nested.template.json'))!), copy);
    expect(findings(run('check', copy).output)).toHaveLength(2);
  });
});

describe('check never passes silently what it cannot read', () => {
  const nestedParent = (url: unknown, metadata?: object) => JSON.stringify({
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic' },
      Network: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: url }, ...(metadata ? { Metadata: metadata } : {}) },
    },
  });
  const cases: Array<[string, () => string, RegExp]> = [
    ['a TemplateURL in S3', () => write('s3-parent.template.json', nestedParent('https://s3.amazonaws.com/bucket/network.json')),
      /its TemplateURL \(https:\/\/s3\.amazonaws\.com\/bucket\/network\.json\) is not a file next to/],
    ['a missing local file', () => write('missing-parent.template.json', nestedParent('gone.nested.template.json')),
      /its template .*gone\.nested\.template\.json does not exist/],
    ['a template copied out of its cdk.out', () => write('copied-parent.template.json', nestedParent({
      'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, `.amazonaws.com/cdk-bucket/${'a'.repeat(64)}.json`]],
    })), /its template \(asset a{12}\.\.\.\) is not among the assets of .* \(was copied-parent\.template\.json copied out of its cdk\.out\?\)/],
  ];
  test.each(cases)('%s is a warning, an error with --strict, and counted', (_name, make, why) => {
    const file = make();
    const plain = run('check', file);
    expect(findings(plain.output)).toEqual(['WARNING Ipv6Ready-UnreadNestedStack @ Network']);
    expect(plain.output).toMatch(why);
    expect(plain.output).toMatch(/^0 errors, 1 warning in 1 template \(2 resources\); 1 nested stack not read\.$/m);
    expect(plain.code).toBe(0);
    const strict = run('check', '--strict', file);
    expect(findings(strict.output)).toEqual(['ERROR Ipv6Ready-UnreadNestedStack @ Network']);
    expect(strict.code).toBe(1);
  });

  const refused: Array<[string, () => string, RegExp]> = [
    ['a FIFO', () => {
      const fifo = path.join(scratch, 'fifo-dir', 'Stack.template.json');
      fs.mkdirSync(path.dirname(fifo), { recursive: true });
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }, /Stack\.template\.json: refused, not a regular file \(a FIFO\)$/],
    ['a FIFO inside a cdk.out', () => path.join(scratch, 'fifo-dir'), /Stack\.template\.json: refused, not a regular file \(a FIFO\)$/],
    ['a link to /dev/zero', () => {
      const link = path.join(scratch, 'zero.template.json');
      fs.symlinkSync('/dev/zero', link);
      return link;
    }, /zero\.template\.json: refused, not a regular file \(a device \/dev\/zero\)$/],
    ['a link out of the directory given', () => {
      const dir = fs.mkdtempSync(path.join(scratch, 'out-'));
      fs.symlinkSync(fixture('clean.json'), path.join(dir, 'Outside.template.json'));
      return dir;
    }, /Outside\.template\.json: refused, it is a link to .*clean\.json, outside /],
    ['a file over the size cap', () => write('large.template.json', `{"Resources":{}, "Pad": "${'x'.repeat(2 * 1024 * 1024)}"}`),
      /large\.template\.json: refused, 2 MiB is larger than the 1 MiB cap \(CloudFormation deploys templates of at most 1 MB\); raise it with --max-size MiB$/],
  ];
  test.each(refused)('%s is refused in one line, exit 2', (name, make, message) => {
    const target = make();
    const args = name.includes('size cap') ? ['check', '--max-size', '1', target] : ['check', target];
    const { code, output, error } = run(...args);
    expect({ code, output }).toEqual({ code: 2, output: '' });
    expect(error).toMatch(message);
    expect(error.split('\n')).toHaveLength(1);
  });

  test('--max-size raises the cap', () => {
    const file = write('padded.template.json', `{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}, "Metadata": {"Pad": "${'x'.repeat(2 * 1024 * 1024)}"}}`);
    expect(run('check', '--max-size', '1', file).code).toBe(2);
    expect(run('check', '--max-size', '3', file).code).toBe(0);
    expect(run('check', '--max-size', 'lots', file).error).toMatch(/--max-size must be a number of MiB above 0, not lots/);
  });

  test('the dotted !GetAtt Vpc.CidrBlock is judged as the list form is', () => {
    const msk = JSON.parse(fs.readFileSync(fixture('msk-problems.json'), 'utf-8'));
    const withSource = (source: unknown) => {
      const t = JSON.parse(JSON.stringify(msk));
      t.Resources.BrokerSg.Properties.SecurityGroupIngress.push({ IpProtocol: 'tcp', FromPort: 9092, ToPort: 9092, CidrIp: source });
      return JSON.stringify(t);
    };
    const list = run('check', write('list.template.json', withSource({ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] })));
    const dotted = run('check', write('dotted.template.json', withSource({ 'Fn::GetAtt': 'Vpc.CidrBlock' })));
    const yaml = run('check', write('dotted.template.yaml', [
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties: { CidrBlock: 10.0.0.0/16 }',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      GroupDescription: brokers',
      '      VpcId: !Ref Vpc',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: 9098, ToPort: 9098, CidrIp: !GetAtt Vpc.CidrBlock }',
      '  Kafka:',
      '    Type: AWS::MSK::ServerlessCluster',
      '    Properties:',
      '      ClusterName: k',
      '      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } }',
      '      VpcConfigs: [{ SubnetIds: [subnet-1, subnet-2], SecurityGroups: [!GetAtt Sg.GroupId] }]',
      '',
    ].join('\n')));
    expect(findings(dotted.output)).toEqual(findings(list.output));
    expect(findings(list.output)).toEqual(EXPECTED_MSK);
    expect(yaml.output).not.toMatch(/CannotJudge/);
  });
});

describe('SARIF that code scanning keeps', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv');
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false, format: 'full' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(fixture('sarif-2.1.0-rtm.5.json'), 'utf-8')));

  test('file names with a space, #, % and non-ASCII are percent-encoded URIs, and the log validates', () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'sarif-'));
    const names = ['with space.template.json', 'hash#1.template.json', '100%.template.json', 'réseau-ネット.template.json'];
    for (const name of names) fs.copyFileSync(fixture('msk-problems.json'), path.join(dir, name));
    const { code, output } = run('check', '--format', 'sarif', dir);
    const log = JSON.parse(output);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(code).toBe(1);
    const uris = new Set(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.split('/').pop()));
    expect([...uris].sort()).toEqual(['100%25.template.json', 'hash%231.template.json', 'r%C3%A9seau-%E3%83%8D%E3%83%83%E3%83%88.template.json', 'with%20space.template.json']);
    // An unencoded name fails the same validation: the check can fail.
    const broken = JSON.parse(output);
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'with space#1%.json';
    expect(validate(broken)).toBe(false);
  });

  test('fingerprints tell findings apart; each rule, CannotJudge included, has its own rule id', () => {
    const file = write('fp.template.json', JSON.stringify({
      Parameters: { Version: { Type: 'String' }, Type: { Type: 'String' }, Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } },
      Resources: {
        ...JSON.parse(fs.readFileSync(fixture('msk-problems.json'), 'utf-8')).Resources,
        Unknown: {
          Type: 'AWS::MSK::Cluster',
          Properties: {
            KafkaVersion: { Ref: 'Version' },
            NumberOfBrokerNodes: 2,
            BrokerNodeGroupInfo: { InstanceType: { Ref: 'Type' }, ClientSubnets: { Ref: 'Subnets' }, ConnectivityInfo: { NetworkType: 'DUAL' } },
          },
        },
      },
    }));
    const log = JSON.parse(run('check', '--format', 'sarif', file).output);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const results: any[] = log.runs[0].results;
    const fingerprints = results.map(r => r.partialFingerprints['ipv6ReadyFinding/v1']);
    expect(new Set(fingerprints).size).toBe(results.length);
    const cannotJudge = results.filter(r => r.ruleId.includes('CannotJudge'));
    expect(cannotJudge.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cannotJudge.map(r => r.ruleId)).size).toBe(cannotJudge.length);
    for (const r of cannotJudge) {
      expect(r.ruleId).toEqual(r.properties.findingId);
    }
    // The same finding on the next run keeps its fingerprint.
    expect(JSON.parse(run('check', '--format', 'sarif', file).output).runs[0].results.map((r: any) => r.partialFingerprints['ipv6ReadyFinding/v1'])).toEqual(fingerprints);
  });

  test('construct paths are logical locations; --source-root points at the source line the trace names', () => {
    // An app without aws:cdk:disable-creation-stack-traces (the CLI's --debug) keeps each resource's creation stack.
    const app = new App({ outdir: path.join(scratch, 'traced.out') });
    const stack = new Stack(app, 'Traced');
    const vpc = new DualStackVpc(stack, 'Vpc', { natGateways: 0 });
    (vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).enableDns64 = true;
    app.synth();
    const plain = JSON.parse(run('check', '--format', 'sarif', app.outdir).output).runs[0].results;
    expect(plain[0].locations[0].logicalLocations).toContainEqual(expect.objectContaining({ fullyQualifiedName: expect.stringMatching(/^Traced\/Vpc\/PrivateSubnet1\//) }));
    const log = JSON.parse(run('check', '--format', 'sarif', '--source-root', path.join(__dirname, '..', '..'), app.outdir).output);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: expect.stringMatching(/\.ts$/), uriBaseId: 'SRCROOT' });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/node_modules/);
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(log.runs[0].originalUriBaseIds.SRCROOT.uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/Traced\.template\.json$/);
  });
});

const EXPECTED_MSK = [
  'ERROR Ipv6Ready-MSK-IPV6-1 @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-2[Subnet::SubnetA] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-2[Subnet::SubnetB] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-3[Port::20098] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-4 @ MarketingName',
  'ERROR Ipv6Ready-MSK-IPV6-5[Port::9098] @ MarketingName',
  'ERROR Ipv6Ready-MSK-IPV6-5[Port::9098] @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-6 @ OldAndSmall',
  'ERROR Ipv6Ready-MSK-IPV6-7 @ OldAndSmall',
];

const EXPECTED_EKS = [
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:AssignIpv6Addresses] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:CreateTags] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstanceTypes] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeInstances] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeNetworkInterfaces] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSecurityGroups] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeSubnets] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-14[Action::ec2:DescribeTags] @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-2 @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-3[AmiType::WINDOWS_CORE_2022_x86_64] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-4 @ Cluster',
  'ERROR Ipv6Ready-EKS-IPV6-6[Subnet::NodeSubnet] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-7[Subnet::NodeSubnet] @ Nodes',
  'ERROR Ipv6Ready-EKS-IPV6-9[InstanceType::t2.large] @ Nodes',
  'ERROR Ipv6Ready-VPC-IPV6-1 @ NodeSubnet',
];

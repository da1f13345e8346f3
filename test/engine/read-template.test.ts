import { parseTemplate, TemplateError } from '../../lib/engine/read-template';

describe('parseTemplate', () => {
  test('YAML short-form intrinsics become the long form, scalars, lists and maps, nested', () => {
    const { template, lines } = parseTemplate([
      'Parameters:',
      '  Name: { Type: String }',
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties:',
      '      CidrBlock: 10.0.0.0/16',
      '  Subnet:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: !Ref Vpc',
      '      CidrBlock: !GetAtt Vpc.CidrBlock',
      '      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 256, 64]]',
      '      Tags:',
      '        - Key: Name',
      '          Value: !Sub "${Name}-subnet"',
      '        - Key: Joined',
      '          Value: !Join',
      '            - "-"',
      '            - [a, !Ref Name]',
      '      AvailabilityZone: !Select [0, !GetAZs ""]',
      '',
    ].join('\n'), 'short.yaml');
    expect(template.Resources?.Subnet.Properties).toEqual({
      VpcId: { Ref: 'Vpc' },
      CidrBlock: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
      Ipv6CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::Select': [0, { 'Fn::GetAtt': ['Vpc', 'Ipv6CidrBlocks'] }] }, 256, 64] }] },
      Tags: [{ Key: 'Name', Value: { 'Fn::Sub': '${Name}-subnet' } }, { Key: 'Joined', Value: { 'Fn::Join': ['-', ['a', { Ref: 'Name' }]] } }],
      AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    });
    expect(Object.fromEntries(lines)).toEqual({ Vpc: 4, Subnet: 8 });
  });

  test('JSON: the line of each resource, at the indentation of Resources\' keys only', () => {
    const text = JSON.stringify({
      Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'B', Value: 'x' }] } }, B: { Type: 'AWS::SNS::Topic' } },
      Outputs: { A: { Value: 'x' } },
    }, undefined, 1);
    const { lines } = parseTemplate(text, 't.json');
    const at = (id: string) => text.split('\n').findIndex(l => l === `  "${id}": {`) + 1;
    expect(Object.fromEntries(lines)).toEqual({ A: at('A'), B: at('B') });
  });

  test('a self-reference is a cycle; a reference to a parameter or a pseudo parameter is not', () => {
    expect(() => parseTemplate('{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":{"Ref":"A"}}}}}', 'self.json'))
      .toThrow(new TemplateError('self.json: not a CloudFormation template: circular dependency between resources A -> A (CloudFormation rejects it)'));
    expect(() => parseTemplate('{"Parameters":{"P":{"Type":"String"}},"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":{"Fn::Sub":"${P}-${AWS::Region}"}},"DependsOn":[]}}}', 'ok.json'))
      .not.toThrow();
  });
});

import { StackExports } from '../../lib/engine/stack-exports';

const producer = {
  name: 'Net',
  template: {
    Parameters: { Size: { Type: 'Number' } },
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, Size: { Ref: 'Size' }, Region: { Ref: 'AWS::Region' } } },
      Block: { Type: 'AWS::EC2::SubnetCidrBlock', Properties: { SubnetId: { 'Fn::GetAtt': 'Subnet.SubnetId' }, Ipv6CidrBlock: { 'Fn::GetAtt': ['Vpc', 'Ipv6CidrBlocks'] } } },
    },
    Outputs: {
      SubnetOut: { Value: { Ref: 'Subnet' }, Export: { Name: 'Net:Subnet' } },
      CidrOut: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, Export: { Name: 'Net:Cidr' } },
    },
  },
};

const consumer = {
  Resources: {
    Cluster: { Type: 'AWS::MSK::Cluster', Properties: { Subnets: [{ 'Fn::ImportValue': 'Net:Subnet' }, { 'Fn::ImportValue': { 'Fn::Sub': 'X' } }] } },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::ImportValue': 'Net:Cidr' } } },
  },
};

describe('StackExports.inline', () => {
  test('a literal import becomes the export\'s value, with the producer\'s resources under <producer>/<id>', () => {
    const { template, own } = StackExports.of([producer]).inline(consumer);
    expect([...own]).toEqual(['Cluster', 'Vpc']);
    expect(Object.keys(template.Resources!).sort()).toEqual(['Cluster', 'Net/Block', 'Net/Subnet', 'Net/Vpc', 'Vpc']);
    expect(template.Resources!.Cluster.Properties!.Subnets[0]).toEqual({ Ref: 'Net/Subnet' });
    expect(template.Resources!.Vpc.Properties!.CidrBlock).toEqual({ 'Fn::GetAtt': ['Net/Vpc', 'CidrBlock'] });
  });

  test('the producer\'s references are renamed, both GetAtt forms, parameters too; pseudo parameters keep their names', () => {
    const { template } = StackExports.of([producer]).inline(consumer);
    expect(template.Resources!['Net/Subnet'].Properties).toEqual({ VpcId: { Ref: 'Net/Vpc' }, Size: { Ref: 'Net/Size' }, Region: { Ref: 'AWS::Region' } });
    expect(template.Resources!['Net/Block'].Properties).toEqual({
      SubnetId: { 'Fn::GetAtt': ['Net/Subnet', 'SubnetId'] },
      Ipv6CidrBlock: { 'Fn::GetAtt': ['Net/Vpc', 'Ipv6CidrBlocks'] },
    });
  });

  test('an import it cannot follow stays as it is: a computed name, an export of no template given, an export two templates give', () => {
    const twice = { name: 'Other', template: { Resources: {}, Outputs: { O: { Value: 'x', Export: { Name: 'Net:Subnet' } } } } };
    const { template } = StackExports.of([producer]).inline(consumer);
    expect(template.Resources!.Cluster.Properties!.Subnets[1]).toEqual({ 'Fn::ImportValue': { 'Fn::Sub': 'X' } });
    expect(StackExports.of([]).inline(consumer).template).toBe(consumer);
    const ambiguous = StackExports.of([producer, twice]).inline(consumer).template;
    expect(ambiguous.Resources!.Cluster.Properties!.Subnets[0]).toEqual({ 'Fn::ImportValue': 'Net:Subnet' });
  });

  test('imports are followed through a producer that imports from a third stack, and a cycle ends', () => {
    const middle = {
      name: 'Mid',
      template: {
        Resources: { Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { 'Fn::ImportValue': 'Net:Cidr' }, Back: { 'Fn::ImportValue': 'Mid:Table' } } } },
        Outputs: { T: { Value: { Ref: 'Table' }, Export: { Name: 'Mid:Table' } } },
      },
    };
    const { template } = StackExports.of([producer, middle]).inline({ Resources: { R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { 'Fn::ImportValue': 'Mid:Table' } } } } });
    expect(template.Resources!.R.Properties).toEqual({ RouteTableId: { Ref: 'Mid/Table' } });
    expect(template.Resources!['Mid/Table'].Properties).toEqual({ VpcId: { 'Fn::GetAtt': ['Net/Vpc', 'CidrBlock'] }, Back: { Ref: 'Mid/Table' } });
    expect(template.Resources!['Net/Vpc']).toBeDefined();
  });

  test('a template that imports nothing is returned as it is', () => {
    const alone = { Resources: { A: { Type: 'AWS::SQS::Queue' } } };
    expect(StackExports.of([producer]).inline(alone).template).toBe(alone);
  });
});

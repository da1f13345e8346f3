import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import {
  DualStackApplicationLoadBalancedService, DualStackApplicationLoadBalancedServiceProps, DualStackLoadBalancerTarget, DualStackVpc, Ipv6EksCluster,
  Ipv6ReadinessChecks,
} from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';

const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN);
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  return { app, stack, vpc, certificate, zone };
}

function service(props: Partial<DualStackApplicationLoadBalancedServiceProps> = {}) {
  const s = setup();
  const entry = new DualStackApplicationLoadBalancedService(s.stack, 'Entry', { vpc: s.vpc, certificate: s.certificate, ...props });
  return { ...s, entry, template: () => Template.fromStack(s.stack) };
}

function withZone(props: Partial<DualStackApplicationLoadBalancedServiceProps> = {}) {
  const s = setup();
  const entry = new DualStackApplicationLoadBalancedService(s.stack, 'Entry', {
    vpc: s.vpc, certificate: s.certificate, hostedZone: s.zone, recordName: 'www', ...props,
  });
  return { ...s, entry, template: () => Template.fromStack(s.stack) };
}

const ref = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  ({ Ref: stack.resolve((construct.node.defaultChild as elbv2.CfnLoadBalancer).logicalId) });
const getAtt = (stack: Stack, construct: { node: { defaultChild?: unknown } }, attribute: string) =>
  ({ 'Fn::GetAtt': [stack.resolve((construct.node.defaultChild as elbv2.CfnLoadBalancer).logicalId), attribute] });

function ingressOf(template: Template): Array<Record<string, unknown>> {
  const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Dual-stack entry point') } }));
  expect(groups).toHaveLength(1);
  return (groups[0].Properties.SecurityGroupIngress as Array<Record<string, unknown>>).map(({ Description: _, ...rule }) => rule);
}

describe('DualStackApplicationLoadBalancedService defaults', () => {
  test('an internet-facing dualstack ALB in the public subnets, invalid headers dropped, no deletion protection, no access logs', () => {
    const { stack, vpc, template } = service();
    template().resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'application',
      Scheme: 'internet-facing',
      IpAddressType: 'dualstack',
      Subnets: vpc.publicSubnets.map(s => ({ Ref: stack.resolve((s.node.defaultChild as ec2.CfnSubnet).logicalId) })),
      LoadBalancerAttributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ],
    });
  });

  test('HTTPS on 443 with the certificate and the current TLS policy; HTTP on 80 redirects to HTTPS (301)', () => {
    const { stack, entry, template } = service();
    template().resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: CERTIFICATE_ARN }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(stack, entry.targetGroup) }],
    });
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
  });

  test('an IPv6 target group of target type ip, HTTP on port 80', () => {
    const { template } = service();
    template().resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', IpAddressType: 'ipv6', Protocol: 'HTTP', Port: 80 });
  });

  test('the security group admits 443 and 80 from every IPv4 and IPv6 address, nothing else, and has no egress but to its targets', () => {
    const { template } = service();
    expect(ingressOf(template())).toEqual([
      { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
      { CidrIpv6: '::/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIpv6: '::/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
    ]);
    template().hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Dual-stack entry point'),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    // No other ::/0 or 0.0.0.0/0 ingress anywhere in what the construct makes.
    expect(Object.keys(template().findResources('AWS::EC2::SecurityGroupIngress'))).toEqual([]);
  });

  test('no DNS records, no binding and no outputs unless asked; connections default to 443', () => {
    const { entry, template } = service();
    template().resourceCountIs('AWS::Route53::RecordSet', 0);
    template().resourceCountIs('Custom::AWSCDK-EKS-KubernetesResource', 0);
    expect(Object.keys(template().findOutputs('*'))).toEqual([]);
    expect(entry.connections.defaultPort?.toString()).toEqual('443');
    expect(entry.aRecord).toBeUndefined();
    expect(entry.targetGroupBinding).toBeUndefined();
  });

  test('no unacknowledged AwsSolutions or Ipv6Ready finding, internet-facing and internal, with the hosted zone', () => {
    for (const internetFacing of [true, false]) {
      const { app } = withZone({ internetFacing });
      expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
    }
  });
});

describe('HIPAA Security, NIST 800-53 R5 and PCI DSS', () => {
  test.each([['internet-facing', true], ['internal', false]])('%s: only general hardening remains (WAF, deletion protection, access logs), no false positive', (_, internetFacing) => {
    const { app } = withZone({ internetFacing });
    const findings = nagFindings(app, new HIPAASecurityChecks(app), new NIST80053R5Checks(app), new PCIDSS321Checks(app))
      .filter(f => f.path.startsWith('Stack/Entry/'))
      .map(f => f.ruleId.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5|PCI\.DSS\.321)-/, ''));
    expect([...new Set(findings)].sort()).toEqual(['ALBWAFEnabled', 'ELBDeletionProtectionEnabled', 'ELBLoggingEnabled']);
  });
});

describe('DNS', () => {
  test('alias A and AAAA records of the same name to dualstack.<DNS name> of the ALB', () => {
    const { stack, entry, template } = withZone();
    const alias = {
      DNSName: { 'Fn::Join': ['', ['dualstack.', getAtt(stack, entry.loadBalancer, 'DNSName')]] },
      HostedZoneId: getAtt(stack, entry.loadBalancer, 'CanonicalHostedZoneID'),
      EvaluateTargetHealth: true,
    };
    template().resourceCountIs('AWS::Route53::RecordSet', 2);
    for (const Type of ['A', 'AAAA']) {
      template().hasResourceProperties('AWS::Route53::RecordSet', { Type, Name: 'www.example.com.', HostedZoneId: 'Z0123456789ABCDEFGHIJ', AliasTarget: alias });
    }
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('dualstack-without-public-ipv4: AAAA only, a warning with its id, IPv4 admitted from the VPC only', () => {
    const { stack, vpc, template } = withZone({ ipAddressType: elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 });
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack-without-public-ipv4', Scheme: 'internet-facing' });
    template().resourceCountIs('AWS::Route53::RecordSet', 1);
    template().hasResourceProperties('AWS::Route53::RecordSet', { Type: 'AAAA' });
    Annotations.fromStack(stack).hasWarning('/Stack/Entry', Match.stringLikeRegexp('no A record is created.*\\[ack: cdk-ipv6-ready:DualStackApplicationLoadBalancedService.noARecord\\]'));
    const cidr = stack.resolve(vpc.vpcCidrBlock);
    expect(ingressOf(template())).toEqual([
      { CidrIp: cidr, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIp: cidr, IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
      { CidrIpv6: '::/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIpv6: '::/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
    ]);
  });

  test('a record name needs a hosted zone; outputs give the DNS name and the record name', () => {
    const { stack, entry, template } = withZone({ outputs: true });
    const outputs = Object.entries(template().findOutputs('*')).map(([id, o]) => [id.replace(/[0-9A-F]{8}$/, ''), o.Value]);
    expect(outputs).toEqual([['EntryLoadBalancerDnsName', getAtt(stack, entry.loadBalancer, 'DNSName')], ['EntryDomainName', stack.resolve(entry.aaaaRecord!.domainName)]]);
  });

  test('DualStackLoadBalancerTarget: dualstack. for an ALB, the DNS name as it is for an NLB', () => {
    const { stack, vpc, zone } = setup();
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc, ipAddressType: elbv2.IpAddressType.DUAL_STACK });
    new route53.AaaaRecord(stack, 'Aaaa', { zone, recordName: 'tcp', target: route53.RecordTarget.fromAlias(DualStackLoadBalancerTarget.network(nlb)) });
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      AliasTarget: { DNSName: getAtt(stack, nlb, 'DNSName'), HostedZoneId: getAtt(stack, nlb, 'CanonicalHostedZoneID'), EvaluateTargetHealth: true },
    });
  });
});

describe('options', () => {
  test('internal: private subnets, the VPC\'s IPv4 and IPv6 ranges admitted, no ::/0', () => {
    const { stack, vpc, template } = service({ internetFacing: false });
    template().hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      IpAddressType: 'dualstack',
      Subnets: vpc.privateSubnets.map(s => ({ Ref: stack.resolve((s.node.defaultChild as ec2.CfnSubnet).logicalId) })),
    });
    const [ipv4, ipv6] = [stack.resolve(vpc.vpcCidrBlock), stack.resolve(vpc.vpcIpv6CidrBlock)];
    expect(ingressOf(template())).toEqual([
      { CidrIp: ipv4, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIp: ipv4, IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
      { CidrIpv6: ipv6, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      { CidrIpv6: ipv6, IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
    ]);
  });

  test('access logs to a bucket with S3-managed keys that blocks public access; deletion protection; TLS policy; target port', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    new DualStackVpc(stack, 'Vpc');
    acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN);
    const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const vpc = stack.node.findChild('Vpc') as DualStackVpc;
    const certificate = stack.node.findChild('Certificate') as acm.ICertificate;
    new DualStackApplicationLoadBalancedService(stack, 'Entry', {
      vpc, certificate, accessLogs: { bucket, prefix: 'entry' }, deletionProtection: true, sslPolicy: elbv2.SslPolicy.TLS13_13, targetPort: 8080,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.prefix', Value: 'entry' },
      ]),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'delivery.logs.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 8080 });
  });
});

describe('binding to an IPv6 cluster', () => {
  function bound(albController = true) {
    const s = setup();
    const kubernetes = new Ipv6EksCluster(s.stack, 'Kubernetes', {
      vpc: s.vpc,
      albController: albController ? { version: eks.AlbControllerVersion.V2_8_2 } : undefined,
      kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(s.stack, 'Layer', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1') },
    });
    const entry = new DualStackApplicationLoadBalancedService(s.stack, 'Entry', {
      vpc: s.vpc, certificate: s.certificate, cluster: kubernetes.cluster, service: { name: 'hello', namespace: 'web' }, targetPort: 8080,
    });
    return { ...s, kubernetes, entry, template: Template.fromStack(s.stack) };
  }

  test('a TargetGroupBinding of the Service to the IPv6 target group, after the controller', () => {
    const { stack, entry, kubernetes, template } = bound();
    const [id, manifest] = Object.entries(template.findResources('Custom::AWSCDK-EKS-KubernetesResource'))
      .find(([k]) => k.startsWith('EntryTargetGroupBinding'))!;
    const text = JSON.stringify(manifest.Properties.Manifest);
    for (const field of ['\\"apiVersion\\":\\"elbv2.k8s.aws/v1beta1\\"', '\\"kind\\":\\"TargetGroupBinding\\"', '\\"metadata\\":{\\"name\\":\\"stack-entry-', '\\"namespace\\":\\"web\\"',
      '\\"serviceRef\\":{\\"name\\":\\"hello\\",\\"port\\":8080}', '\\"targetType\\":\\"ip\\"', '\\"ipAddressType\\":\\"ipv6\\"']) {
      expect(text).toContain(field);
    }
    expect(text).toContain(JSON.stringify(ref(stack, entry.targetGroup)));
    expect(text).not.toContain('networking');
    const chart = kubernetes.cluster.albController!.node.findAll()
      .find((c): c is CfnResource => c instanceof CfnResource && c.cfnResourceType === 'Custom::AWSCDK-EKS-HelmChart')!;
    expect(chart).toBeDefined();
    expect(template.toJSON().Resources[id].DependsOn).toEqual(expect.arrayContaining([stack.resolve(chart.logicalId)]));
  });

  test('the cluster security group alone (not the control plane\'s) admits the load balancer on the target port, which it alone may reach', () => {
    const { stack, entry, kubernetes, template } = bound();
    const lbGroup = getAtt(stack, entry.connections.securityGroups[0], 'GroupId');
    const ingress = template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { SourceSecurityGroupId: lbGroup } });
    expect(Object.values(ingress).map(r => r.Properties)).toEqual([{
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: lbGroup,
      Description: expect.any(String),
      GroupId: getAtt(stack, kubernetes.cluster, 'ClusterSecurityGroupId'),
    }]);
    const egress = template.findResources('AWS::EC2::SecurityGroupEgress', { Properties: { GroupId: lbGroup } });
    expect(Object.values(egress).map(e => [e.Properties.FromPort, e.Properties.ToPort])).toEqual(expect.arrayContaining([[8080, 8080]]));
    expect(Object.values(egress).every(e => e.Properties.FromPort === 8080 && !e.Properties.CidrIp && !e.Properties.CidrIpv6))
      .toBe(true);
  });

  test('no controller in the app: a warning with its id', () => {
    const { stack } = bound(false);
    Annotations.fromStack(stack).hasWarning('/Stack/Entry', Match.stringLikeRegexp('controllerNotInApp'));
  });
});

describe('refused before anything is created, with the prop, the value, the fix and the path', () => {
  const cases: Array<[string, (s: ReturnType<typeof setup>) => Partial<DualStackApplicationLoadBalancedServiceProps>, RegExp]> = [
    ['IPV4', () => ({ ipAddressType: elbv2.IpAddressType.IPV4 }), /ipAddressType: 'ipv4' cannot serve IPv6 clients.*Use DUAL_STACK/],
    ['without public IPv4, internal', () => ({ ipAddressType: elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4, internetFacing: false }),
      /ipAddressType: 'dualstack-without-public-ipv4' is for internet-facing load balancers only/],
    ['a VPC without IPv6', s => ({ vpc: new ec2.Vpc(s.stack, 'Ipv4Vpc', { restrictDefaultSecurityGroup: false }) }), /vpc: Stack\/Ipv4Vpc has no IPv6 CIDR block.*DualStackVpc/],
    ['target port 0', () => ({ targetPort: 0 }), /targetPort: 0 is not a port/],
    ['a record name without a zone', () => ({ recordName: 'www' }), /recordName: 'www' is given without hostedZone/],
    ['a KMS-encrypted log bucket', s => ({ accessLogs: { bucket: new s3.Bucket(s.stack, 'Kms', { encryptionKey: new kms.Key(s.stack, 'Key') }) } }),
      /accessLogs.bucket: Stack\/Kms is encrypted with a KMS key.*S3_MANAGED/],
    ['a log bucket open to the public', s => ({
      accessLogs: { bucket: new s3.Bucket(s.stack, 'Open', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, blockPublicAcls: true }) }) },
    }), /accessLogs.bucket: Stack\/Open does not block public access \(BlockPublicPolicy.*false\).*BLOCK_ALL/],
    ['a service without a cluster', () => ({ service: { name: 'hello' } }), /service: given without cluster/],
    ['a cluster without a service', s => ({ cluster: eks.Cluster.fromClusterAttributes(s.stack, 'Imported', { clusterName: 'c' }) }), /cluster: given without service/],
    ['an IPv4 cluster', s => ({
      cluster: eks.Cluster.fromClusterAttributes(s.stack, 'Ipv4', { clusterName: 'c', ipFamily: eks.IpFamily.IP_V4 }), service: { name: 'hello' },
    }), /cluster: Stack\/Ipv4 has the ipv4 IP family/],
    ['a Service name that is not a Kubernetes name', s => ({
      cluster: eks.Cluster.fromClusterAttributes(s.stack, 'C', { clusterName: 'c', ipFamily: eks.IpFamily.IP_V6 }), service: { name: 'Hello_World' },
    }), /service.name: 'Hello_World' is not a Kubernetes name/],
    ['subnets in one zone', s => ({ vpcSubnets: { subnets: [s.vpc.publicSubnets[0]] } }), /vpcSubnets: the selection has subnets in 1 Availability Zone/],
  ];
  test.each(cases)('%s', (_, props, message) => {
    const s = setup();
    const stack = new Stack(s.app, 'Env', { env: { account: '111111111111', region: 'eu-west-1' } });
    const vpc = new DualStackVpc(stack, 'Vpc');
    const env = { ...s, stack, vpc };
    const given = props(env);
    expect(() => new DualStackApplicationLoadBalancedService(stack, 'Entry', { vpc, certificate: s.certificate, ...given }))
      .toThrow(new RegExp(`^\\[Env/Entry\\] ${message.source.replace(/Stack\\\//g, 'Env\\/')}`));
    expect(stack.node.tryFindChild('Entry')).toBeUndefined();
  });

  test('access logs in an environment-agnostic stack', () => {
    const { stack, vpc, certificate } = setup();
    expect(() => new DualStackApplicationLoadBalancedService(stack, 'Entry', { vpc, certificate, accessLogs: { bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'logs') } }))
      .toThrow(/^\[Stack\/Entry\] accessLogs: the stack has no region/);
  });

  test('a subnet without an IPv6 block (aws-cdk-lib Vpc with DUAL_STACK, block removed)', () => {
    const { stack, certificate } = setup();
    const vpc = new ec2.Vpc(stack, 'Plain', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
    (vpc.publicSubnets[0].node.defaultChild as ec2.CfnSubnet).ipv6CidrBlock = undefined;
    expect(() => new DualStackApplicationLoadBalancedService(stack, 'Entry', { vpc, certificate }))
      .toThrow(/^\[Stack\/Entry\] vpcSubnets: subnet Stack\/Plain\/PublicSubnet1 has no IPv6 CIDR block/);
  });
});

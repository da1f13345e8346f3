import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as msk from 'aws-cdk-lib/aws-msk';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { Ipv6EksCluster, Ipv6EksClusterProps, NodeOperatingSystem } from '../../lib/eks';
import { ipv6Findings } from '../nag/support';
import { formatFindings, nagFindings } from '../support/nag';

function setup(): { stack: Stack; vpc: DualStackVpc } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, vpc: new DualStackVpc(stack, 'Vpc') };
}

function cluster(props: Partial<Ipv6EksClusterProps> = {}): { stack: Stack; vpc: DualStackVpc; eks6: Ipv6EksCluster; template: () => Template } {
  const { stack, vpc } = setup();
  const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc, ...props });
  return { stack, vpc, eks6, template: () => Template.fromStack(stack) };
}

const getAtt = (logicalId: string, attr: string) => ({ 'Fn::GetAtt': [logicalId, attr] });

describe('cluster (1)', () => {
  test('defaults: IPv6 family, current version, private endpoint, secrets encrypted with a rotated key, all control plane logs', () => {
    const { template } = cluster();
    const t = template();
    t.resourceCountIs('AWS::EKS::Cluster', 1);
    t.hasResourceProperties('AWS::EKS::Cluster', {
      Version: '1.36',
      KubernetesNetworkConfig: Match.objectLike({ IpFamily: 'ipv6' }),
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: false }),
      EncryptionConfig: [{ Provider: { KeyArn: Match.anyValue() }, Resources: ['secrets'] }],
      Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map(Type => ({ Type })) } },
      BootstrapSelfManagedAddons: false,
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // No kubectl Lambda without manifests or charts (the one function is the VPC's SDK-call function).
    expect(Object.keys(t.findResources('AWS::Lambda::Function')).filter(id => id.startsWith('Eks'))).toEqual([]);
  });

  test('a given key and a restricted public endpoint', () => {
    const { stack, vpc } = setup();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111122223333:key/abcd');
    new Ipv6EksCluster(stack, 'Eks', { vpc, secretsEncryptionKey: key, endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom('203.0.113.0/24') });
    const t = Template.fromStack(stack);
    t.resourcePropertiesCountIs('AWS::KMS::Key', { Description: Match.stringLikeRegexp('Kubernetes secrets') }, 0);
    t.hasResourceProperties('AWS::EKS::Cluster', {
      EncryptionConfig: [{ Provider: { KeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abcd' }, Resources: ['secrets'] }],
      ResourcesVpcConfig: Match.objectLike({ EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] }),
    });
  });

  test('a dual-stack ec2.Vpc is accepted', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK });
    new Ipv6EksCluster(stack, 'Eks', { vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { KubernetesNetworkConfig: Match.objectLike({ IpFamily: 'ipv6' }) });
  });
});

describe('add-ons (2)', () => {
  test('vpc-cni with IPv6 and prefix delegation, on its own pod identity role with exactly the IPv6 statements of its version', () => {
    const { eks6, stack, template } = cluster({ vpcCni: { version: 'v1.19.2-eksbuild.1', env: { WARM_PREFIX_TARGET: '1' } } });
    const t = template();
    const roleId = stack.getLogicalId(eks6.cniRole!.node.defaultChild as iam.CfnRole);
    t.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'vpc-cni',
      AddonVersion: 'v1.19.2-eksbuild.1',
      ConfigurationValues: JSON.stringify({ env: { WARM_PREFIX_TARGET: '1', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' } }),
      PodIdentityAssociations: [{ RoleArn: getAtt(roleId, 'Arn'), ServiceAccount: 'aws-node' }],
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Action: ['sts:AssumeRole', 'sts:TagSession'], Principal: { Service: 'pods.eks.amazonaws.com' } })] },
    });
    expect(t.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    // The VPC CNI's documented IPv6 mode policy for 1.19 (before subnet discovery), nothing more.
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).filter(p => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(p => p.Properties.PolicyDocument.Statement);
    expect(statements.map((st: any) => st.Action)).toEqual([
      ['ec2:AssignIpv6Addresses', 'ec2:DescribeInstances', 'ec2:DescribeTags', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeInstanceTypes'],
      'ec2:CreateTags',
    ]);
  });

  test('eks-pod-identity-agent, coredns and kube-proxy, versions overridable', () => {
    const { template } = cluster({ coreDnsVersion: 'v1.11.4-eksbuild.2', kubeProxyVersion: 'v1.31.3-eksbuild.2' });
    const t = template();
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'eks-pod-identity-agent' });
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'coredns', AddonVersion: 'v1.11.4-eksbuild.2' });
    t.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'kube-proxy', AddonVersion: 'v1.31.3-eksbuild.2' });
  });

  test('coredns waits for the default node group, which waits for the vpc-cni', () => {
    const { eks6, stack, template } = cluster();
    const t = template();
    const nodegroupId = stack.getLogicalId(eks6.defaultNodegroup!.node.defaultChild as eks.CfnNodegroup);
    const addons = t.findResources('AWS::EKS::Addon');
    const [coreDnsId] = Object.entries(addons).find(([, r]) => r.Properties.AddonName === 'coredns')!;
    const [cniId] = Object.entries(addons).find(([, r]) => r.Properties.AddonName === 'vpc-cni')!;
    expect(addons[coreDnsId].DependsOn).toContain(nodegroupId);
    expect(t.toJSON().Resources[nodegroupId].DependsOn).toContain(cniId);
  });
});

describe('managed node groups (3)', () => {
  test('default group: Nitro instances in private subnets on the node role, which has no CNI permissions; no launch template', () => {
    const { eks6, stack, vpc, template } = cluster();
    const t = template();
    t.hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['m6i.large'],
      AmiType: 'AL2023_x86_64_STANDARD',
      NodeRole: getAtt(stack.getLogicalId(eks6.nodeRole.node.defaultChild as iam.CfnRole), 'Arn'),
      Subnets: vpc.privateSubnets.map(s => ({ Ref: stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet) })),
      LaunchTemplate: Match.absent(),
    });
    t.resourceCountIs('AWS::EC2::LaunchTemplate', 0);
    // The CNI permissions are on the CNI's pod identity role only.
    const nodeRoleId = stack.getLogicalId(eks6.nodeRole.node.defaultChild as iam.CfnRole);
    expect(Object.values(t.findResources('AWS::IAM::Policy')).filter(p => JSON.stringify(p.Properties.Roles).includes(nodeRoleId))).toEqual([]);
    expect(JSON.stringify(t.findResources('AWS::IAM::Role')[nodeRoleId].Properties.ManagedPolicyArns)).not.toContain('AmazonEKS_CNI_Policy');
  });

  test('addNodegroup adds a group', () => {
    const { eks6, template } = cluster({ defaultNodegroupEnabled: false });
    eks6.addNodegroup('Arm', { instanceTypes: [new ec2.InstanceType('m7g.large')] });
    eks6.addNodegroup('Bottlerocket', { instanceTypes: [new ec2.InstanceType('c7i.large')], amiType: eks.NodegroupAmiType.BOTTLEROCKET_X86_64 });
    // Amazon Linux 2023 for the architecture unless given: EKS has no Amazon Linux 2 AMIs for 1.33 and later.
    template().resourcePropertiesCountIs('AWS::EKS::Nodegroup', { InstanceTypes: ['m7g.large'], AmiType: 'AL2023_ARM_64_STANDARD' }, 1);
    template().resourcePropertiesCountIs('AWS::EKS::Nodegroup', { InstanceTypes: ['c7i.large'], AmiType: 'BOTTLEROCKET_x86_64' }, 1);
    template().resourceCountIs('AWS::EKS::Nodegroup', 2);
  });

  test.each([
    ['m4.large', /instanceTypes: 'm4.large' is not built on the AWS Nitro System/],
    ['q1.large', /instanceTypes: 'q1.large' is not known to be Nitro-based.*allowUnlistedInstanceTypes/],
  ])('refuses %s and leaves nothing behind', (type, message) => {
    const { eks6 } = cluster({ defaultNodegroupEnabled: false });
    expect(() => eks6.addNodegroup('Ng', { instanceTypes: [new ec2.InstanceType(type)] })).toThrow(message);
    expect(() => eks6.addNodegroup('Ng', { instanceTypes: [new ec2.InstanceType(type)] })).toThrow(/\[Stack\/Eks\/Cluster\/Ng\]/);
    expect(eks6.cluster.node.tryFindChild('Ng')).toBeUndefined();
  });

  test('allowUnlistedInstanceTypes lets an unknown type through', () => {
    const { eks6, template } = cluster({ defaultNodegroupEnabled: false });
    eks6.addNodegroup('Ng', { instanceTypes: [new ec2.InstanceType('q1.large')], allowUnlistedInstanceTypes: true });
    template().hasResourceProperties('AWS::EKS::Nodegroup', { InstanceTypes: ['q1.large'] });
  });

  test('refuses Windows AMI types', () => {
    const { eks6 } = cluster({ defaultNodegroupEnabled: false });
    expect(() => eks6.addNodegroup('Win', { amiType: eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64 }))
      .toThrow(/amiType: 'WINDOWS_CORE_2022_x86_64' is a Windows AMI/);
    expect(eks6.cluster.node.tryFindChild('Win')).toBeUndefined();
  });

  test('refuses subnets that do not auto-assign IPv6', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc', {
      subnetGroups: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, assignIpv6AddressOnCreation: false },
      ],
    });
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc })).toThrow(/\[Stack\/Eks\] defaultNodegroup.subnets: subnet .* has assignIpv6AddressOnCreation false/);
    expect(stack.node.tryFindChild('Eks')).toBeUndefined();
  });

  test('a launch template of the user gets a warning', () => {
    const { eks6, stack } = cluster({ defaultNodegroupEnabled: false });
    eks6.addNodegroup('Lt', { launchTemplateSpec: { id: 'lt-0123456789abcdef0' } });
    Annotations.fromStack(stack).hasWarning('/Stack/Eks', Match.stringLikeRegexp('lt-0123456789abcdef0.*HttpProtocolIpv6'));
  });
});

describe('Fargate profiles (3)', () => {
  test('addFargateProfile in the private subnets', () => {
    const { eks6, template } = cluster({ defaultNodegroupEnabled: false });
    eks6.addFargateProfile('Apps', { selectors: [{ namespace: 'apps' }] });
    template().hasResourceProperties('AWS::EKS::FargateProfile', { Selectors: [{ Namespace: 'apps' }] });
  });
});

describe('self-managed nodes (3)', () => {
  function userData(template: Template): string {
    const [lt] = Object.values(template.findResources('AWS::EC2::LaunchTemplate'));
    return JSON.stringify(lt.Properties.LaunchTemplateData.UserData);
  }

  test('AL2023: nodeadm NodeConfig with the service IPv6 CIDR; IMDS IPv6 off; no CNI permissions on the node role; an EC2_LINUX access entry', () => {
    const { eks6, stack, template } = cluster({ defaultNodegroupEnabled: false });
    eks6.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType('m6i.large'), minCapacity: 1 });
    const t = template();
    const clusterId = stack.getLogicalId(eks6.cluster.node.defaultChild as eks.CfnCluster);
    const text = userData(t);
    expect(text).toContain('apiVersion: node.eks.aws/v1alpha1');
    expect(text).toContain('kind: NodeConfig');
    expect(text).toContain(`cidr: ",${JSON.stringify(getAtt(clusterId, 'KubernetesNetworkConfig.ServiceIpv6Cidr'))}`);
    expect(text).toContain('maxPods: 110');
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ MetadataOptions: Match.objectLike({ HttpProtocolIpv6: 'disabled', HttpTokens: 'required' }) }),
    });
    t.hasResourceProperties('AWS::EKS::AccessEntry', { Type: 'EC2_LINUX' });
    t.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    // The node security group admits IPv6 egress.
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Self-managed nodes Self of an IPv6 EKS cluster',
      SecurityGroupEgress: Match.arrayWith([Match.objectLike({ CidrIpv6: '::/0' })]),
    });
    expect(ipv6Findings(stack)).toEqual([]);
  });

  test('AL2: bootstrap.sh with --ip-family ipv6 --service-ipv6-cidr', () => {
    const { eks6, stack, template } = cluster({ defaultNodegroupEnabled: false, version: eks.KubernetesVersion.V1_32 });
    eks6.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType('m6i.large'), operatingSystem: NodeOperatingSystem.AMAZON_LINUX_2, maxPods: 250 });
    const text = userData(template());
    const clusterId = stack.getLogicalId(eks6.cluster.node.defaultChild as eks.CfnCluster);
    expect(text).toContain('/etc/eks/bootstrap.sh');
    expect(text).toContain('--ip-family ipv6 --service-ipv6-cidr ');
    expect(text).toContain(JSON.stringify(getAtt(clusterId, 'KubernetesNetworkConfig.ServiceIpv6Cidr')));
    expect(text).toContain("--kubelet-extra-args '--max-pods=250'");
    expect(ipv6Findings(stack)).toEqual([]);
  });

  test('the root volume is encrypted by default', () => {
    const { eks6, template } = cluster({ defaultNodegroupEnabled: false });
    eks6.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType('m6i.large') });
    template().hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3' } }],
      }),
    });
  });

  test('the instance options an Auto Scaling group refuses next to a launch template go onto the launch template', () => {
    const { eks6, stack, template } = cluster({ defaultNodegroupEnabled: false });
    const keyPair = ec2.KeyPair.fromKeyPairName(stack, 'Key', 'ops');
    eks6.addSelfManagedNodes('Self', {
      instanceType: new ec2.InstanceType('m6i.large'),
      blockDevices: [
        { deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(50, { volumeType: autoscaling.EbsDeviceVolumeType.GP3 }) },
        { deviceName: '/dev/xvdb', volume: autoscaling.BlockDeviceVolume.ebs(10, { encrypted: false }) },
      ],
      keyPair,
      spotPrice: '0.05',
      associatePublicIpAddress: false,
      instanceMonitoring: autoscaling.Monitoring.DETAILED,
    });
    const t = template();
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 50, VolumeType: 'gp3' } },
          { DeviceName: '/dev/xvdb', Ebs: { Encrypted: false, VolumeSize: 10 } },
        ],
        KeyName: 'ops',
        InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.05' } },
        NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false })],
        Monitoring: { Enabled: true },
      }),
    });
    t.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
  });

  test('a machine image of the user: a warning that the root volume is not known', () => {
    const { eks6, stack } = cluster({ defaultNodegroupEnabled: false });
    eks6.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType('m6i.large'), machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1' }) });
    Annotations.fromStack(stack).hasWarning('/Stack/Eks', Match.stringLikeRegexp('cannot encrypt the root volume.*blockDevices with encrypted: true'));
  });

  test('refuses a non-Nitro type and leaves nothing behind', () => {
    const { eks6 } = cluster({ defaultNodegroupEnabled: false });
    expect(() => eks6.addSelfManagedNodes('Self', { instanceType: new ec2.InstanceType('t2.large') }))
      .toThrow(/\[Stack\/Eks\/Self\] instanceType: 't2.large' is not built on the AWS Nitro System/);
    expect(eks6.node.tryFindChild('Self')).toBeUndefined();
  });
});

describe('security groups (4)', () => {
  test('the control plane group admits the VPC IPv6 range where it admits the IPv4 range, with IPv6 egress', () => {
    const { vpc, stack, template } = cluster();
    template().hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'EKS control plane of an IPv6 cluster',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: getAtt(stack.getLogicalId(vpc.node.defaultChild as ec2.CfnVPC), 'CidrBlock'), FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIpv6: stack.resolve(vpc.vpcIpv6CidrBlock), FromPort: 443, ToPort: 443 }),
      ],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0' }), Match.objectLike({ CidrIpv6: '::/0' })],
    });
  });
});

describe('AWS Load Balancer Controller (5)', () => {
  const kubectlProviderOptions = { kubectlLayer: { layerVersionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:kubectl:1' } as any };

  test('installed with IP targets by default', () => {
    const { template } = cluster({ albController: { version: eks.AlbControllerVersion.V2_8_2 }, kubectlProviderOptions });
    const charts = Object.values(template().findResources('Custom::AWSCDK-EKS-HelmChart', { Properties: { Chart: 'aws-load-balancer-controller' } }));
    expect(charts).toHaveLength(1);
    const values = JSON.stringify(charts[0].Properties.Values);
    expect(values).toContain('\\"defaultTargetType\\":\\"ip\\"');
    expect(values).toContain('\\"tag\\":\\"v2.8.2\\"');
  });

  test('its service account trusts a native AWS::IAM::OIDCProvider, not a Lambda-backed custom resource', () => {
    const { template } = cluster({ albController: { version: eks.AlbControllerVersion.V2_8_2 }, kubectlProviderOptions });
    template().resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template().resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
  });

  test.each([
    [{ albController: { version: eks.AlbControllerVersion.V2_3_0 }, kubectlProviderOptions }, /albController.version: 'v2.3.0' is older than v2.3.1/],
    [{ albController: { version: eks.AlbControllerVersion.V2_8_2, additionalHelmChartValues: { defaultTargetType: 'instance' } }, kubectlProviderOptions },
      /albController.additionalHelmChartValues.defaultTargetType: 'instance' is not 'ip'/],
    [{ albController: { version: eks.AlbControllerVersion.V2_8_2 } }, /albController: .*kubectlProviderOptions/],
  ])('refuses %#', (props, message) => {
    const { stack, vpc } = setup();
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc, ...props })).toThrow(message);
    expect(stack.node.tryFindChild('Eks')).toBeUndefined();
  });
});

describe('attributes and outputs (6)', () => {
  test('outputs on request', () => {
    const { template } = cluster({ outputs: true });
    const outputs = template().findOutputs('*');
    expect(Object.keys(outputs).map(k => k.replace(/^Eks/, '').replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(expect.arrayContaining(['ClusterEndpoint', 'ClusterName', 'CniRoleArn', 'NodeRoleArn', 'OpenIdConnectIssuerUrl', 'ServiceIpv6Cidr']));
  });

  test('no outputs by default', () => {
    expect(cluster().template().findOutputs('*')).toEqual({});
  });

  test('attributes point at the cluster', () => {
    const { eks6, stack } = cluster();
    const clusterId = stack.getLogicalId(eks6.cluster.node.defaultChild as eks.CfnCluster);
    expect(stack.resolve(eks6.serviceIpv6Cidr)).toEqual(getAtt(clusterId, 'KubernetesNetworkConfig.ServiceIpv6Cidr'));
    expect(stack.resolve(eks6.openIdConnectIssuerUrl)).toEqual(getAtt(clusterId, 'OpenIdConnectIssuerUrl'));
    expect(stack.resolve(eks6.clusterName)).toEqual({ Ref: clusterId });
  });
});

describe('MSK (7)', () => {
  test('msk connections admit the cluster, and a pod identity role can be granted', () => {
    const { eks6, stack, vpc, template } = cluster();
    const sg = new ec2.SecurityGroup(stack, 'MskSg', { vpc });
    const connections = new ec2.Connections({ securityGroups: [sg], defaultPort: ec2.Port.tcp(9098) });
    connections.allowDefaultPortFrom(eks6);
    const role = eks6.addPodIdentityRole('Producer', { namespace: 'apps', serviceAccount: 'producer' });
    new msk.CfnCluster(stack, 'Kafka', {
      clusterName: 'k',
      kafkaVersion: '3.8.x',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: { instanceType: 'kafka.m7g.large', clientSubnets: vpc.privateSubnets.map(s => s.subnetId) },
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kafka-cluster:Connect'], resources: ['*'] }));
    const t = template();
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 9098, SourceSecurityGroupId: getAtt(stack.getLogicalId(eks6.cluster.node.defaultChild as eks.CfnCluster), 'ClusterSecurityGroupId'),
    });
    t.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
      Namespace: 'apps', ServiceAccount: 'producer', RoleArn: getAtt(stack.getLogicalId(role.node.defaultChild as iam.CfnRole), 'Arn'),
    });
  });

  test('addPodIdentityRole refuses a name that is not a Kubernetes name', () => {
    const { eks6 } = cluster();
    expect(() => eks6.addPodIdentityRole('P', { namespace: 'Apps', serviceAccount: 'x' })).toThrow(/\[Stack\/Eks\/P\] namespace: 'Apps'/);
    expect(eks6.node.tryFindChild('P')).toBeUndefined();
  });
});

describe('bad input', () => {
  function refuses(props: Partial<Ipv6EksClusterProps>, message: RegExp, vpcOf?: (stack: Stack) => ec2.IVpc) {
    const stack = new Stack(new App(), 'Stack');
    const vpc = vpcOf ? vpcOf(stack) : new DualStackVpc(stack, 'Vpc');
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc, ...props })).toThrow(message);
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc, ...props })).toThrow(/^\[Stack\/Eks\]/);
    expect(stack.node.tryFindChild('Eks')).toBeUndefined();
  }

  test('an ec2.Vpc without IPv6', () => refuses({}, /vpc: the ec2.Vpc Stack\/Vpc has no IPv6 CIDR block.*DualStackVpc/, s => new ec2.Vpc(s, 'Vpc')));
  test('an imported VPC without IPv6 attributes', () => refuses({}, /vpc: the imported VPC .* does not say its IPv6 CIDR block.*fromDualStackVpcAttributes/,
    s => ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'], privateSubnetIds: ['subnet-1'] })));
  test('Outposts subnets', () => refuses({}, /vpcSubnets: subnet .* is on an AWS Outpost/, s => {
    const vpc = new DualStackVpc(s, 'Vpc');
    (vpc.privateSubnets[0].node.defaultChild as ec2.CfnSubnet).outpostArn = 'arn:aws:outposts:us-east-1:111122223333:outpost/op-1';
    return vpc;
  }));
  test('a non-Nitro default group', () => refuses({ defaultNodegroup: { instanceTypes: [new ec2.InstanceType('c4.large')] } },
    /defaultNodegroup.instanceTypes: 'c4.large' is not built on the AWS Nitro System/));
  test('a Windows default group', () => refuses({ defaultNodegroup: { amiType: eks.NodegroupAmiType.WINDOWS_FULL_2022_X86_64 } }, /amiType: 'WINDOWS_FULL_2022_x86_64'/));
  test('vpc-cni older than 1.10.1', () => refuses({ vpcCni: { version: 'v1.9.3-eksbuild.1' } }, /vpcCni.version: 'v1.9.3-eksbuild.1' is older than 1.10.1/));
  test('custom networking', () => refuses({ vpcCni: { env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' } } },
    /vpcCni.env: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG is 'true'; custom networking cannot be used with IPv6/));
  test('prefix delegation off', () => refuses({ vpcCni: { env: { ENABLE_PREFIX_DELEGATION: 'false' } } }, /vpcCni.env: ENABLE_PREFIX_DELEGATION is 'false'/));
  test('IPv6 off in the CNI', () => refuses({ vpcCni: { env: { ENABLE_IPv6: 'false' } } }, /vpcCni.env: ENABLE_IPv6 is 'false'/));
  test('Kubernetes below 1.21', () => refuses({ version: eks.KubernetesVersion.of('1.20') }, /version: '1.20' is older than 1.21/));
});

describe('rule packs', () => {
  test('the default cluster in a DualStackVpc has no IPv6 readiness finding', () => {
    const { stack } = cluster();
    expect(ipv6Findings(stack)).toEqual([]);
  });

  test('the default cluster has no unacknowledged AwsSolutions finding', () => {
    const { stack } = cluster();
    expect(formatFindings(nagFindings(stack.node.root as App, new AwsSolutionsChecks(stack.node.root as App)))).toEqual('');
  });

  test('with the Load Balancer Controller and kubectl, each finding of aws-cdk-lib\'s own resources is acknowledged, and nothing else', () => {
    const kubectlLayer = { layerVersionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:kubectl:1' } as any;
    const props = { albController: { version: eks.AlbControllerVersion.V2_17_1 }, kubectlProviderOptions: { kubectlLayer } };
    const app = cluster(props).stack.node.root as App;
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');

    // The acknowledgements do not reach a wildcard the user adds to another role.
    const { stack, eks6 } = cluster(props);
    const role = eks6.addPodIdentityRole('Tool', { namespace: 'tools', serviceAccount: 'tool' });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const other = stack.node.root as App;
    expect(nagFindings(other, new AwsSolutionsChecks(other)).map(f => f.ruleId)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });
});

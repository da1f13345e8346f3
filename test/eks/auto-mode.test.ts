import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AUTO_MODE_CONTEXT, ReferenceArchitectureStack } from '../../examples/reference-architecture';
import { DualStackVpc, Ipv6ReadinessChecks } from '../../lib';
import { DualStackIngress, Ipv6EksCluster, Ipv6EksClusterProps } from '../../lib/eks';
import { isAutoModeCluster, targetGroupBindingApiVersion } from '../../lib/eks/auto-mode';
import { formatFindings, nagFindings } from '../support/nag';

const AUTOMODE = eks.DefaultCapacityType.AUTOMODE;

function autoMode(props: Partial<Ipv6EksClusterProps> = {}) {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc, defaultCapacityType: AUTOMODE, ...props });
  return { stack, vpc, eks6, template: () => Template.fromStack(stack) };
}

describe('EKS Auto Mode', () => {
  test('compute, block storage and load balancing enabled together, ipv6, on the node role; no node group, no add-on', () => {
    const { stack, eks6, template } = autoMode();
    const t = template();
    t.hasResourceProperties('AWS::EKS::Cluster', {
      ComputeConfig: { Enabled: true, NodePools: ['system', 'general-purpose'], NodeRoleArn: { 'Fn::GetAtt': [stack.getLogicalId(eks6.nodeRole.node.defaultChild as iam.CfnRole), 'Arn'] } },
      StorageConfig: { BlockStorage: { Enabled: true } },
      KubernetesNetworkConfig: { IpFamily: 'ipv6', ElasticLoadBalancing: { Enabled: true } },
      BootstrapSelfManagedAddons: false,
    });
    t.resourceCountIs('AWS::EKS::Nodegroup', 0);
    // vpc-cni, kube-proxy, CoreDNS and the Pod Identity Agent are Auto Mode's own.
    t.resourceCountIs('AWS::EKS::Addon', 0);
    expect(eks6.autoMode).toBe(true);
    expect(eks6.cniRole).toBeUndefined();
    expect(eks6.vpcCniAddon).toBeUndefined();
    expect(isAutoModeCluster(eks6.cluster)).toBe(true);
    expect(targetGroupBindingApiVersion(eks6.cluster)).toEqual('eks.amazonaws.com/v1');
    // The node role: no CNI permissions, no managed policy beyond the node policies.
    expect(JSON.stringify(t.findResources('AWS::IAM::Role'))).not.toContain('AmazonEKS_CNI_Policy');
  });

  test('the node group default is not Auto Mode', () => {
    const stack = new Stack(new App(), 'Stack');
    const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc: new DualStackVpc(stack, 'Vpc') });
    expect(eks6.autoMode).toBe(false);
    expect(targetGroupBindingApiVersion(eks6.cluster)).toEqual('elbv2.k8s.aws/v1beta1');
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: { Enabled: false } });
  });

  test('given node pools and node role', () => {
    const stack = new Stack(new App(), 'Stack');
    const nodeRole = iam.Role.fromRoleArn(stack, 'NodeRole', 'arn:aws:iam::111122223333:role/auto-nodes');
    const eks6 = new Ipv6EksCluster(stack, 'Eks', { vpc: new DualStackVpc(stack, 'Vpc'), defaultCapacityType: AUTOMODE, compute: { nodePools: ['system'], nodeRole } });
    expect(eks6.nodeRole).toBe(nodeRole);
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', {
      ComputeConfig: { Enabled: true, NodePools: ['system'], NodeRoleArn: 'arn:aws:iam::111122223333:role/auto-nodes' },
    });
  });

  test('a pod identity role needs no agent add-on', () => {
    const { eks6, template } = autoMode();
    eks6.addPodIdentityRole('Orders', { namespace: 'orders', serviceAccount: 'orders' });
    template().resourceCountIs('AWS::EKS::PodIdentityAssociation', 1);
    template().resourceCountIs('AWS::EKS::Addon', 0);
  });

  test.each([
    [{ vpcCni: {} }, /vpcCni: given with defaultCapacityType AUTOMODE; Auto Mode runs pod networking itself/],
    [{ kubeProxyVersion: 'v1.31.3-eksbuild.2' }, /kubeProxyVersion: given with defaultCapacityType AUTOMODE/],
    [{ coreDnsVersion: 'v1.11.4-eksbuild.2' }, /coreDnsVersion: given with defaultCapacityType AUTOMODE/],
    [{ albController: { version: eks.AlbControllerVersion.V2_17_1 } }, /albController: given with defaultCapacityType AUTOMODE; .*eks.amazonaws.com\/alb/],
    [{ defaultNodegroup: {} }, /defaultNodegroup: given with defaultCapacityType AUTOMODE/],
    [{ defaultNodegroupEnabled: true }, /defaultNodegroupEnabled: true with defaultCapacityType AUTOMODE/],
    [{ compute: { nodePools: ['gpu'] } }, /compute.nodePools: 'gpu' is not a built-in node pool/],
  ])('refuses what Auto Mode manages itself: %j', (props, message) => {
    expect(() => autoMode(props as Partial<Ipv6EksClusterProps>)).toThrow(message);
  });

  test('refuses node groups, Fargate and self-managed nodes beside Auto Mode', () => {
    const { eks6 } = autoMode();
    expect(() => eks6.addNodegroup('Ng')).toThrow(/\[Stack\/Eks\/Ng\] addNodegroup: the cluster runs on EKS Auto Mode/);
    expect(() => eks6.addFargateProfile('Fg', { selectors: [{ namespace: 'x' }] })).toThrow(/addFargateProfile: the cluster runs on EKS Auto Mode/);
    expect(() => eks6.addSelfManagedNodes('Sm', { instanceType: new ec2.InstanceType('m6i.large') })).toThrow(/addSelfManagedNodes: the cluster runs on EKS Auto Mode/);
  });

  test('compute without AUTOMODE, and EC2 capacity, are refused', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    expect(() => new Ipv6EksCluster(stack, 'A', { vpc, compute: { nodePools: ['system'] } })).toThrow(/compute: .* defaultCapacityType is not AUTOMODE/);
    expect(() => new Ipv6EksCluster(stack, 'B', { vpc, defaultCapacityType: eks.DefaultCapacityType.EC2 })).toThrow(/defaultCapacityType: EC2/);
  });

  test('the cluster subnets (where Auto Mode launches nodes) need IPv6 auto-assignment and a ::/0 route', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, ipv6AssignAddressOnCreation: true }],
    });
    // Isolated subnets have no ::/0 route.
    expect(() => new Ipv6EksCluster(stack, 'Eks', { vpc, defaultCapacityType: AUTOMODE, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }))
      .toThrow(/vpcSubnets: subnet Stack\/Vpc\/IsolatedSubnet1 has no ::\/0 route/);
    // The same subnets are fine for a node group cluster's control plane.
    new Ipv6EksCluster(stack, 'Fine', { vpc, defaultNodegroupEnabled: false, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    // Public subnets of an ec2.Vpc do not auto-assign IPv6 unless asked.
    const other = new ec2.Vpc(stack, 'Other', { ipProtocol: ec2.IpProtocol.DUAL_STACK, subnetConfiguration: [{ name: 'P', subnetType: ec2.SubnetType.PUBLIC, ipv6AssignAddressOnCreation: false }] });
    expect(() => new Ipv6EksCluster(stack, 'Eks2', { vpc: other, defaultCapacityType: AUTOMODE, vpcSubnets: [{ subnetType: ec2.SubnetType.PUBLIC }], endpointAccess: eks.EndpointAccess.PUBLIC }))
      .toThrow(/assignIpv6AddressOnCreation false/);
  });

  test('an escape hatch that turns off one capability of three is refused at synthesis', () => {
    const { stack, eks6 } = autoMode();
    (eks6.cluster.node.defaultChild as eks.CfnCluster).addPropertyOverride('StorageConfig.BlockStorage.Enabled', false);
    expect(() => (stack.node.root as App).synth()).toThrow(/StorageConfig.BlockStorage.Enabled false.*EKS Auto Mode needs compute, block storage and load balancing enabled together/);
  });

  test('the dual-stack entry points (elbv2.k8s.aws TargetGroupBinding) are refused on Auto Mode with what to use instead', () => {
    const kubectlLayer = { layerVersionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:kubectl:1' } as any;
    const { stack, eks6 } = autoMode({ kubectlProviderOptions: { kubectlLayer } });
    eks6.cluster.addManifest('Binding', { apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', metadata: { name: 'x' }, spec: {} });
    expect(() => (stack.node.root as App).synth()).toThrow(/\[Stack\/Eks\].*TargetGroupBinding of the AWS Load Balancer Controller \(elbv2.k8s.aws\) on the EKS Auto Mode cluster.*eks.amazonaws.com\/alb/s);
  });

  test('DualStackIngress.autoModeIngressClass: an IngressClass of Auto Mode with dual-stack parameters', () => {
    expect(DualStackIngress.autoModeIngressClass('alb', { internetFacing: true })).toEqual([
      { apiVersion: 'eks.amazonaws.com/v1', kind: 'IngressClassParams', metadata: { name: 'alb' }, spec: { scheme: 'internet-facing', ipAddressType: 'dualstack' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'alb' },
        spec: { controller: 'eks.amazonaws.com/alb', parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: 'alb' } },
      },
    ]);
  });

  test('no unacknowledged finding under both packs', () => {
    const { stack, eks6 } = autoMode({ outputs: true });
    eks6.addPodIdentityRole('Orders', { namespace: 'orders', serviceAccount: 'orders' });
    const app = stack.node.root as App;
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('a plain aws-eks-v2 Auto Mode cluster on IPv6 draws no node-group or vpc-cni rule', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new DualStackVpc(stack, 'Vpc');
    new eks.Cluster(stack, 'Cluster', {
      vpc,
      version: eks.KubernetesVersion.V1_34,
      ipFamily: eks.IpFamily.IP_V6,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: Match.objectLike({ Enabled: true }) });
    const app = stack.node.root as App;
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('the reference architecture with -c autoMode=true: an Auto Mode cluster, no node group, no unacknowledged finding under both packs', () => {
    const app = new App({ context: { [AUTO_MODE_CONTEXT]: 'true' } });
    const stack = new ReferenceArchitectureStack(app, 'Reference');
    expect(stack.kubernetes.autoMode).toBe(true);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EKS::Cluster', { ComputeConfig: Match.objectLike({ Enabled: true }), KubernetesNetworkConfig: Match.objectLike({ IpFamily: 'ipv6' }) });
    t.resourceCountIs('AWS::EKS::Nodegroup', 0);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    expect(JSON.stringify(t.toJSON())).toContain('eks.amazonaws.com/alb');
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });
});

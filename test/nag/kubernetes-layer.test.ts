/**
 * The acceptance: a plain aws-cdk-lib IPv6 app (aws-eks-v2, AL2023 nodes, prefix
 * delegation) with the Kubernetes-layer and load balancer mistakes draws an error from
 * Ipv6ReadinessChecks at synthesis; `cdk-ipv6-ready check` finds the same on its cdk.out, and on
 * the same objects as plain YAML with --ip-family ipv6; on an IPv4 cluster the cluster's facts draw
 * nothing. One app holds every mistake, each in a manifest (or resource) of its own.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as jsYaml from 'js-yaml';
import { deployment, ingress, service } from './k8s-fixtures';
import { ReferenceArchitectureStack } from '../../examples/reference-architecture';
import {
  DualStackApplicationLoadBalancedService, DualStackIngress, DualStackNetworkLoadBalancedService, DualStackService, DualStackVpc, Ipv6EksCluster,
  Ipv6ReadinessChecks,
} from '../../lib';
import { main } from '../../lib/nag/cli/main';
import { formatFindings, nagApp, nagFindings } from '../support/nag';

/** Each Kubernetes mistake: its manifest id and objects, and the rule it breaks. */
const K8S_MISTAKES: Array<[string, object[], string]> = [
  ['DualStackService', [service(undefined, { ipFamilyPolicy: 'RequireDualStack' }, 'ClusterIP')], 'K8S-IPV6-1[Service::shop/web]'],
  ['InstanceTargets', [service({ ...DualStackService.annotations(), 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance' })],
    'K8S-IPV6-2[Service::shop/web]'],
  ['Ipv4Alb', [ingress({ 'alb.ingress.kubernetes.io/target-type': 'ip' })], 'K8S-IPV6-3[Ingress::shop/web]'],
  ['WindowsPods', [deployment({ nodeSelector: { 'kubernetes.io/os': 'windows' } })], 'K8S-IPV6-4[Deployment::shop/web]'],
  ['EniConfig', [{ apiVersion: 'crd.k8s.amazonaws.com/v1alpha1', kind: 'ENIConfig', metadata: { name: 'us-east-1a' }, spec: { subnet: 'subnet-0123456789abcdef0' } }],
    'K8S-IPV6-5[ENIConfig::us-east-1a]'],
  ['Lustre', [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'lustre' }, provisioner: 'fsx.csi.aws.com' }],
    'EKS-IPV6-12[StorageClass::lustre]'],
  ['AuthWithoutPublicIpv4', [ingress({
    ...DualStackIngress.annotations(),
    'alb.ingress.kubernetes.io/ip-address-type': 'dualstack-without-public-ipv4',
    'alb.ingress.kubernetes.io/auth-type': 'cognito',
  })], 'ELB-IPV6-3[Ingress::shop/web]'],
  ['NlbWithoutPublicIpv4', [service({ ...DualStackService.annotations(), 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack-without-public-ipv4' })],
    'ELB-IPV6-4[Service::shop/web]'],
];

/** The mistakes in CloudFormation resources: logical id and rule. */
const CFN_MISTAKES: Array<[string, string]> = [
  ['Fargate', 'EKS-IPV6-19[Subnet::V4OnlySubnet]'],
  ['AuthAlb', 'ELB-IPV6-3[Listener::AuthListener]'],
  ['PrivateNlb', 'ELB-IPV6-4[IpAddressType::dualstack-without-public-ipv4]'],
  ['QuicNlb', 'ELB-IPV6-5[Listener::QuicListener]'],
];

/** The rules of the Kubernetes layer and the load balancer facts this issue adds. */
const NEW_RULES = /^Ipv6Ready-(K8S-IPV6-\d+|EKS-IPV6-1[29]|ELB-IPV6-[345])\b/;

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-layer-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The plain aws-cdk-lib app, with every mistake; returns the cdk.out directory and the pack's findings. */
function synthApp(ipFamily: eks.IpFamily, outdir: string) {
  const app = nagApp({ outdir });
  const stack = new Stack(app, 'App');
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, natGateways: 1 });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.V1_33,
    ipFamily,
    vpc,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
    defaultCapacity: 0,
    albController: { version: eks.AlbControllerVersion.V2_8_2, additionalHelmChartValues: { defaultTargetType: 'ip' } },
    kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1') },
  });
  cluster.addNodegroupCapacity('Nodes', { amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD, instanceTypes: [new ec2.InstanceType('m6i.large')] });
  new eks.Addon(stack, 'VpcCni', { cluster, addonName: 'vpc-cni', configurationValues: { env: { ENABLE_PREFIX_DELEGATION: 'true' } } });
  for (const [id, objects] of K8S_MISTAKES) {
    cluster.addManifest(id, ...objects as any[]);
  }
  // Fargate on a subnet without IPv6; an authenticating ALB without public IPv4; an NLB without public IPv4; QUIC on a dual-stack NLB.
  const v4Only = new ec2.CfnSubnet(stack, 'V4OnlySubnet', { vpcId: vpc.vpcId, cidrBlock: '10.0.250.0/24' });
  new eks.CfnFargateProfile(stack, 'Fargate', {
    clusterName: cluster.clusterName,
    podExecutionRoleArn: 'arn:aws:iam::123456789012:role/pods',
    selectors: [{ namespace: 'batch' }],
    subnets: [v4Only.ref],
  });
  const subnets = vpc.publicSubnets.map(s => s.subnetId);
  const alb = new elbv2.CfnLoadBalancer(stack, 'AuthAlb', { ipAddressType: 'dualstack-without-public-ipv4', subnets });
  new elbv2.CfnListener(stack, 'AuthListener', {
    loadBalancerArn: alb.ref,
    port: 80,
    protocol: 'HTTP',
    defaultActions: [
      { type: 'authenticate-cognito', order: 1, authenticateCognitoConfig: { userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/p', userPoolClientId: 'c', userPoolDomain: 'd' } },
      { type: 'fixed-response', order: 2, fixedResponseConfig: { statusCode: '200' } },
    ],
  });
  new elbv2.CfnLoadBalancer(stack, 'PrivateNlb', { type: 'network', ipAddressType: 'dualstack-without-public-ipv4', subnets });
  const quic = new elbv2.CfnLoadBalancer(stack, 'QuicNlb', { type: 'network', ipAddressType: 'dualstack', subnets });
  new elbv2.CfnListener(stack, 'QuicListener', {
    loadBalancerArn: quic.ref,
    port: 443,
    protocol: 'QUIC',
    defaultActions: [{ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/q/0123456789abcdef' }],
  });
  const findings = nagFindings(app, new Ipv6ReadinessChecks(app));
  const logicalIds = new Map(K8S_MISTAKES.map(([id]) => [stack.resolve((cluster.node.findChild(`manifest-${id}`).node.defaultChild as any).logicalId), id]));
  return { findings, logicalIds };
}

/** `rule[part] @ manifest or resource id`, from a finding id, with the app's logical ids of manifests named by their mistake. */
const key = (ruleId: string, resource: string, logicalIds: Map<string, string>) =>
  `${ruleId.replace(/^Ipv6Ready-/, '')} @ ${logicalIds.get(resource) ?? resource}`;

function check(...args: string[]) {
  const out: string[] = [];
  const code = main(['check', '--format', 'json', ...args], line => out.push(line), line => out.push(line));
  return { code, findings: JSON.parse(out.join('\n')).findings as Array<{ ruleId: string; resource: string; template: string; level: string }> };
}

describe('the Kubernetes layer, as a plain aws-cdk-lib app writes it', () => {
  test('IPv6 cluster: every mistake is an error at synthesis; check finds the same on cdk.out, and on the objects as YAML with --ip-family ipv6', () => {
    const outdir = path.join(scratch, 'ipv6.out');
    const { findings, logicalIds } = synthApp(eks.IpFamily.IP_V6, outdir);
    const fromPack = findings.filter(f => NEW_RULES.test(f.ruleId)).map(f => key(f.ruleId, f.logicalId!, logicalIds)).sort();
    expect(fromPack).toEqual([
      ...K8S_MISTAKES.map(([id, , rule]) => `${rule} @ ${id}`),
      ...CFN_MISTAKES.map(([id, rule]) => `${rule} @ ${id}`),
    ].sort());
    expect(findings.filter(f => NEW_RULES.test(f.ruleId)).every(f => f.level === 'error')).toBe(true);

    // The same findings, every one of them (not only the new rules'), from the cloud assembly.
    const assembly = check(outdir);
    expect(assembly.findings.map(f => key(f.ruleId, f.resource, logicalIds)).sort())
      .toEqual(findings.filter(f => f.ruleId.startsWith('Ipv6Ready-')).map(f => key(f.ruleId, f.logicalId!, logicalIds)).sort());
    expect(assembly.code).toBe(1);

    // The same objects as plain YAML files, one per manifest.
    const dir = path.join(scratch, 'k8s');
    fs.mkdirSync(dir);
    for (const [id, objects] of K8S_MISTAKES) {
      fs.writeFileSync(path.join(dir, `${id}.yaml`), objects.map(o => jsYaml.dump(o)).join('---\n'));
    }
    const plain = check(dir, '--ip-family', 'ipv6');
    expect(plain.findings.map(f => `${f.ruleId.replace(/^Ipv6Ready-/, '')} @ ${path.basename(f.template, '.yaml')}`).sort())
      .toEqual(K8S_MISTAKES.map(([id, , rule]) => `${rule} @ ${id}`).sort());
    expect(plain.code).toBe(1);
  });

  test('IPv4 cluster: the same objects draw nothing from the cluster\'s facts; the load balancer facts stay, whatever the cluster', () => {
    const outdir = path.join(scratch, 'ipv4.out');
    const { findings, logicalIds } = synthApp(eks.IpFamily.IP_V4, outdir);
    expect(findings.filter(f => NEW_RULES.test(f.ruleId)).map(f => key(f.ruleId, f.logicalId!, logicalIds)).sort()).toEqual([
      'ELB-IPV6-3[Ingress::shop/web] @ AuthWithoutPublicIpv4',
      'ELB-IPV6-3[Listener::AuthListener] @ AuthAlb',
      'ELB-IPV6-4[IpAddressType::dualstack-without-public-ipv4] @ PrivateNlb',
      'ELB-IPV6-4[Service::shop/web] @ NlbWithoutPublicIpv4',
      'ELB-IPV6-5[Listener::QuicListener] @ QuicNlb',
    ]);
    const dir = path.join(scratch, 'k8s');
    expect(check(dir, '--ip-family', 'ipv4').findings.map(f => f.ruleId.replace(/\[.*/, '')).sort()).toEqual(['Ipv6Ready-ELB-IPV6-3', 'Ipv6Ready-ELB-IPV6-4']);
  });
});

describe('our own constructs pass the Kubernetes layer\'s rules', () => {
  test('DualStackService and DualStackIngress objects, DualStackApplicationLoadBalancedService and DualStackNetworkLoadBalancedService on an Ipv6EksCluster', () => {
    const app = nagApp();
    const stack = new Stack(app, 'Ours');
    const vpc = new DualStackVpc(stack, 'Vpc');
    const kubernetes = new Ipv6EksCluster(stack, 'Kubernetes', {
      vpc,
      albController: { version: eks.AlbControllerVersion.V2_8_2 },
      kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1') },
    });
    for (const internetFacing of [false, true]) {
      kubernetes.cluster.addManifest(`Web${internetFacing}`,
        service(DualStackService.annotations({ internetFacing }), DualStackService.ipFamilies()),
        ingress(DualStackIngress.annotations({ internetFacing })),
      );
    }
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
    new DualStackApplicationLoadBalancedService(stack, 'Alb', { vpc, certificate, cluster: kubernetes.cluster, service: { name: 'web', port: 80 } });
    new DualStackNetworkLoadBalancedService(stack, 'Nlb', { vpc, certificate, cluster: kubernetes.cluster, service: { name: 'db' }, targetPort: 8443 });
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });

  test('the reference architecture', () => {
    const app = nagApp();
    new ReferenceArchitectureStack(app, 'Reference');
    expect(formatFindings(nagFindings(app, new Ipv6ReadinessChecks(app)))).toEqual('');
  });
});

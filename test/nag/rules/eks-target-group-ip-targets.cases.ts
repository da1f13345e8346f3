import { CustomResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-18';

/** An aws-eks-v2 cluster, a target group and a TargetGroupBinding manifest for it. */
function bound(targetType: elbv2.TargetType | undefined, ipFamily = eks.IpFamily.IP_V6) {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
  const cluster = new eks.Cluster(stack, 'C', {
    version: eks.KubernetesVersion.V1_33,
    ipFamily,
    vpc,
    kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1') },
  });
  const tg = new elbv2.CfnTargetGroup(stack, 'Tg', { protocol: 'HTTP', port: 80, targetType, vpcId: vpc.vpcId });
  binding(cluster, tg);
  return stack;
}

function binding(cluster: eks.ICluster, tg: elbv2.CfnTargetGroup, id = 'Binding') {
  cluster.addManifest(id, {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'TargetGroupBinding',
    metadata: { name: 'web', namespace: 'default' },
    spec: { serviceRef: { name: 'web', port: 80 }, targetGroupARN: tg.ref },
  });
}

describe('EKS-IPV6-18 target groups bound to IPv6 pods have target type ip (aws-eks-v2 manifests)', () => {
  test('Noncompliance 1: TargetType instance', () => {
    expect(findingsOf(bound(elbv2.TargetType.INSTANCE), ID)).toEqual(['Ipv6Ready-EKS-IPV6-18[TargetType::instance] @ Tg']);
  });

  test('Noncompliance 2: TargetType left out (CloudFormation default: instance)', () => {
    expect(findingsOf(bound(undefined), ID)).toEqual(['Ipv6Ready-EKS-IPV6-18[TargetType::instance] @ Tg']);
  });

  test('Compliance: TargetType ip; an instance target group on an IPv4 cluster; an instance target group that no binding refers to', () => {
    expect(findingsOf(bound(elbv2.TargetType.IP), ID)).toEqual([]);
    expect(findingsOf(bound(elbv2.TargetType.INSTANCE, eks.IpFamily.IP_V4), ID)).toEqual([]);
    const stack = newStack();
    new elbv2.CfnTargetGroup(stack, 'Tg', { protocol: 'HTTP', port: 80, targetType: 'instance', vpcId: 'vpc-0123456789abcdef0' });
    expect(findingsOf(stack, ID)).toEqual([]);
  });

  test('Cannot judge: a binding on a cluster the template does not define', () => {
    const stack: Stack = newStack();
    const tg = new elbv2.CfnTargetGroup(stack, 'Tg', { protocol: 'HTTP', port: 80, vpcId: 'vpc-0123456789abcdef0' });
    new CustomResource(stack, 'Binding', {
      serviceToken: 'arn:aws:lambda:us-east-1:123456789012:function:kubectl-provider',
      resourceType: 'Custom::AWSCDK-EKS-KubernetesResource',
      properties: {
        ClusterName: 'imported-cluster',
        Manifest: stack.toJsonString([{ apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', spec: { targetGroupARN: tg.ref } }]),
      },
    });
    expect(findingsOf(stack, ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-18] @ Tg']);
  });
});

import { CfnElement, CustomResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findingsOf, newStack } from '../support';

const ID = 'EKS-IPV6-13';

function v2Cluster(version: eksv2.AlbControllerVersion, ipFamily = eksv2.IpFamily.IP_V6) {
  const stack = newStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: false });
  const c = new eksv2.Cluster(stack, 'C', {
    version: eksv2.KubernetesVersion.V1_33,
    ipFamily,
    vpc,
    kubectlProviderOptions: { kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1') },
    albController: { version },
  });
  const chart = c.albController!.node.findChild('Resource').node.defaultChild as CfnElement;
  return { stack, chartId: stack.getLogicalId(chart) };
}

/** A Helm chart resource written by hand, as another tool would: the provider's service token is a literal ARN. */
function helmChart(props: { [name: string]: unknown }, clusterName?: string) {
  const stack = newStack();
  const c = new eks.CfnCluster(stack, 'Cluster', {
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    resourcesVpcConfig: { subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] },
    kubernetesNetworkConfig: { ipFamily: 'ipv6' },
  });
  new CustomResource(stack, 'Chart', {
    serviceToken: 'arn:aws:lambda:us-east-1:123456789012:function:kubectl-provider',
    resourceType: 'Custom::AWSCDK-EKS-HelmChart',
    properties: { ClusterName: clusterName ?? c.ref, Release: 'lbc', Namespace: 'kube-system', Repository: 'https://aws.github.io/eks-charts', ...props },
  });
  return stack;
}

describe('EKS-IPV6-13 AWS Load Balancer Controller v2.3.1 or later (aws-eks-v2 AlbController and Helm chart resources)', () => {
  test('Noncompliance 1: aws-eks-v2 AlbControllerVersion.V2_2_4 (chart 1.4.1, image pinned to v2.2.4)', () => {
    const { stack, chartId } = v2Cluster(eksv2.AlbControllerVersion.V2_2_4);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-13 @ ${chartId}`]);
  });

  test('Noncompliance 2: chart 1.3.2 (controller v2.3.0) without an image tag', () => {
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller', Version: '1.3.2' }), ID)).toEqual(['Ipv6Ready-EKS-IPV6-13 @ Chart']);
  });

  test('Compliance: aws-eks-v2 V2_3_1 and V2_8_2; chart 1.3.3; no chart version; other charts; an IPv4 cluster with V2_2_4', () => {
    expect(findingsOf(v2Cluster(eksv2.AlbControllerVersion.V2_3_1).stack, ID)).toEqual([]);
    expect(findingsOf(v2Cluster(eksv2.AlbControllerVersion.V2_8_2).stack, ID)).toEqual([]);
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller', Version: '1.3.3' }), ID)).toEqual([]);
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller' }), ID)).toEqual([]);
    expect(findingsOf(helmChart({ Chart: 'cert-manager', Version: '1.0.0' }), ID)).toEqual([]);
    expect(findingsOf(v2Cluster(eksv2.AlbControllerVersion.V2_2_4, eksv2.IpFamily.IP_V4).stack, ID)).toEqual([]);
  });

  test('Noncompliance 3: a new chart whose image tag pins an old controller', () => {
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller', Version: '1.8.0', Values: JSON.stringify({ image: { tag: 'v2.2.0' } }) }), ID))
      .toEqual(['Ipv6Ready-EKS-IPV6-13 @ Chart']);
  });

  test('Cannot judge: an old controller on a cluster the template does not define; an image tag that is not a version', () => {
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller', Version: '1.2.7' }, 'imported-cluster'), ID))
      .toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-13] @ Chart']);
    expect(findingsOf(helmChart({ Chart: 'aws-load-balancer-controller', Values: JSON.stringify({ image: { tag: 'latest' } }) }), ID))
      .toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-13] @ Chart']);
  });
});

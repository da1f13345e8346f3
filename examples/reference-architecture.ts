import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { DualStackIngress, DualStackMskCluster, DualStackService, DualStackVpc, Ipv6EksCluster } from '../lib';

/**
 * The reference architecture: an IPv6-ready network for streaming (MSK) and Kubernetes (EKS).
 *
 * Environment-agnostic on purpose: it synthesizes with no AWS account and no context lookups.
 */
export class ReferenceArchitectureStack extends Stack {
  public readonly vpc: DualStackVpc;
  public readonly kafka: DualStackMskCluster;
  public readonly kubernetes: Ipv6EksCluster;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.vpc = new DualStackVpc(this, 'Vpc');

    // IAM authentication only, TLS only, dual-stack: brokers on 9098 (IPv4) and 20098 (IPv6).
    this.kafka = new DualStackMskCluster(this, 'Kafka', { vpc: this.vpc, outputs: true });

    // IPv6 pods on a managed node group of Nitro instances; the VPC CNI with prefix delegation; the
    // AWS Load Balancer Controller for the dual-stack ingress below (a Helm chart: kubectl needed).
    this.kubernetes = new Ipv6EksCluster(this, 'Kubernetes', {
      vpc: this.vpc,
      outputs: true,
      albController: { version: eks.AlbControllerVersion.V2_17_1 },
      kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(this, 'Kubectl') },
    });

    // Pods reach the brokers over IPv6 (20098) and IPv4 (9098), from the cluster's security group,
    // and the `orders` service account may read and write its topics through EKS Pod Identity.
    this.kafka.connections.allowDefaultPortFrom(this.kubernetes, 'EKS pods');
    const orders = this.kubernetes.addPodIdentityRole('OrdersService', { namespace: 'orders', serviceAccount: 'orders' });
    this.kafka.grantReadTopic(orders, 'orders', 'orders-service');
    this.kafka.grantWriteTopic(orders, 'orders');
    this.kafka.grantBootstrapBrokers(orders);

    this.addDualStackIngressSample();
  }

  /**
   * One name for IPv4 and IPv6 clients: an internet-facing dual-stack ALB (A and AAAA records) in
   * front of IPv6 pods in IP target mode. The service itself is IPv6-only, as every service of an
   * IPv6 cluster; the load balancer is what speaks both families.
   */
  private addDualStackIngressSample(): void {
    // The controller places internet-facing load balancers in the subnets tagged for them.
    for (const subnet of this.vpc.publicSubnets) {
      Tags.of(subnet).add('kubernetes.io/role/elb', '1');
    }
    const app = { app: 'hello' };
    const metadata = { name: 'hello', namespace: 'default', labels: app };
    this.kubernetes.cluster.addManifest('DualStackIngressSample',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
          replicas: 2,
          selector: { matchLabels: app },
          template: {
            metadata: { labels: app },
            spec: { containers: [{ name: 'hello', image: 'public.ecr.aws/nginx/nginx:stable', ports: [{ containerPort: 80 }] }] },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: { ...DualStackService.ipFamilies(), selector: app, ports: [{ port: 80, targetPort: 80 }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { ...metadata, annotations: DualStackIngress.annotations({ internetFacing: true }) },
        spec: {
          ingressClassName: 'alb',
          rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 80 } } } }] } }],
        },
      },
    );
  }
}

import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DualStackMskCluster, DualStackVpc, Ipv6EksCluster } from '../lib';

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

    // IPv6 pods on a managed node group of Nitro instances; the VPC CNI with prefix delegation.
    this.kubernetes = new Ipv6EksCluster(this, 'Kubernetes', { vpc: this.vpc, outputs: true });

    // Pods reach the brokers over IPv6 (20098) and IPv4 (9098), from the cluster's security group,
    // and the `orders` service account may read and write its topics through EKS Pod Identity.
    this.kafka.connections.allowDefaultPortFrom(this.kubernetes, 'EKS pods');
    const orders = this.kubernetes.addPodIdentityRole('OrdersService', { namespace: 'orders', serviceAccount: 'orders' });
    this.kafka.grantReadTopic(orders, 'orders', 'orders-service');
    this.kafka.grantWriteTopic(orders, 'orders');
    this.kafka.grantBootstrapBrokers(orders);
  }
}

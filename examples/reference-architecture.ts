import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { DualStackApplicationLoadBalancedService, DualStackIngress, DualStackMskCluster, DualStackService, DualStackVpc, Ipv6EksCluster } from '../lib';

/**
 * Context of the dual-stack entry point (`cdk synth -c hostedZoneId=Z... -c zoneName=example.com`):
 * with a hosted zone, the app creates an ACM certificate validated through it and alias A and AAAA
 * records `hello.<zone>`; without one, the HTTPS listener uses the certificate `certificateArn`.
 * Both read context only: no lookup, no account.
 */
export const INGRESS_CONTEXT = { hostedZoneId: 'hostedZoneId', zoneName: 'zoneName', certificateArn: 'certificateArn' } as const;

/**
 * `cdk synth -c autoMode=true`: the same architecture on an EKS Auto Mode cluster (compute, block
 * storage and load balancing run by EKS; no node group, no add-on, no Load Balancer Controller).
 */
export const AUTO_MODE_CONTEXT = 'autoMode';

/** A placeholder for `certificateArn`: it synthesizes; deploying needs a real certificate of the region. */
const PLACEHOLDER_CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

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
    // The clusters' subnets, pinned to today's zones: a zone added to the VPC later adds subnets
    // there, and moves (replaces) neither cluster.
    const clusterSubnets = { subnetGroupName: 'Private', availabilityZones: this.vpc.availabilityZones.slice(0, 2) };

    // IAM authentication only, TLS only, dual-stack: brokers on 9098 (IPv4) and 20098 (IPv6).
    this.kafka = new DualStackMskCluster(this, 'Kafka', { vpc: this.vpc, vpcSubnets: clusterSubnets, outputs: true });

    const autoMode = String(this.node.tryGetContext(AUTO_MODE_CONTEXT) ?? 'false') === 'true';
    // IPv6 pods on a managed node group of Nitro instances; the VPC CNI with prefix delegation; the
    // AWS Load Balancer Controller for the dual-stack ingress below (a Helm chart: kubectl needed).
    // With autoMode, EKS Auto Mode runs the nodes (a /80 IPv6 prefix each), networking and load balancing.
    this.kubernetes = new Ipv6EksCluster(this, 'Kubernetes', {
      vpc: this.vpc,
      vpcSubnets: [clusterSubnets],
      outputs: true,
      ...autoMode
        ? { defaultCapacityType: eks.DefaultCapacityType.AUTOMODE }
        : { albController: { version: eks.AlbControllerVersion.V2_17_1 }, defaultNodegroup: { subnets: clusterSubnets } },
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
   * One name for IPv4 and IPv6 clients: a dual-stack ALB (A and AAAA records) that CloudFormation
   * owns, HTTPS, in front of IPv6 pods in IP target mode. The service itself is IPv6-only, as every
   * service of an IPv6 cluster; the load balancer is what speaks both families. The Load Balancer
   * Controller only registers the pods' addresses (a TargetGroupBinding).
   */
  private addDualStackIngressSample(): void {
    const app = { app: 'hello' };
    const metadata = { name: 'hello', namespace: 'default', labels: app };
    const workload = this.kubernetes.cluster.addManifest('DualStackIngressSample',
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
    );

    if (this.kubernetes.autoMode) {
      this.addAutoModeIngress(workload);
      return;
    }

    const hostedZoneId: string | undefined = this.node.tryGetContext(INGRESS_CONTEXT.hostedZoneId);
    const zoneName: string | undefined = this.node.tryGetContext(INGRESS_CONTEXT.zoneName);
    const hostedZone = hostedZoneId !== undefined && zoneName !== undefined
      ? route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', { hostedZoneId, zoneName })
      : undefined;
    const certificate = hostedZone !== undefined
      ? new acm.Certificate(this, 'Certificate', { domainName: `hello.${zoneName}`, validation: acm.CertificateValidation.fromDns(hostedZone) })
      : acm.Certificate.fromCertificateArn(this, 'Certificate', this.node.tryGetContext(INGRESS_CONTEXT.certificateArn) ?? PLACEHOLDER_CERTIFICATE_ARN);
    const entry = new DualStackApplicationLoadBalancedService(this, 'Hello', {
      vpc: this.vpc,
      certificate,
      cluster: this.kubernetes.cluster,
      service: { name: 'hello', port: 80 },
      hostedZone,
      recordName: hostedZone !== undefined ? 'hello' : undefined,
      outputs: true,
    });
    // The binding names the Service, which must exist first.
    entry.targetGroupBinding!.node.addDependency(workload);
  }

  /**
   * On EKS Auto Mode, EKS runs the load balancer: a Kubernetes Ingress of an IngressClass whose
   * controller is `eks.amazonaws.com/alb`, with dual-stack parameters, in front of the same IPv6
   * pods (IP targets, Auto Mode's default). The entry point constructs need the self-managed Load
   * Balancer Controller's TargetGroupBinding, which Auto Mode does not serve under that API group.
   */
  private addAutoModeIngress(workload: Construct): void {
    const certificateArn: string = this.node.tryGetContext(INGRESS_CONTEXT.certificateArn) ?? PLACEHOLDER_CERTIFICATE_ARN;
    const ingress = this.kubernetes.cluster.addManifest('DualStackAutoModeIngress',
      ...DualStackIngress.autoModeIngressClass('dual-stack-alb', { internetFacing: true }),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'hello',
          namespace: 'default',
          annotations: {
            ...DualStackIngress.annotations({ internetFacing: true }),
            'alb.ingress.kubernetes.io/certificate-arn': certificateArn,
            'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
          },
        },
        spec: {
          ingressClassName: 'dual-stack-alb',
          rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 80 } } } }] } }],
        },
      },
    );
    ingress.node.addDependency(workload);
  }
}

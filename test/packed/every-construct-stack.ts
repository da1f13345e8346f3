/**
 * Every construct of the library in one stack, as a user's app writes it: imported from
 * 'cdk-ipv6-ready', which is the packed tarball in the smoke test (`test/packed/run.sh`) and lib/
 * in the unit test (a path mapping of test/tsconfig.json and jest).
 *
 * The only acknowledgements here are on resources this stack makes itself (the IPv4 legacy VPC and
 * cluster being migrated); whatever the library makes must pass the packs on its own.
 */
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { migrateLegacyVpcAndKafka } from '../support/migration';
import {
  DualStackApplicationLoadBalancedService, DualStackIngress, DualStackMskCluster, DualStackMskServerlessCluster, DualStackNetworkLoadBalancedService,
  DualStackService, DualStackVpc, Ipv6EksCluster, MskDualStackSwitch, MskListener,
} from 'cdk-ipv6-ready';

export class EveryConstructStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const vpc = new DualStackVpc(this, 'Vpc');
    vpc.addInterfaceEndpoint('Sts', { service: ec2.InterfaceVpcEndpointAwsService.STS });
    // As another stack's VPC would be imported (here from this one's values, so the packs can follow them).
    const imported = DualStackVpc.fromDualStackVpcAttributes(this, 'Imported', {
      vpcId: vpc.vpcId,
      availabilityZones: vpc.availabilityZones,
      vpcCidrBlock: vpc.vpcCidrBlock,
      vpcIpv6CidrBlock: vpc.vpcIpv6CidrBlock,
      privateSubnetIds: vpc.privateSubnets.map(s => s.subnetId),
      privateSubnetRouteTableIds: vpc.privateSubnets.map(s => s.routeTable.routeTableId),
      privateSubnetIpv6CidrBlocks: vpc.privateSubnets.map(s => vpc.ipv6CidrBlockOf(s)),
    });

    const kafka = new DualStackMskCluster(this, 'Kafka', { vpc, outputs: true });
    const serverless = new DualStackMskServerlessCluster(this, 'Serverless', { vpc: imported, outputs: true });
    new MskDualStackSwitch(this, 'ByArn', {
      clusterArn: 'arn:aws:kafka:us-east-1:111111111111:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2',
      requiredListeners: [MskListener.SASL_IAM],
    });

    const kubernetes = new Ipv6EksCluster(this, 'Kubernetes', {
      vpc,
      outputs: true,
      albController: { version: eks.AlbControllerVersion.V2_17_1 },
      kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(this, 'Kubectl') },
    });
    kubernetes.addNodegroup('Graviton', { instanceTypes: [new ec2.InstanceType('m7g.large')] });
    kubernetes.addFargateProfile('Batch', { selectors: [{ namespace: 'batch' }] });
    kubernetes.addSelfManagedNodes('SelfManaged', { instanceType: new ec2.InstanceType('m7i.large') });
    kafka.connections.allowDefaultPortFrom(kubernetes, 'pods');
    serverless.connections.allowDefaultPortFrom(kubernetes, 'pods');
    const orders = kubernetes.addPodIdentityRole('Orders', { namespace: 'orders', serviceAccount: 'orders' });
    kafka.grantReadTopic(orders, 'orders', 'orders-service');
    kafka.grantWriteTopic(orders, 'orders');
    kafka.grantBootstrapBrokers(orders);
    serverless.grantWriteTopic(orders, 'events');
    kubernetes.cluster.addManifest('Ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'default', annotations: DualStackIngress.annotations({ internetFacing: true }) },
      spec: { ingressClassName: 'alb', defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    }, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-nlb', namespace: 'default', annotations: DualStackService.annotations({ internetFacing: false }) },
      spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443 }] },
    });

    // Entry points owned by CloudFormation, bound to the same Service.
    const certificate = acm.Certificate.fromCertificateArn(this, 'Certificate',
      'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
    const web = { vpc, certificate, cluster: kubernetes.cluster, service: { name: 'web' }, hostedZone };
    new DualStackApplicationLoadBalancedService(this, 'Web', { ...web, recordName: 'web', outputs: true });
    new DualStackNetworkLoadBalancedService(this, 'Tls', { ...web, recordName: 'tls', internetFacing: false });

    // The migration of an existing IPv4 network and cluster, which this app owns and acknowledges.
    const migration = new Construct(this, 'Migration');
    const { legacy, cluster } = migrateLegacyVpcAndKafka(migration);
    // A new IPv6 cluster on EKS Auto Mode in the VPC that Ipv6Upgrade made dual-stack (found by the cluster).
    new Ipv6EksCluster(migration, 'Eks', { vpc: legacy, defaultCapacityType: eks.DefaultCapacityType.AUTOMODE });
    Validations.of(legacy).acknowledge({ id: 'AwsSolutions::AwsSolutions-VPC7', reason: 'The smoke test\'s own legacy VPC, there to be migrated.' });
    Validations.of(cluster).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-MSK6', reason: 'The smoke test\'s own legacy cluster, there to be migrated; broker logs are not what it tests.' },
    );
  }
}

/**
 * The reference architecture written with plain aws-cdk-lib, as a careful user would without this
 * library: the benchmark's baseline (see bench/README.md). Not part of the published package.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/baseline-app.ts   (CDK_OUTDIR=... to choose the output)
 *
 * Same topology as examples/reference-architecture.ts: a dual-stack VPC over two AZs (public and
 * private subnets, NAT gateways, an egress-only internet gateway, flow logs, S3 and DynamoDB
 * gateway endpoints, the default security group locked down); an MSK provisioned cluster with IAM
 * authentication created IPv4 and switched to dual-stack by UpdateConnectivity (the create API
 * rejects DUAL), waiting until the switch is done; an EKS cluster on IPv6 with the vpc-cni,
 * coredns, kube-proxy and pod identity add-ons and a managed node group; the VPC's IPv4 and IPv6
 * ranges (the EKS pods included) allowed to the brokers; the AWS Load Balancer Controller and a
 * dual-stack entry point (ALB, HTTPS, IPv6 IP targets through a TargetGroupBinding) and encrypted log groups.
 */
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { App, AppProps, CfnOutput, CustomResource, Duration, Fn, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export class BaselineArchitectureStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---- Network -------------------------------------------------------------------------------
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      maxAzs: 2,
      natGateways: 2,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 },
        // Dual-stack private subnets: IPv4 egress through NAT, IPv6 egress through the
        // egress-only internet gateway (aws-cdk-lib adds the ::/0 route for DUAL_STACK VPCs).
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
      flowLogs: {
        FlowLogs: {
          trafficType: ec2.FlowLogTrafficType.ALL,
          destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogsGroup', { encryptionKey: logKey(this, 'FlowLogsKey') })),
        },
      },
    });
    const vpcIpv6Cidr = Fn.select(0, vpc.vpcIpv6CidrBlocks);
    const privateSubnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });

    // ---- MSK (provisioned, IAM auth, created IPv4 then switched to DUAL) -----------------------
    const brokerGroup = new ec2.SecurityGroup(this, 'MskBrokers', {
      vpc,
      description: 'MSK brokers',
      allowAllOutbound: false,
    });
    // IAM auth: 9098 for IPv4 clients, 20098 for the bi6- IPv6 bootstrap brokers.
    brokerGroup.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(9098), 'IPv4 clients, IAM');
    brokerGroup.addIngressRule(ec2.Peer.ipv6(vpcIpv6Cidr), ec2.Port.tcp(20098), 'IPv6 clients (EKS pods), IAM');
    const brokerLogs = new logs.LogGroup(this, 'MskBrokerLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: logKey(this, 'MskBrokerLogsKey'),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const cluster = new msk.CfnCluster(this, 'Msk', {
      clusterName: `${this.stackName}-msk`.slice(0, 64),
      kafkaVersion: '3.8.x',
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: {
        instanceType: 'kafka.m7g.large',
        clientSubnets: privateSubnets.subnetIds,
        securityGroups: [brokerGroup.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: 100 } },
        // The create API rejects DUAL: created IPv4, switched below.
        connectivityInfo: { networkType: 'IPV4' },
      },
      clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } },
      encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS', inCluster: true } },
      loggingInfo: {
        brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: brokerLogs.logGroupName } },
      },
      enhancedMonitoring: 'PER_BROKER',
    });

    // UpdateConnectivity to DUAL, and wait until the cluster is ACTIVE again: a Provider with an
    // isComplete handler (AwsCustomResource would return before the brokers have IPv6).
    // Scoped by name, not by the cluster's ARN attribute: the provider's functions and roles are
    // then created while the cluster is, not after it.
    const kafkaPolicy = new iam.PolicyStatement({
      actions: ['kafka:UpdateConnectivity', 'kafka:DescribeClusterV2', 'kafka:DescribeCluster'],
      resources: [this.formatArn({ service: 'kafka', resource: 'cluster', resourceName: `${cluster.clusterName}/*` })],
    });
    const ec2Policy = new iam.PolicyStatement({
      // UpdateConnectivity checks the subnets and updates the brokers' network interfaces.
      actions: ['ec2:DescribeSubnets', 'ec2:DescribeNetworkInterfaces', 'ec2:AssignIpv6Addresses', 'ec2:ModifyVpcEndpoint'],
      resources: ['*'],
    });
    const onEvent = new lambda.Function(this, 'MskDualStackOnEvent', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      timeout: Duration.minutes(1),
      initialPolicy: [kafkaPolicy, ec2Policy],
      code: lambda.Code.fromInline(`
const { KafkaClient, DescribeClusterV2Command, UpdateConnectivityCommand } = require('@aws-sdk/client-kafka');
const kafka = new KafkaClient({});
exports.handler = async (event) => {
  const arn = event.ResourceProperties.ClusterArn;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const { ClusterInfo } = await kafka.send(new DescribeClusterV2Command({ ClusterArn: arn }));
  const current = ClusterInfo.Provisioned.BrokerNodeGroupInfo.ConnectivityInfo?.NetworkType;
  if (current !== 'DUAL') {
    await kafka.send(new UpdateConnectivityCommand({
      ClusterArn: arn, CurrentVersion: ClusterInfo.CurrentVersion,
      ConnectivityInfo: { NetworkType: 'DUAL' },
    }));
  }
  return { PhysicalResourceId: arn + '/dual-stack' };
};`),
    });
    const isComplete = new lambda.Function(this, 'MskDualStackIsComplete', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      timeout: Duration.minutes(1),
      initialPolicy: [kafkaPolicy],
      code: lambda.Code.fromInline(`
const { KafkaClient, DescribeClusterV2Command } = require('@aws-sdk/client-kafka');
const kafka = new KafkaClient({});
exports.handler = async (event) => {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const { ClusterInfo } = await kafka.send(new DescribeClusterV2Command({ ClusterArn: event.ResourceProperties.ClusterArn }));
  const dual = ClusterInfo.Provisioned.BrokerNodeGroupInfo.ConnectivityInfo?.NetworkType === 'DUAL';
  return { IsComplete: dual && ClusterInfo.State === 'ACTIVE' };
};`),
    });
    const provider = new cr.Provider(this, 'MskDualStackProvider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.minutes(1),
      totalTimeout: Duration.hours(2),
      logGroup: new logs.LogGroup(this, 'MskDualStackProviderLogs', { encryptionKey: logKey(this, 'MskDualStackProviderLogsKey') }),
    });
    new CustomResource(this, 'MskDualStack', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::MskDualStack',
      properties: { ClusterArn: cluster.attrArn },
    });
    new CfnOutput(this, 'MskClusterArn', { value: cluster.attrArn });

    // ---- EKS on IPv6 ---------------------------------------------------------------------------
    const eksCluster = new eks.Cluster(this, 'Eks', {
      version: eks.KubernetesVersion.V1_33,
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      ipFamily: eks.IpFamily.IP_V6,
      endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE,
      // Managed node group below, and the networking add-ons managed as EKS add-ons.
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapSelfManagedAddons: false,
      clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR],
      // The AWS Load Balancer Controller for the dual-stack ingress sample (a Helm chart: kubectl).
      albController: { version: eks.AlbControllerVersion.V2_17_1, additionalHelmChartValues: { defaultTargetType: 'ip' } },
      kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(this, 'Kubectl') },
    });
    const podIdentityAgent = eksCluster.eksPodIdentityAgent!;

    // The IPv6 CNI policy (AmazonEKS_CNI_IPv6_Policy in the EKS user guide), given to aws-node by
    // pod identity rather than to every node.
    const cniRole = new iam.Role(this, 'VpcCniIpv6Role', {
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withSessionTags(),
      inlinePolicies: {
        Ipv6Cni: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['ec2:AssignIpv6Addresses', 'ec2:DescribeInstances', 'ec2:DescribeTags',
                'ec2:DescribeNetworkInterfaces', 'ec2:DescribeInstanceTypes'],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              actions: ['ec2:CreateTags'],
              resources: [this.formatArn({ service: 'ec2', resource: 'network-interface', resourceName: '*' })],
            }),
          ],
        }),
      },
    });
    const vpcCni = new eks.CfnAddon(this, 'VpcCni', {
      clusterName: eksCluster.clusterName,
      addonName: 'vpc-cni',
      resolveConflicts: 'OVERWRITE',
      podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: cniRole.roleArn }],
      configurationValues: JSON.stringify({
        env: { ENABLE_IPv6: 'true', ENABLE_IPv4: 'false', ENABLE_PREFIX_DELEGATION: 'true' },
      }),
    });
    vpcCni.node.addDependency(podIdentityAgent);
    const kubeProxy = new eks.CfnAddon(this, 'KubeProxy', {
      clusterName: eksCluster.clusterName,
      addonName: 'kube-proxy',
      resolveConflicts: 'OVERWRITE',
    });

    const nodegroup = eksCluster.addNodegroupCapacity('Default', {
      instanceTypes: [new ec2.InstanceType('m7g.large')],
      amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
      minSize: 2,
      desiredSize: 2,
      maxSize: 4,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    // Nodes join only once the CNI can give their pods IPv6 addresses.
    nodegroup.node.addDependency(vpcCni, kubeProxy);

    // CoreDNS needs nodes to schedule on.
    const coreDns = new eks.CfnAddon(this, 'CoreDns', {
      clusterName: eksCluster.clusterName,
      addonName: 'coredns',
      resolveConflicts: 'OVERWRITE',
    });
    coreDns.node.addDependency(nodegroup);
    new CfnOutput(this, 'EksClusterName', { value: eksCluster.clusterName });

    // The dual-stack entry point, as the reference architecture has it: an internet-facing
    // dual-stack ALB in the template, HTTPS (HTTP redirected), an IPv6 target group of IP targets
    // that the controller fills through a TargetGroupBinding, in front of an IPv6-only service.
    const labels = { app: 'hello' };
    const metadata = { name: 'hello', namespace: 'default', labels };
    const workload = eksCluster.addManifest('DualStackIngressSample',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'hello', image: 'public.ecr.aws/nginx/nginx:stable', ports: [{ containerPort: 80 }] }] } },
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata, spec: { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'], selector: labels, ports: [{ port: 80 }] } },
    );
    const albGroup = new ec2.SecurityGroup(this, 'HelloAlbSecurityGroup', { vpc, allowAllOutbound: false, description: 'Hello entry point' });
    for (const port of [443, 80]) {
      albGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port));
      albGroup.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(port));
    }
    albGroup.connections.allowTo(eksCluster.clusterSecurityGroup, ec2.Port.tcp(80), 'Hello pods');
    const alb = new elbv2.ApplicationLoadBalancer(this, 'HelloAlb', {
      vpc,
      internetFacing: true,
      ipAddressType: elbv2.IpAddressType.DUAL_STACK,
      securityGroup: albGroup,
      dropInvalidHeaderFields: true,
    });
    const targets = new elbv2.ApplicationTargetGroup(this, 'HelloTargets', {
      vpc,
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      ipAddressType: elbv2.TargetGroupIpAddressType.IPV6,
    });
    alb.addListener('Https', {
      port: 443,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000')],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultTargetGroups: [targets],
    });
    alb.addRedirect({ sourcePort: 80, targetPort: 443 });
    const binding = eksCluster.addManifest('HelloTargetGroupBinding', {
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { serviceRef: { name: 'hello', port: 80 }, targetGroupARN: targets.targetGroupArn, targetType: 'ip', ipAddressType: 'ipv6' },
    });
    binding.node.addDependency(workload);
    new CfnOutput(this, 'HelloDnsName', { value: alb.loadBalancerDnsName });
  }
}

/** A rotating key for one log group, usable by CloudWatch Logs in this account and region. */
function logKey(scope: Construct, id: string): kms.Key {
  const key = new kms.Key(scope, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}`));
  return key;
}

/** The baseline app; `baseline-with-packs-app.ts` adds the reference's cdk-nag packs to it. */
export function baselineApp(props?: AppProps): App {
  const app = new App(props);
  new BaselineArchitectureStack(app, 'Ipv6BaselineArchitecture', {
    description: 'Benchmark baseline: the reference architecture written with plain aws-cdk-lib',
  });
  return app;
}

if (require.main === module) {
  baselineApp().synth();
}

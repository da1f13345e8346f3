// DualStackApplicationLoadBalancedService in front of IPv6 pods of an Ipv6EksCluster, twice: a
// dualstack entry with alias A and AAAA records, and a dualstack-without-public-ipv4 entry (AAAA
// only), both bound to the same Service by TargetGroupBindings. Deployed, then:
//
//   elbv2:DescribeLoadBalancers -> IpAddressType dualstack, and dualstack-without-public-ipv4
//   elbv2:DescribeTargetHealth  -> a healthy target whose id is a pod's IPv6 address (registered by
//                                  the Load Balancer Controller through the TargetGroupBinding)
//   route53:ListResourceRecordSets -> the A and AAAA aliases (dualstack.<name>) of the first entry; AAAA only for the second
//
// The hosted zone and its name come from integ-runner's CDK_INTEG_HOSTED_ZONE_ID and
// CDK_INTEG_HOSTED_ZONE_NAME (a public zone of the test account); the certificate is validated in it.
// Expect about 40 minutes against a real account (cluster, nodes, controller, certificate).
import { AwsApiCall, ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { App, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { assertAtPath, EKS_TEST_CONTEXT, integStack, TEST_OPTIONS } from './support';
import { DualStackService, Ipv6EksCluster } from '../lib/eks';
import { DualStackApplicationLoadBalancedService } from '../lib/ingress';
import { DualStackVpc } from '../lib/vpc';

const app = new App({ context: EKS_TEST_CONTEXT });
const stack = integStack(app, 'DualStackApplicationLoadBalancedService', 'dual-stack-alb-service');
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME ?? 'example.com';
const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: process.env.CDK_INTEG_HOSTED_ZONE_ID ?? 'Z23ABC4XYZL05B',
  zoneName,
});

const vpc = new DualStackVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
const kubernetes = new Ipv6EksCluster(stack, 'Cluster', {
  vpc,
  albController: { version: eks.AlbControllerVersion.V2_17_1 },
  kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(stack, 'Kubectl') },
});
const labels = { app: 'hello' };
const workload = kubernetes.cluster.addManifest('Hello',
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hello', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'hello', image: 'public.ecr.aws/nginx/nginx:stable', ports: [{ containerPort: 80 }] }] } },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello', labels }, spec: { ...DualStackService.ipFamilies(), selector: labels, ports: [{ port: 80 }] } },
);
const certificate = new acm.Certificate(stack, 'Certificate', {
  domainName: `hello.${zoneName}`,
  subjectAlternativeNames: [`hello6.${zoneName}`],
  validation: acm.CertificateValidation.fromDns(hostedZone),
});
const common = { vpc, certificate, cluster: kubernetes.cluster, service: { name: 'hello' }, hostedZone };
const dualStack = new DualStackApplicationLoadBalancedService(stack, 'DualStack', { ...common, recordName: 'hello' });
const ipv6Public = new DualStackApplicationLoadBalancedService(stack, 'Ipv6Public', {
  ...common, recordName: 'hello6', ipAddressType: elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4,
});
for (const entry of [dualStack, ipv6Public]) {
  entry.targetGroupBinding!.node.addDependency(workload);
}

const integ = new IntegTest(app, 'DualStackApplicationLoadBalancedServiceTest', { testCases: [stack], ...TEST_OPTIONS });
const assertions = integ.assertions;
// The controller registers the pod after the binding applies, and the target turns healthy after its checks.
const wait = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) };

// integ-tests-alpha names the IAM action after the SDK client (elasticloadbalancingv2:...), which
// grants nothing: Elastic Load Balancing's IAM prefix is elasticloadbalancing (cfn-lint W3037).
function grantElbRead(call: IApiCall, action: string): void {
  const statement = { Effect: 'Allow', Action: [`elasticloadbalancing:${action}`], Resource: ['*'] };
  call.provider.addToRolePolicy(statement);
  if (call instanceof AwsApiCall) {
    call.waiterProvider?.addToRolePolicy(statement);
  }
}

for (const [entry, ipAddressType] of [[dualStack, 'dualstack'], [ipv6Public, 'dualstack-without-public-ipv4']] as const) {
  grantElbRead(assertAtPath(assertions, 'ElasticLoadBalancingV2', 'describeLoadBalancers', { LoadBalancerArns: [entry.loadBalancer.loadBalancerArn] },
    'LoadBalancers.0.IpAddressType', ExpectedResult.exact(ipAddressType)), 'DescribeLoadBalancers');
  const targetHealth = assertions.awsApiCall('ElasticLoadBalancingV2', 'describeTargetHealth', { TargetGroupArn: entry.targetGroup.targetGroupArn })
    .expect(ExpectedResult.objectLike({
      TargetHealthDescriptions: [Match.objectLike({
        // A pod's IPv6 address from the VPC's block: hexadecimal groups and colons.
        Target: Match.objectLike({ Id: Match.stringLikeRegexp('^[0-9a-f]{1,4}:[0-9a-f:]+$'), Port: 80 }),
        TargetHealth: Match.objectLike({ State: 'healthy' }),
      })],
    }))
    .waitForAssertions(wait);
  grantElbRead(targetHealth, 'DescribeTargetHealth');
}

const records = (name: string) => assertions.awsApiCall('Route53', 'listResourceRecordSets', {
  HostedZoneId: hostedZone.hostedZoneId, StartRecordName: `${name}.${zoneName}`, MaxItems: '3',
});
records('hello').expect(ExpectedResult.objectLike({
  ResourceRecordSets: Match.arrayWith([
    Match.objectLike({ Name: `hello.${zoneName}.`, Type: 'A', AliasTarget: Match.objectLike({ DNSName: Match.stringLikeRegexp('^dualstack\\.') }) }),
    Match.objectLike({ Name: `hello.${zoneName}.`, Type: 'AAAA', AliasTarget: Match.objectLike({ DNSName: Match.stringLikeRegexp('^dualstack\\.') }) }),
  ]),
}));
// Route 53 lists records by name, then type (A before AAAA): the first record of hello6 is its AAAA, so it has no A record.
for (const [path, value] of [['ResourceRecordSets.0.Name', `hello6.${zoneName}.`], ['ResourceRecordSets.0.Type', 'AAAA']]) {
  assertAtPath(assertions, 'Route53', 'listResourceRecordSets', { HostedZoneId: hostedZone.hostedZoneId, StartRecordName: `hello6.${zoneName}`, MaxItems: '1' },
    path, ExpectedResult.exact(value));
}

// Shared helpers for the integration tests in this directory. Not an `integ.*` file, so
// integ-runner does not take it for a test.
import {
  ExpectedResult, IApiCall, IDeployAssert, IntegTest, IntegTestCaseStack, IntegTestProps, Match, WaiterStateMachineOptions,
} from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicies, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Every stack an integration test deploys is named with this prefix, so leftovers are easy to find. */
export const STACK_NAME_PREFIX = 'cdk-ipv6-ready-integ';

/**
 * Options every test of this library uses.
 *
 * - `stackUpdateWorkflow: false`: integ-runner's update workflow first deploys the committed
 *   snapshot, which needs the snapshot's `asset.*` directories, and .gitignore keeps those out of
 *   the repository. Tests that must prove an in-place update model it explicitly with
 *   `upgradeTest` below.
 * - `diffAssets: true`: the snapshot check compares asset hashes too (every asset here is
 *   a prebuilt handler bundle from aws-cdk-lib or integ-tests-alpha, so its hash is
 *   deterministic). A changed handler is a changed snapshot.
 */
export const TEST_OPTIONS = { stackUpdateWorkflow: false, diffAssets: true } as const;

/**
 * A stack for one integration test, environment-agnostic (integ-runner picks the region), named
 * `cdk-ipv6-ready-integ-<name>`. Everything in it is deleted with it, log groups included.
 */
export function integStack(app: App, id: string, name: string): Stack {
  const stack = new Stack(app, id, integStackProps(name));
  removeEverythingOnDelete(stack);
  return stack;
}

/**
 * The props `integStack` gives its stack, for a test of a stack class of its own (an example
 * architecture): `new MyStack(app, 'Id', integStackProps('<kebab-name>'))`, then
 * `removeEverythingOnDelete(stack)`.
 */
export function integStackProps(name: string): StackProps {
  return { stackName: `${STACK_NAME_PREFIX}-${name}` };
}

/**
 * Sets every resource of the stack to be deleted with it, whatever removal policy its construct
 * chose (log groups, MSK clusters and KMS keys default to RETAIN). `integStack` does it for you.
 */
export function removeEverythingOnDelete(stack: Stack) {
  // DualStackVpc retains its flow-log group by default; a test account should not collect them.
  RemovalPolicies.of(stack).destroy();
}

/**
 * Context for a test app with an EKS cluster: integ-runner's recommended feature flags (what the
 * snapshot check synthesizes with) predate `@aws-cdk/aws-eks:defaultToAL2023`, which new CDK apps
 * have on. Without it aws-eks-v2 gives a managed node group without `amiType` the `AL2_*` AMI
 * type, which EKS does not offer for Kubernetes 1.33 and later (Ipv6EksCluster's default is 1.37),
 * so the node group would fail to create. `new App({ context: EKS_TEST_CONTEXT })`.
 */
export const EKS_TEST_CONTEXT: Readonly<Record<string, unknown>> = { '@aws-cdk/aws-eks:defaultToAL2023': true };

/** What `upgradeTest` builds and returns. */
export interface UpgradeTest<T> {
  /** The test; `integ.assertions` run after the second phase, against the upgraded stack. */
  readonly integ: IntegTest;
  /** Phase one: the stack as it is before the upgrade. */
  readonly before: Stack;
  /** Phase two: the same CloudFormation stack with the upgrade. */
  readonly after: Stack;
  /** What `build` returned for phase one. */
  readonly beforeParts: T;
  /** What `build` returned for phase two. */
  readonly afterParts: T;
}

/**
 * An integration test of an in-place upgrade: a construct that changes an existing stack (an
 * IPv4 VPC, an IPv4 MSK cluster) must be tested as a stack UPDATE, not on a fresh deployment.
 *
 * `build` is called twice, with `upgraded` false and true, on two stacks of this app that have
 * the same CloudFormation stack name and the same construct ids, so the same logical ids:
 *
 * 1. Test case 1 (the IntegTest's default case) deploys the `before` stack and is not destroyed
 *    (`cdkCommandOptions.destroy.enabled: false`).
 * 2. Test case 2 (an `IntegTestCaseStack`) deploys the `after` stack, which CloudFormation
 *    applies as an update of the stack test case 1 left; then its assertions run, and the stacks
 *    are destroyed.
 *
 * integ-runner runs a test file's cases one after another in the order of `integ.json`, which is
 * the default case first (see `IntegTest` in integ-tests-alpha and `integTestWorker` in
 * integ-runner). Both phases are synthesized by the same integ-runner run with the same context
 * (feature flags), so the only difference between them is what `upgraded` changes.
 */
export function upgradeTest<T>(app: App, id: string, name: string, build: (stack: Stack, upgraded: boolean) => T,
  options: Pick<IntegTestProps, 'regions'> = {}): UpgradeTest<T> & { readonly assertions: IDeployAssert } {
  const stackName = `${STACK_NAME_PREFIX}-${name}`;
  const before = new Stack(app, `${id}Before`, { stackName });
  removeEverythingOnDelete(before);
  const beforeParts = build(before, false);

  const after = new IntegTestCaseStack(app, `${id}After`, { stackName, ...TEST_OPTIONS, ...options });
  removeEverythingOnDelete(after);
  const afterParts = build(after, true);

  const integ = new IntegTest(app, id, {
    testCases: [before, after],
    ...TEST_OPTIONS,
    ...options,
    // Leave phase one deployed: phase two updates it. Phase two's destroy removes every stack.
    cdkCommandOptions: { destroy: { enabled: false } },
  });
  // The assertions of a case are deployed from the case's own assertion stack. An
  // IntegTestCaseStack's public `assertions` property makes a second, separate DeployAssert stack
  // that integ-runner never deploys (integ-tests-alpha 2.245), so use the test case's.
  const assertions = (after as unknown as { _testCase: { assertions: IDeployAssert } })._testCase.assertions;
  return { integ, before, after, beforeParts, afterParts, assertions };
}

/** `DescribeVpcs`: the VPC has exactly one IPv6 block, a /56, and it is associated. */
export function assertVpcHasIpv6(assertions: IDeployAssert, vpcId: string) {
  assertions.awsApiCall('EC2', 'describeVpcs', { VpcIds: [vpcId] }).expect(ExpectedResult.objectLike({
    Vpcs: [Match.objectLike({
      VpcId: vpcId,
      Ipv6CidrBlockAssociationSet: [Match.objectLike({
        Ipv6CidrBlock: Match.stringLikeRegexp('::/56$'),
        Ipv6CidrBlockState: { State: 'associated' },
      })],
    })],
  }));
}

/**
 * `DescribeSubnets`, one call per subnet (the response order is not the request order): the
 * subnet has an associated IPv6 /64 (`expectedIpv6CidrBlock` when given) and gives new network
 * interfaces an IPv6 address.
 */
export function assertSubnetsHaveIpv6(assertions: IDeployAssert, subnets: ec2.ISubnet[], expectedIpv6CidrBlock?: (subnet: ec2.ISubnet) => string) {
  for (const subnet of subnets) {
    assertions.awsApiCall('EC2', 'describeSubnets', { SubnetIds: [subnet.subnetId] }).expect(ExpectedResult.objectLike({
      Subnets: [Match.objectLike({
        SubnetId: subnet.subnetId,
        AssignIpv6AddressOnCreation: true,
        Ipv6CidrBlockAssociationSet: [Match.objectLike({
          Ipv6CidrBlock: expectedIpv6CidrBlock?.(subnet) ?? Match.stringLikeRegexp('::/64$'),
          Ipv6CidrBlockState: { State: 'associated' },
        })],
      })],
    }));
  }
}

/** Where a route table's `::/0` must go. */
export type Ipv6DefaultRouteTarget = { readonly egressOnlyInternetGatewayId: string } | { readonly internetGatewayId: string };

/**
 * `DescribeRouteTables`, one call per route table: an active `::/0` route to the given gateway.
 * Route tables shared by several subnets are checked once.
 */
export function assertIpv6DefaultRoutes(assertions: IDeployAssert, subnets: ec2.ISubnet[], target: Ipv6DefaultRouteTarget) {
  const route = 'egressOnlyInternetGatewayId' in target
    ? { EgressOnlyInternetGatewayId: target.egressOnlyInternetGatewayId }
    : { GatewayId: target.internetGatewayId };
  const tables = [...new Set(subnets.map(s => s.routeTable.routeTableId))];
  for (const routeTableId of tables) {
    assertions.awsApiCall('EC2', 'describeRouteTables', { RouteTableIds: [routeTableId] }).expect(ExpectedResult.objectLike({
      RouteTables: [Match.objectLike({
        RouteTableId: routeTableId,
        Routes: Match.arrayWith([Match.objectLike({ DestinationIpv6CidrBlock: '::/0', State: 'active', ...route })]),
      })],
    }));
  }
}

/**
 * One value of a large response: `awsApiCall(...).assertAtPath(path, expected)`. The assertion
 * custom resource returns the whole response to CloudFormation, which rejects a response over
 * 4 KB ("Response object is too long"); `assertAtPath` returns only the value at `path` (a leaf:
 * the response is flattened, array indexes as path parts, e.g. `Reservations.0.Instances.0`, and
 * a string that is JSON text is parsed first, so `"true"` arrives as `true`).
 * Use it for EKS `DescribeCluster` (the certificate authority alone is about 1.5 KB), EC2
 * `DescribeInstances`, and MSK `DescribeClusterV2` of a provisioned cluster (about 3 KB); use
 * `expect(ExpectedResult.objectLike(...))` for small responses.
 */
export function assertAtPath(assertions: IDeployAssert, service: string, api: string, parameters: Record<string, unknown>,
  path: string, expected: ExpectedResult, wait?: WaiterStateMachineOptions): IApiCall {
  const call = assertions.awsApiCall(service, api, parameters).assertAtPath(path, expected);
  return wait === undefined ? call : call.waitForAssertions(wait);
}

/** What the MSK assertions read of a `DualStackMskCluster` or a `DualStackMskServerlessCluster`. */
export interface DualStackMskClusterUnderTest {
  readonly clusterArn: string;
  /** The custom resource's IPv4 SASL/IAM bootstrap broker string. */
  readonly bootstrapBrokersIpv4: string;
  /** The custom resource's IPv6 SASL/IAM bootstrap broker string. */
  readonly bootstrapBrokersIpv6: string;
}

/**
 * An MSK cluster with SASL/IAM clients is dual-stack, as MSK itself reports it:
 *
 * - `DescribeClusterV2`: `State` `ACTIVE`, and the network type `DUAL` (under
 *   `Provisioned.BrokerNodeGroupInfo.ConnectivityInfo` or `Serverless.ConnectivityInfo`);
 * - `GetBootstrapBrokers`: an IPv6 SASL/IAM string (provisioned: `bi6-` brokers on 20098) and an
 *   IPv4 one on 9098;
 * - `GetBootstrapBrokers` again: both strings are the ones the construct's custom resource
 *   returned (`bootstrapBrokersIpv4`, `bootstrapBrokersIpv6`), so what an app wires to its
 *   clients is what MSK serves.
 */
export function assertMskClusterDualStack(assertions: IDeployAssert, cluster: DualStackMskClusterUnderTest, kind: 'Provisioned' | 'Serverless') {
  const byArn = { ClusterArn: cluster.clusterArn };
  const connectivity = kind === 'Provisioned' ? 'ClusterInfo.Provisioned.BrokerNodeGroupInfo.ConnectivityInfo' : 'ClusterInfo.Serverless.ConnectivityInfo';
  // The switch's custom resource completes only once MSK reports ACTIVE and DUAL; the waits
  // only cover the eventual consistency of the read API.
  const wait = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) };
  assertAtPath(assertions, 'Kafka', 'describeClusterV2', byArn, `${connectivity}.NetworkType`, ExpectedResult.exact('DUAL'), wait);
  assertAtPath(assertions, 'Kafka', 'describeClusterV2', byArn, 'ClusterInfo.State', ExpectedResult.exact('ACTIVE'), wait);

  assertions.awsApiCall('Kafka', 'getBootstrapBrokers', byArn).expect(ExpectedResult.objectLike({
    // Provisioned brokers have bi6- host names for IPv6; of a serverless cluster's bootstrap
    // name only the IPv6 IAM port is required.
    BootstrapBrokerStringSaslIamIpv6: Match.stringLikeRegexp(kind === 'Provisioned' ? 'bi6-.*:20098(,|$)' : ':20098(,|$)'),
    BootstrapBrokerStringSaslIam: Match.stringLikeRegexp(':9098(,|$)'),
  }));
  assertions.awsApiCall('Kafka', 'getBootstrapBrokers', byArn).expect(ExpectedResult.objectLike({
    BootstrapBrokerStringSaslIamIpv6: cluster.bootstrapBrokersIpv6,
    BootstrapBrokerStringSaslIam: cluster.bootstrapBrokersIpv4,
  }));
  // The operation the switch waited for, under the type name its handler looks for.
  assertions.awsApiCall('Kafka', 'listClusterOperationsV2', byArn).expect(ExpectedResult.objectLike({
    ClusterOperationInfoList: Match.arrayWith([Match.objectLike({ OperationType: 'UPDATE_CONNECTIVITY', OperationState: 'UPDATE_COMPLETE' })]),
  }));
}

/** Sources a security group must admit on a TCP port. */
export interface AdmittedSources {
  /** An IPv6 range, e.g. the VPC's. */
  readonly ipv6Cidr?: string;
  /** An IPv4 range. */
  readonly ipv4Cidr?: string;
  /** Another security group. */
  readonly securityGroupId?: string;
}

/**
 * `DescribeSecurityGroups` of one group, one call per source: the group admits TCP `port` from
 * the source. EC2 lists the rules of one protocol and port range as one permission with every
 * source in it, so each source is matched inside some permission of that port.
 */
export function assertSecurityGroupAdmits(assertions: IDeployAssert, securityGroupId: string, port: number, from: AdmittedSources) {
  const sources: Array<Record<string, unknown>> = [
    ...from.ipv6Cidr !== undefined ? [{ Ipv6Ranges: Match.arrayWith([Match.objectLike({ CidrIpv6: from.ipv6Cidr })]) }] : [],
    ...from.ipv4Cidr !== undefined ? [{ IpRanges: Match.arrayWith([Match.objectLike({ CidrIp: from.ipv4Cidr })]) }] : [],
    ...from.securityGroupId !== undefined ? [{ UserIdGroupPairs: Match.arrayWith([Match.objectLike({ GroupId: from.securityGroupId })]) }] : [],
  ];
  for (const source of sources) {
    assertions.awsApiCall('EC2', 'describeSecurityGroups', { GroupIds: [securityGroupId] }).expect(ExpectedResult.objectLike({
      SecurityGroups: [Match.objectLike({
        GroupId: securityGroupId,
        IpPermissions: Match.arrayWith([Match.objectLike({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...source })]),
      })],
    }));
  }
}

/**
 * `DescribeCluster`: the EKS cluster is `ACTIVE`, of the `ipv6` IP family, and its services get
 * addresses from a unique local IPv6 /108 (`fc00::/7`, in practice `fd..`), the one the
 * construct's `serviceIpv6Cidr` attribute reports. One value per call (see `assertAtPath`).
 */
export function assertEksClusterIpv6(assertions: IDeployAssert, clusterName: string, serviceIpv6Cidr?: string) {
  const byName = { name: clusterName };
  assertAtPath(assertions, 'EKS', 'describeCluster', byName, 'cluster.status', ExpectedResult.exact('ACTIVE'));
  assertAtPath(assertions, 'EKS', 'describeCluster', byName, 'cluster.kubernetesNetworkConfig.ipFamily', ExpectedResult.exact('ipv6'));
  assertAtPath(assertions, 'EKS', 'describeCluster', byName, 'cluster.kubernetesNetworkConfig.serviceIpv6Cidr',
    ExpectedResult.stringLikeRegexp('^f[cd][0-9a-f]{2}:[0-9a-f:]*/108$'));
  if (serviceIpv6Cidr !== undefined) {
    assertAtPath(assertions, 'EKS', 'describeCluster', byName, 'cluster.kubernetesNetworkConfig.serviceIpv6Cidr', ExpectedResult.exact(serviceIpv6Cidr));
  }
}

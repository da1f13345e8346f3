// The Lambda handler behind MskDualStackSwitch, bundled with its own @aws-sdk/client-kafka by
// esbuild (see .projenrc.ts): the SDK in the Lambda runtime may predate the dual-stack fields, and
// an SDK that does not know a response field drops it without a word.
// A devDependency on purpose: esbuild bundles it into the function's asset; the package never loads it.
// eslint-disable-next-line import/no-extraneous-dependencies
import {
  DescribeClusterV2Command, GetBootstrapBrokersCommand, GetBootstrapBrokersResponse, KafkaClient, UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';

/** The custom resource's properties, as CloudFormation passes them (strings only). */
export interface SwitchProperties {
  readonly ClusterArn: string;
  /** Bootstrap broker strings (GetBootstrapBrokers response fields) that must be present once the cluster is dual-stack. */
  readonly RequiredBootstrapBrokers?: string[];
}

export interface SwitchEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: SwitchProperties;
}

/** The Kafka API calls the handler makes; a test passes a fake. */
export interface KafkaApi {
  send(command: DescribeClusterV2Command | UpdateConnectivityCommand | GetBootstrapBrokersCommand): Promise<any>;
}

/** Every bootstrap broker string the handler returns, IPv4 and IPv6. */
export const BOOTSTRAP_BROKER_FIELDS = [
  'BootstrapBrokerString', 'BootstrapBrokerStringIpv6',
  'BootstrapBrokerStringTls', 'BootstrapBrokerStringTlsIpv6',
  'BootstrapBrokerStringSaslScram', 'BootstrapBrokerStringSaslScramIpv6',
  'BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6',
] as const;

let defaultClient: KafkaApi | undefined;
function kafka(): KafkaApi {
  return defaultClient ??= new KafkaClient({});
}

/**
 * Create and Update: asks MSK to switch the cluster to DUAL unless it is already. Delete does
 * nothing: MSK cannot take a cluster back to IPv4, and the cluster may outlive this resource.
 */
export async function onEvent(event: SwitchEvent, client: KafkaApi = kafka()) {
  const clusterArn = event.ResourceProperties.ClusterArn;
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const cluster = await describe(client, clusterArn);
  if (networkTypeOf(cluster) !== 'DUAL') {
    if (cluster.State !== 'ACTIVE') {
      throw new Error(`The cluster ${clusterArn} is ${cluster.State}; MSK changes the network type of ACTIVE clusters only. Retry the deployment when it is ACTIVE.`);
    }
    // One setting per UpdateConnectivity request: the network type alone.
    await client.send(new UpdateConnectivityCommand({
      ClusterArn: clusterArn,
      CurrentVersion: cluster.CurrentVersion,
      ConnectivityInfo: { NetworkType: 'DUAL' },
    }));
  }
  return { PhysicalResourceId: clusterArn };
}

/**
 * Done when the cluster is ACTIVE with network type DUAL; then returns the bootstrap broker
 * strings, each field present ('' when MSK has none for it), and fails if a required one is missing.
 */
export async function isComplete(event: SwitchEvent, client: KafkaApi = kafka()) {
  if (event.RequestType === 'Delete') {
    return { IsComplete: true };
  }
  const clusterArn = event.ResourceProperties.ClusterArn;
  const cluster = await describe(client, clusterArn);
  if (cluster.State === 'FAILED') {
    throw new Error(`The cluster ${clusterArn} is FAILED after the switch to dual-stack: ${JSON.stringify(cluster.StateInfo ?? {})}`);
  }
  if (cluster.State !== 'ACTIVE' || networkTypeOf(cluster) !== 'DUAL') {
    return { IsComplete: false };
  }
  const brokers: GetBootstrapBrokersResponse = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }));
  const data: Record<string, string> = {};
  for (const field of BOOTSTRAP_BROKER_FIELDS) {
    data[field] = brokers[field] ?? '';
  }
  const missing = (event.ResourceProperties.RequiredBootstrapBrokers ?? []).filter(field => !data[field]);
  if (missing.length > 0) {
    throw new Error(`The cluster ${clusterArn} is dual-stack, but GetBootstrapBrokers returned no ${missing.join(', ')}. `
      + 'Check that the client authentication methods are enabled, and that this function bundles an @aws-sdk/client-kafka that knows the IPv6 fields.');
  }
  return { IsComplete: true, Data: data };
}

async function describe(client: KafkaApi, clusterArn: string) {
  const response = await client.send(new DescribeClusterV2Command({ ClusterArn: clusterArn }));
  if (response.ClusterInfo === undefined) {
    throw new Error(`DescribeClusterV2 returned no ClusterInfo for ${clusterArn}`);
  }
  return response.ClusterInfo;
}

/** The network type of a provisioned or serverless cluster; MSK reports IPV4 or DUAL, absent meaning IPV4. */
function networkTypeOf(cluster: any): string {
  return cluster.Provisioned?.BrokerNodeGroupInfo?.ConnectivityInfo?.NetworkType
    ?? cluster.Serverless?.ConnectivityInfo?.NetworkType
    ?? 'IPV4';
}

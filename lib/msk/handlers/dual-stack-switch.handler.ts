// The Lambda handler behind MskDualStackSwitch, bundled with its own @aws-sdk/client-kafka by
// esbuild (see .projenrc.ts): the SDK in the Lambda runtime may predate the dual-stack fields, and
// an SDK that does not know a response field drops it without a word.
//
// onEvent only notes when the wait began; isComplete does the work, because only it may wait:
// each call reads the cluster and its operations afresh (the framework calls it with the same
// event every time, so it keeps no state of its own), starts the switch when the cluster is
// ACTIVE and no switch of this deployment exists, and is done when that operation has succeeded.
// Devdependencies on purpose: esbuild bundles them into the function's asset; the package never loads them.
// eslint-disable-next-line import/no-extraneous-dependencies
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
// eslint-disable-next-line import/no-extraneous-dependencies
import {
  Cluster, ClusterOperationV2Summary, DescribeClusterV2Command, GetBootstrapBrokersCommand, GetBootstrapBrokersResponse, KafkaClient,
  ListClusterOperationsV2Command, UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { describeError, errorKind } from './api-errors';
import { mskListeners } from '../../core/msk-ports';
import { BOOTSTRAP_BROKER_FIELDS, bootstrapBrokerField, listenerNameOf } from '../bootstrap-broker-fields';
import {
  CONNECTION_TIMEOUT_SECONDS, HANDLER_DEADLINE_SECONDS, INVOCATION_RETRY_BUDGET_SECONDS, MAX_OPERATION_PAGES, REQUEST_TIMEOUT_SECONDS, SDK_ATTEMPTS,
} from '../dual-stack-switch-timing';

/** The custom resource's properties, as CloudFormation passes them (strings only). */
export interface SwitchProperties {
  readonly ClusterArn: string;
  /** Bootstrap broker strings (GetBootstrapBrokers response fields) that must be present once the cluster is dual-stack. */
  readonly RequiredBootstrapBrokers?: string[];
  /** 'true' when the stack retains the cluster: deleting the stack is refused while the cluster exists. */
  readonly RefuseStackDeletionWhileClusterExists?: string;
}

export interface SwitchEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly StackId?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: SwitchProperties;
  /** Set by onEvent (epoch milliseconds): when the wait began, and when it ends. */
  readonly SwitchStartedAt?: number;
  readonly SwitchDeadline?: number;
}

type KafkaCommand = DescribeClusterV2Command | ListClusterOperationsV2Command | UpdateConnectivityCommand | GetBootstrapBrokersCommand;

/** The API clients the handler calls; a test passes fakes. */
export interface SwitchApis {
  readonly kafka: { send(command: KafkaCommand): Promise<any> };
  readonly cloudFormation: { send(command: DescribeStacksCommand): Promise<any> };
}

/** Time, for the deadline and the pauses between retries; a test passes a fake. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter of the pauses. */
  random(): number;
}

const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** MSK's type of the operation that `UpdateConnectivity` starts. */
const UPDATE_CONNECTIVITY_OPERATION = 'UPDATE_CONNECTIVITY';
/** An operation that started this long before onEvent's clock still counts as this deployment's (clocks differ). */
const CLOCK_SKEW_MS = 60_000;
/** IAM may take this long to apply the switch's new policy: access denied is retried until then. */
const IAM_PROPAGATION_MS = 2 * 60_000;
/** How long after the operation succeeded MSK may still be without a bootstrap broker string. */
const BOOTSTRAP_BROKERS_GRACE_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 8_000;

const UPDATE_PREREQUISITES = 'MSK switches a cluster only if every client subnet has an IPv6 block, it runs Kafka 3.6.0 or later, '
  + 'its brokers are not kafka.t3.small and multi-VPC private connectivity is off.';

let defaultApis: SwitchApis | undefined;
function apis(): SwitchApis {
  // Few tries per request, each bounded: the loop in isComplete does the patient retrying, within the function's timeout.
  const config = {
    maxAttempts: SDK_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_SECONDS * 1000, requestTimeout: REQUEST_TIMEOUT_SECONDS * 1000 },
  };
  return defaultApis ??= { kafka: new KafkaClient(config), cloudFormation: new CloudFormationClient(config) };
}

/** Notes when the wait begins; calls nothing, so it cannot fail on a throttled API. */
export async function onEvent(event: SwitchEvent, clock: Clock = SYSTEM_CLOCK) {
  const now = clock.now();
  return {
    PhysicalResourceId: event.RequestType === 'Delete' ? event.PhysicalResourceId : event.ResourceProperties.ClusterArn,
    SwitchStartedAt: now,
    SwitchDeadline: now + HANDLER_DEADLINE_SECONDS * 1000,
  };
}

/** One look at the cluster: done (with the resource's attributes), or not yet and why. */
type Outcome = { readonly done: true; readonly data?: Record<string, string> } | { readonly done: false; readonly reason: string };
const notYet = (reason: string): Outcome => ({ done: false, reason });

/** A failure that retrying cannot mend; its message is final. */
class SwitchFailure extends Error {}

/** An API call that failed, with the call's name. */
class ApiError extends Error {
  constructor(readonly call: string, readonly cause: unknown) {
    super(`${call}: ${describeError(cause)}`);
  }
}

async function callApi<T>(name: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new ApiError(name, error);
  }
}

/**
 * Create and Update: done when this deployment's UpdateConnectivity operation has succeeded and
 * the cluster reads ACTIVE and DUAL with every bootstrap broker string of its enabled listeners;
 * returns those strings ('' for listeners the cluster does not have). Delete: done at once, unless
 * the stack retains the cluster and is being deleted while it exists (see `deletionStep`).
 *
 * Throttling, server and network errors are retried with backoff until the deadline; a conflict
 * (409) waits for the other operation; access denied, not found and bad requests fail at once.
 */
export async function isComplete(event: SwitchEvent, clients: SwitchApis = apis(), clock: Clock = SYSTEM_CLOCK) {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const startedAt = event.SwitchStartedAt ?? clock.now();
  const deadline = event.SwitchDeadline ?? Infinity;
  const retryUntil = Math.min(clock.now() + INVOCATION_RETRY_BUDGET_SECONDS * 1000, deadline);
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    let outcome: Outcome;
    let retryNow = false;
    try {
      outcome = event.RequestType === 'Delete' ? await deletionStep(event, clients) : await switchStep(event, clients, clock.now());
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      const kind = errorKind(error.cause);
      if (kind === 'permanent' || (kind === 'denied' && clock.now() - startedAt >= IAM_PROPAGATION_MS)) {
        throw new SwitchFailure(failureMessage(clusterArn, error));
      }
      // A conflicting operation takes minutes: the framework's next call looks again.
      outcome = notYet(kind === 'conflict'
        ? `${error.message}; another operation holds the cluster, and the switch is asked again, with the version the cluster then reads, once it is ACTIVE`
        : error.message);
      retryNow = kind !== 'conflict';
    }
    if (outcome.done) {
      return { IsComplete: true, Data: outcome.data };
    }
    console.log(`${clusterArn}: not yet: ${outcome.reason}`);
    if (clock.now() >= deadline) {
      throw new SwitchFailure(`The cluster ${clusterArn} did not finish ${event.RequestType === 'Delete' ? 'deleting' : 'its switch to dual-stack'} `
        + `within ${HANDLER_DEADLINE_SECONDS / 60} minutes. Last seen: ${outcome.reason}`);
    }
    const pause = backoff * (0.5 + clock.random() / 2);
    if (!retryNow || clock.now() + pause >= retryUntil) {
      return { IsComplete: false };
    }
    await clock.sleep(pause);
    backoff = Math.min(2 * backoff, MAX_BACKOFF_MS);
  }
}

async function switchStep(event: SwitchEvent, clients: SwitchApis, now: number): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const cluster = await describeCluster(clients, clusterArn);
  if (cluster.State === 'FAILED' || cluster.State === 'DELETING') {
    throw new SwitchFailure(`The cluster ${clusterArn} is ${cluster.State}${stateInfo(cluster)}: it cannot be switched to dual-stack.`);
  }
  const operations = await connectivityOperations(clients, clusterArn);
  const startedAt = event.SwitchStartedAt ?? now;
  const own = operations.find(op => timeOf(op.StartTime) >= startedAt - CLOCK_SKEW_MS);
  const networkType = networkTypeOf(cluster);
  let switchedAt: number | undefined;
  if (own !== undefined) {
    const state = own.OperationState ?? 'UNKNOWN';
    if (failed(state)) {
      throw new SwitchFailure(`MSK's UpdateConnectivity operation ${own.OperationArn} on the cluster ${clusterArn} ended ${state}${stateInfo(cluster)}. ${UPDATE_PREREQUISITES}`);
    }
    if (state !== 'UPDATE_COMPLETE') {
      return notYet(`its UpdateConnectivity operation ${own.OperationArn} is ${state}`);
    }
    switchedAt = timeOf(own.EndTime ?? own.StartTime);
  } else if (networkType === 'DUAL') {
    // Switched before this deployment; a DUAL read while an older switch still runs is not the end of it.
    const last = operations[0];
    if (last !== undefined && !terminal(last.OperationState)) {
      return notYet(`it reads DUAL, but its UpdateConnectivity operation ${last.OperationArn} is ${last.OperationState}`);
    }
  } else if (cluster.State !== 'ACTIVE') {
    return notYet(`it is ${cluster.State}, and MSK changes the network type of ACTIVE clusters only`);
  } else {
    return startSwitch(clients, clusterArn, cluster.CurrentVersion);
  }
  if (cluster.State !== 'ACTIVE' || networkType !== 'DUAL') {
    return notYet(`its switch has completed, but it reads ${cluster.State} and ${networkType}`);
  }
  return bootstrapBrokers(clients, event, cluster, switchedAt, now);
}

/** Asks MSK for the network type alone (one setting per UpdateConnectivity request), with the version just read. */
async function startSwitch(clients: SwitchApis, clusterArn: string, currentVersion?: string): Promise<Outcome> {
  const response = await callApi('UpdateConnectivity', () => clients.kafka.send(new UpdateConnectivityCommand({
    ClusterArn: clusterArn,
    CurrentVersion: currentVersion,
    ConnectivityInfo: { NetworkType: 'DUAL' },
  })));
  return notYet(`MSK accepted the switch (operation ${response.ClusterOperationArn})`);
}

async function bootstrapBrokers(
  clients: SwitchApis, event: SwitchEvent, cluster: Cluster, switchedAt: number | undefined, now: number,
): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const response: GetBootstrapBrokersResponse = await callApi('GetBootstrapBrokers',
    () => clients.kafka.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })));
  const data: Record<string, string> = {};
  for (const field of BOOTSTRAP_BROKER_FIELDS) {
    data[field] = (response as Record<string, string | undefined>)[field] ?? '';
  }
  const required = new Set([...event.ResourceProperties.RequiredBootstrapBrokers ?? [], ...enabledListenerFields(cluster)]);
  const missing = [...required].filter(field => !data[field]);
  if (missing.length === 0) {
    return { done: true, data };
  }
  if (switchedAt !== undefined && now < switchedAt + BOOTSTRAP_BROKERS_GRACE_MS) {
    return notYet(`GetBootstrapBrokers has no ${missing.join(', ')} yet`);
  }
  throw new SwitchFailure(`The cluster ${clusterArn} is dual-stack, but GetBootstrapBrokers returned no ${missing.join(', ')}. `
    + 'Check that the client authentication methods are enabled, and that this function bundles an @aws-sdk/client-kafka that knows the IPv6 fields.');
}

/**
 * Deleting the stack while it retains the cluster cannot succeed: the brokers' network interfaces
 * keep the client subnets and security groups in use, so CloudFormation would fail on them after
 * a long wait. Refused here instead, before CloudFormation reaches the cluster, its subnets and
 * security groups (this resource depends on the cluster, which depends on them); resources that
 * nothing here waits on may be deleted meanwhile. A rollback, or the resource leaving the
 * template, goes ahead.
 */
async function deletionStep(event: SwitchEvent, clients: SwitchApis): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  if (event.ResourceProperties.RefuseStackDeletionWhileClusterExists !== 'true' || event.PhysicalResourceId !== clusterArn || event.StackId === undefined) {
    return { done: true };
  }
  if (await stackStatus(clients, event.StackId) !== 'DELETE_IN_PROGRESS') {
    return { done: true };
  }
  let cluster: Cluster;
  try {
    cluster = await describeCluster(clients, clusterArn);
  } catch (error) {
    if (error instanceof ApiError && (error.cause as Error)?.name === 'NotFoundException') {
      return { done: true };
    }
    throw error;
  }
  if (cluster.State === 'DELETING') {
    return notYet('it is DELETING, and its network interfaces still hold the client subnets and security groups');
  }
  throw new SwitchFailure(`Not deleting the stack: it retains the MSK cluster ${clusterArn} (removal policy), which is ${cluster.State}, `
    + 'and the brokers\' network interfaces keep the client subnets and security groups in use, so their deletion would fail. '
    + `Delete the cluster first (aws kafka delete-cluster --cluster-arn ${clusterArn}) and destroy the stack again, `
    + 'or deploy with removalPolicy: RemovalPolicy.DESTROY on the cluster and then destroy.');
}

/** The stack's status; undefined when it cannot be read for good (the guard then lets the deletion go ahead). */
async function stackStatus(clients: SwitchApis, stackId: string): Promise<string | undefined> {
  try {
    const response = await callApi('DescribeStacks', () => clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackId })));
    return response.Stacks?.[0]?.StackStatus;
  } catch (error) {
    if (error instanceof ApiError && errorKind(error.cause) !== 'transient') {
      console.log(`${error.message}; deleting without the retained-cluster check`);
      return undefined;
    }
    throw error;
  }
}

async function describeCluster(clients: SwitchApis, clusterArn: string): Promise<Cluster> {
  const response = await callApi('DescribeClusterV2', () => clients.kafka.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })));
  if (response.ClusterInfo === undefined) {
    throw new SwitchFailure(`DescribeClusterV2 returned no ClusterInfo for ${clusterArn}`);
  }
  return response.ClusterInfo;
}

/** The cluster's UpdateConnectivity operations, newest first. */
async function connectivityOperations(clients: SwitchApis, clusterArn: string): Promise<ClusterOperationV2Summary[]> {
  const operations: ClusterOperationV2Summary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_OPERATION_PAGES; page++) {
    const response = await callApi('ListClusterOperationsV2', () => clients.kafka.send(new ListClusterOperationsV2Command({
      ClusterArn: clusterArn, MaxResults: 100, NextToken: nextToken,
    })));
    const listed: ClusterOperationV2Summary[] = response.ClusterOperationInfoList ?? [];
    operations.push(...listed.filter(op => op.OperationType === UPDATE_CONNECTIVITY_OPERATION));
    nextToken = response.NextToken;
    if (!nextToken) {
      break;
    }
  }
  return operations.sort((a, b) => timeOf(b.StartTime) - timeOf(a.StartTime));
}

/** Both bootstrap broker fields of every listener the cluster has enabled. */
function enabledListenerFields(cluster: Cluster): string[] {
  if (cluster.Serverless !== undefined) {
    return [bootstrapBrokerField('SASL_IAM', false), bootstrapBrokerField('SASL_IAM', true)];
  }
  const auth = cluster.Provisioned?.ClientAuthentication;
  const listeners = mskListeners({
    iam: auth?.Sasl?.Iam?.Enabled ?? false,
    scram: auth?.Sasl?.Scram?.Enabled ?? false,
    mutualTls: auth?.Tls?.Enabled ?? (auth?.Tls?.CertificateAuthorityArnList ?? []).length > 0,
    // A cluster created without client authentication takes unauthenticated clients.
    unauthenticated: auth === undefined || (auth.Unauthenticated?.Enabled ?? false),
    clientBroker: cluster.Provisioned?.EncryptionInfo?.EncryptionInTransit?.ClientBroker ?? 'TLS',
  });
  return listeners.flatMap(ports => [bootstrapBrokerField(listenerNameOf(ports), false), bootstrapBrokerField(listenerNameOf(ports), true)]);
}

function failureMessage(clusterArn: string, error: ApiError): string {
  const cause = error.cause as Error;
  if (cause?.name === 'NotFoundException') {
    return `${error.call} on ${clusterArn} failed: ${describeError(cause)}. No MSK cluster has this ARN in this account and region: check clusterArn.`;
  }
  if (errorKind(cause) === 'denied') {
    return `${error.call} on ${clusterArn} failed: ${describeError(cause)}. The switch's role may not call kafka:${error.call} on this cluster, `
      + 'or a permissions boundary or service control policy denies it.';
  }
  if (error.call === 'UpdateConnectivity') {
    return `MSK refused to switch the cluster ${clusterArn} to dual-stack: ${describeError(cause)}. ${UPDATE_PREREQUISITES}`;
  }
  return `${error.call} on ${clusterArn} failed: ${describeError(cause)}`;
}

/** The network type of a provisioned or serverless cluster; MSK reports IPV4 or DUAL, absent meaning IPV4. */
function networkTypeOf(cluster: Cluster): string {
  return cluster.Provisioned?.BrokerNodeGroupInfo?.ConnectivityInfo?.NetworkType
    ?? cluster.Serverless?.ConnectivityInfo?.NetworkType
    ?? 'IPV4';
}

function stateInfo(cluster: Cluster): string {
  const info = cluster.StateInfo;
  return info?.Code || info?.Message ? ` (${[info.Code, info.Message].filter(Boolean).join(': ')})` : '';
}

const failed = (state: string) => /FAILED|ROLLBACK/.test(state);
const terminal = (state?: string) => state === 'UPDATE_COMPLETE' || /FAILED|ROLLBACK_COMPLETE/.test(state ?? '');
const timeOf = (time?: Date | string) => (time === undefined ? 0 : new Date(time).getTime());

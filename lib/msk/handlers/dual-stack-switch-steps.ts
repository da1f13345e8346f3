// The MSK dual-stack switch's logic, behind the Lambda entry points of dual-stack-switch.handler.ts
// and reached through its seams (API clients, clock, caller), so that tests can drive it too.
//
// onEvent only notes when the wait began; isComplete does the work, because only it may wait:
// each call reads the cluster and its operations afresh (the framework calls it with the same
// event every time, so it keeps no state of its own), starts the switch when the cluster is
// ACTIVE and no switch of this deployment exists, and is done when that operation has succeeded.
// Devdependencies on purpose: esbuild bundles them into the function's asset; the package never loads them.
// eslint-disable-next-line import/no-extraneous-dependencies
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
// eslint-disable-next-line import/no-extraneous-dependencies
import {
  Cluster, ClusterOperationV2, ClusterOperationV2Summary, DescribeClusterOperationV2Command, DescribeClusterV2Command, GetBootstrapBrokersCommand,
  GetBootstrapBrokersResponse, ListClusterOperationsV2Command, UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { describeError, errorKind } from './api-errors';
import { Caller, SwitchApis, SwitchSeams } from './dual-stack-switch-seams';
import { mskListeners } from '../../core/msk-ports';
import { MSK_BROKER_TYPES_WITHOUT_DUAL_STACK } from '../../prerequisites/msk/msk-dual-stack-broker-type';
import { MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION } from '../../prerequisites/msk/msk-dual-stack-kafka-version';
import { BOOTSTRAP_BROKER_FIELDS, bootstrapBrokerField, listenerNameOf } from '../bootstrap-broker-fields';
import {
  HANDLER_DEADLINE_SECONDS, IAM_PROPAGATION_SECONDS, INVOCATION_RETRY_BUDGET_SECONDS, MAX_DESCRIBED_OPERATIONS, MAX_OPERATION_PAGES,
  OPERATION_LISTING_GRACE_SECONDS,
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
  readonly LogicalResourceId?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: SwitchProperties;
  /** Set by onEvent (epoch milliseconds): when the wait began, and when it ends. */
  readonly SwitchStartedAt?: number;
  readonly SwitchDeadline?: number;
}

/** MSK's type of the operation that `UpdateConnectivity` starts (also public access and ZooKeeper access changes). */
const UPDATE_CONNECTIVITY_OPERATION = 'UPDATE_CONNECTIVITY';
/** An operation that started this long before onEvent's clock still counts as this deployment's (clocks differ). */
const CLOCK_SKEW_MS = 60_000;
/** How long after the operation succeeded MSK may still be without a bootstrap broker string. */
const BOOTSTRAP_BROKERS_GRACE_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 8_000;

const UPDATE_PREREQUISITES = 'MSK switches a cluster only if every client subnet has an IPv6 block, it runs Kafka '
  + `${MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION.join('.')} or later, its brokers are not ${MSK_BROKER_TYPES_WITHOUT_DUAL_STACK.join(' or ')} `
  + 'and multi-VPC private connectivity is off.';

/** Notes when the wait begins; calls nothing, so it cannot fail on a throttled API. */
export async function onEventWith(event: SwitchEvent, seams: Pick<SwitchSeams, 'clock'>) {
  const now = seams.clock.now();
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

/** An API call that failed, with the call's name and the resource it was on. */
class ApiError extends Error {
  constructor(readonly call: string, readonly resource: string, readonly cause: unknown) {
    super(`${call}: ${describeError(cause)}`);
  }

  /** The IAM action of the call. */
  get action(): string {
    return `${this.call === 'DescribeStacks' ? 'cloudformation' : 'kafka'}:${this.call}`;
  }
}

async function callApi<T>(name: string, resource: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new ApiError(name, resource, error);
  }
}

/**
 * Create and Update: done when this deployment's UpdateConnectivity operation has succeeded and
 * the cluster reads ACTIVE and DUAL with every bootstrap broker string of its enabled listeners;
 * returns those strings ('' for listeners the cluster does not have). Delete: done at once, unless
 * the stack retains the cluster and is being deleted while it exists (see `deletionStep`).
 *
 * Throttling, server and network errors, and a stale cluster version, are retried with backoff
 * until the deadline; a conflict (409) waits for the other operation; access denied is retried
 * while IAM may still be propagating; not found and other bad requests fail at once.
 */
export async function isCompleteWith(event: SwitchEvent, seams: SwitchSeams) {
  const { apis, clock } = seams;
  const clusterArn = event.ResourceProperties.ClusterArn;
  const startedAt = event.SwitchStartedAt ?? clock.now();
  const deadline = event.SwitchDeadline ?? Infinity;
  const retryUntil = Math.min(clock.now() + INVOCATION_RETRY_BUDGET_SECONDS * 1000, deadline);
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    let outcome: Outcome;
    let retryNow = false;
    try {
      outcome = event.RequestType === 'Delete' ? await deletionStep(event, apis) : await switchStep(event, apis, clock.now());
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      const kind = errorKind(error.cause);
      if (kind === 'permanent' || (kind === 'denied' && clock.now() - startedAt >= IAM_PROPAGATION_SECONDS * 1000)) {
        throw new SwitchFailure(failureMessage(event, error, seams.caller));
      }
      if (kind === 'conflict') {
        // A conflicting operation takes minutes: the framework's next call looks again.
        outcome = notYet(`${error.message}; another operation holds the cluster, and the switch is asked again, with the version the cluster then reads, once it is ACTIVE`);
      } else {
        // Transient, denied (IAM propagating) or stale (the next look reads the cluster's version again).
        outcome = notYet(kind === 'stale' ? `${error.message}; the cluster's version is read again` : error.message);
        retryNow = true;
      }
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

async function switchStep(event: SwitchEvent, apis: SwitchApis, now: number): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const cluster = await describeCluster(apis, clusterArn);
  if (cluster.State === 'FAILED' || cluster.State === 'DELETING') {
    throw new SwitchFailure(`The cluster ${clusterArn} is ${cluster.State}${stateInfo(cluster)}: it cannot be switched to dual-stack.`);
  }
  const startedAt = event.SwitchStartedAt ?? now;
  const operations = await connectivityOperations(apis, clusterArn);
  const isRecent = (op: ClusterOperationV2Summary) => timeOf(op.StartTime) >= startedAt - CLOCK_SKEW_MS;
  const recent = operations.filter(isRecent);
  // UPDATE_CONNECTIVITY also changes public and ZooKeeper access: ours is the one whose target is
  // DUAL from a source that was not, which only DescribeClusterOperationV2 shows.
  const described = await describeOperations(apis, recent.slice(0, MAX_DESCRIBED_OPERATIONS));
  const own = described.find(switchesToDual);
  const networkType = networkTypeOf(cluster);
  let switchedAt: number | undefined;
  if (own !== undefined) {
    const state = own.OperationState ?? 'UNKNOWN';
    if (failed(state)) {
      const info = own.ErrorInfo?.ErrorCode || own.ErrorInfo?.ErrorString
        ? ` (${[own.ErrorInfo.ErrorCode, own.ErrorInfo.ErrorString].filter(Boolean).join(': ')})` : stateInfo(cluster);
      throw new SwitchFailure(`MSK's UpdateConnectivity operation ${own.OperationArn} on the cluster ${clusterArn} ended ${state}${info}. `
        + `If MSK's reason does not say why: ${UPDATE_PREREQUISITES}`);
    }
    if (state !== 'UPDATE_COMPLETE') {
      return notYet(`its UpdateConnectivity operation ${own.OperationArn} is ${state}`);
    }
    switchedAt = timeOf(own.EndTime ?? own.StartTime);
  } else if (networkType === 'DUAL') {
    // DUAL without an operation of ours: switched before this deployment, or MSK reads the switch
    // before it lists it. A DUAL read alone never ends the wait.
    const running = recent.find(op => !terminal(op.OperationState));
    if (running !== undefined) {
      return notYet(`it reads DUAL, but its UpdateConnectivity operation ${running.OperationArn} is ${running.OperationState}`);
    }
    const earlier = operations.find(op => !isRecent(op) && op.OperationState === 'UPDATE_COMPLETE');
    const left = MAX_DESCRIBED_OPERATIONS - Math.min(recent.length, MAX_DESCRIBED_OPERATIONS);
    const earlierSwitch = earlier !== undefined && left > 0 ? (await describeOperations(apis, [earlier])).find(switchesToDual) : undefined;
    if (earlierSwitch === undefined && now < startedAt + OPERATION_LISTING_GRACE_SECONDS * 1000) {
      return notYet('it reads DUAL, but no UpdateConnectivity operation to DUAL is listed yet (MSK may list it minutes after the cluster reads DUAL)');
    }
  } else if (cluster.State !== 'ACTIVE') {
    return notYet(`it is ${cluster.State}, and MSK changes the network type of ACTIVE clusters only`);
  } else {
    return startSwitch(apis, clusterArn, cluster.CurrentVersion);
  }
  if (cluster.State !== 'ACTIVE' || networkType !== 'DUAL') {
    return notYet(`its switch has completed, but it reads ${cluster.State} and ${networkType}`);
  }
  return bootstrapBrokers(apis, event, cluster, switchedAt, now);
}

/** Asks MSK for the network type alone (one setting per UpdateConnectivity request), with the version just read. */
async function startSwitch(apis: SwitchApis, clusterArn: string, currentVersion?: string): Promise<Outcome> {
  const response = await callApi('UpdateConnectivity', clusterArn, () => apis.kafka.send(new UpdateConnectivityCommand({
    ClusterArn: clusterArn,
    CurrentVersion: currentVersion,
    ConnectivityInfo: { NetworkType: 'DUAL' },
  })));
  return notYet(`MSK accepted the switch (operation ${response.ClusterOperationArn})`);
}

async function bootstrapBrokers(
  apis: SwitchApis, event: SwitchEvent, cluster: Cluster, switchedAt: number | undefined, now: number,
): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const response: GetBootstrapBrokersResponse = await callApi('GetBootstrapBrokers', clusterArn,
    () => apis.kafka.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })));
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
 * template, goes ahead. The stack's status must be read: a denied DescribeStacks is retried like
 * any access denied, then fails the deletion naming the action, the role and the way out; the
 * guard never lets a deletion through unchecked.
 */
async function deletionStep(event: SwitchEvent, apis: SwitchApis): Promise<Outcome> {
  const clusterArn = event.ResourceProperties.ClusterArn;
  if (event.ResourceProperties.RefuseStackDeletionWhileClusterExists !== 'true' || event.PhysicalResourceId !== clusterArn || event.StackId === undefined) {
    return { done: true };
  }
  const stackId = event.StackId;
  const stacks = await callApi('DescribeStacks', stackId, () => apis.cloudFormation.send(new DescribeStacksCommand({ StackName: stackId })));
  if (stacks.Stacks?.[0]?.StackStatus !== 'DELETE_IN_PROGRESS') {
    return { done: true };
  }
  let cluster: Cluster;
  try {
    cluster = await describeCluster(apis, clusterArn);
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

async function describeCluster(apis: SwitchApis, clusterArn: string): Promise<Cluster> {
  const response = await callApi('DescribeClusterV2', clusterArn, () => apis.kafka.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })));
  if (response.ClusterInfo === undefined) {
    throw new SwitchFailure(`DescribeClusterV2 returned no ClusterInfo for ${clusterArn}`);
  }
  return response.ClusterInfo;
}

/** The cluster's UpdateConnectivity operations, newest first. */
async function connectivityOperations(apis: SwitchApis, clusterArn: string): Promise<ClusterOperationV2Summary[]> {
  const operations: ClusterOperationV2Summary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_OPERATION_PAGES; page++) {
    const response = await callApi('ListClusterOperationsV2', clusterArn, () => apis.kafka.send(new ListClusterOperationsV2Command({
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

/** The operations in full (DescribeClusterOperationV2), in the same order. */
async function describeOperations(apis: SwitchApis, operations: ClusterOperationV2Summary[]): Promise<ClusterOperationV2[]> {
  const described: ClusterOperationV2[] = [];
  for (const op of operations) {
    const arn = op.OperationArn ?? '';
    const response = await callApi('DescribeClusterOperationV2', arn,
      () => apis.kafka.send(new DescribeClusterOperationV2Command({ ClusterOperationArn: arn })));
    // Its summary's state is as fresh as the description's; the description adds the target.
    described.push({ ...op, ...response.ClusterOperationInfo });
  }
  return described;
}

/**
 * Whether an UPDATE_CONNECTIVITY operation switches the cluster to DUAL: its target network type
 * (Provisioned.TargetClusterInfo.ConnectivityInfo.NetworkType, or Serverless.TargetClusterInfo.NetworkType
 * in @aws-sdk/client-kafka's ClusterOperationV2) is DUAL, and its source's was not.
 */
function switchesToDual(op: ClusterOperationV2): boolean {
  const target = op.Provisioned?.TargetClusterInfo?.ConnectivityInfo?.NetworkType ?? op.Serverless?.TargetClusterInfo?.NetworkType;
  const source = op.Provisioned?.SourceClusterInfo?.ConnectivityInfo?.NetworkType ?? op.Serverless?.SourceClusterInfo?.NetworkType;
  return target === 'DUAL' && source !== 'DUAL';
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

function failureMessage(event: SwitchEvent, error: ApiError, caller: Caller): string {
  const clusterArn = event.ResourceProperties.ClusterArn;
  const cause = error.cause as Error;
  const kind = errorKind(cause);
  if (kind === 'denied') {
    const role = caller.roleArn ? `The role ${caller.roleArn}` : 'The switch\'s role';
    const fn = caller.functionName ? ` (function ${caller.functionName})` : '';
    const message = `${error.action} on ${error.resource} was denied for ${IAM_PROPAGATION_SECONDS / 60} minutes or more: ${sentence(describeError(cause))} `
      + `${role}${fn} needs ${error.action} on ${error.resource}, and no permissions boundary or service control policy may deny it.`;
    return error.call === 'DescribeStacks'
      ? `Not deleting the stack: the switch cannot tell its deletion from a rollback, and refuses rather than guess. ${message} `
        + `Or delete the stack keeping this resource: aws cloudformation delete-stack --stack-name ${event.StackId} --retain-resources ${event.LogicalResourceId ?? '<logical id>'}`
      : message;
  }
  if (error.call === 'DescribeStacks') {
    return `Not deleting the stack: DescribeStacks on ${error.resource} failed: ${describeError(cause)}, so the switch cannot tell the stack's deletion `
      + `from a rollback. Delete the stack keeping this resource: aws cloudformation delete-stack --stack-name ${event.StackId} `
      + `--retain-resources ${event.LogicalResourceId ?? '<logical id>'}`;
  }
  if (cause?.name === 'NotFoundException') {
    return `${error.call} on ${error.resource} failed: ${describeError(cause)}. No MSK cluster has this ARN in this account and region: check clusterArn.`;
  }
  if (error.call === 'UpdateConnectivity') {
    // MSK's own reason first; the prerequisites only as a hint.
    return `MSK refused UpdateConnectivity on the cluster ${clusterArn}: ${sentence(describeError(cause))} If MSK's reason does not say why: ${UPDATE_PREREQUISITES}`;
  }
  return `${error.call} on ${error.resource} failed: ${describeError(cause)}`;
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

/** Text ending with one full stop. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const failed = (state: string) => /FAILED|ROLLBACK/.test(state);
const terminal = (state?: string) => state === 'UPDATE_COMPLETE' || /FAILED|ROLLBACK_COMPLETE/.test(state ?? '');
const timeOf = (time?: Date | string) => (time === undefined ? 0 : new Date(time).getTime());

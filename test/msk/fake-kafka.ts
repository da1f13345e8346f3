// A stateful fake of MSK's control plane and of CloudFormation's DescribeStacks for the switch
// handler: one cluster that moves through MSK's states on a clock, with versions, operations that
// take time, reads that lag writes, and faults a test can inject per call. The same model answers
// the handler's seam (`apis`, SDK command objects) and, through fake-msk-endpoint.ts, HTTP.
import {
  BadRequestException, ConflictException, ForbiddenException, InternalServerErrorException, NotFoundException, ServiceUnavailableException,
  TooManyRequestsException,
} from '@aws-sdk/client-kafka';
import { Clock, SwitchApis } from '../../lib/msk/handlers/dual-stack-switch-seams';

export const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2';
export const STACK_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Orders/9f8e7d6c-0000-1111-2222-333344445555';
export const ROLE_ARN = 'arn:aws:iam::111111111111:role/Orders-SwitchHandlerRole-1A2B3C';
export const MINUTE = 60_000;
export const START = Date.parse('2026-12-01T12:00:00Z');
const OPERATION_ARN = CLUSTER_ARN.replace(':cluster/', ':cluster-operation/');

/** A clock whose sleeps pass at once. */
export class FakeClock implements Clock {
  constructor(public time = START) {}
  now() { return this.time; }
  async sleep(ms: number) { this.time += ms; }
  random() { return 0.5; }
}

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const named = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, ...metadata(status) });
/** Errors as @aws-sdk/client-kafka and client-cloudformation throw them. */
export const errors = {
  throttled: () => new TooManyRequestsException({ message: 'Too Many Requests', ...metadata(429) }),
  /** Undeclared by MSK's model, but what AWS's throttling front end may answer. */
  throttling: () => named('ThrottlingException', 'Rate exceeded', 400),
  unavailable: () => new ServiceUnavailableException({ message: 'Service Unavailable', ...metadata(503) }),
  internal: () => new InternalServerErrorException({ message: 'We encountered an internal error. Please try again.', ...metadata(500) }),
  network: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  conflict: () => new ConflictException({ message: 'The cluster is being updated. Retry once the operation completes.', ...metadata(409) }),
  notFound: () => new NotFoundException({ message: 'The specified cluster ARN does not exist.', ...metadata(404) }),
  forbidden: () => new ForbiddenException({ message: 'User is not authorized to perform: kafka:DescribeClusterV2', ...metadata(403) }),
  badRequest: () => new BadRequestException({ message: 'Client subnets subnet-1 have no IPv6 CIDR block.', ...metadata(400) }),
  /** MSK's answer to a CurrentVersion that is not the cluster's (terraform-provider-aws#25061). */
  staleVersion: () => new BadRequestException({ message: 'The version of the cluster isn’t current. Check the current version and try again.', ...metadata(400) }),
  /** CloudFormation's (query protocol) access denied. */
  accessDenied: () => named('AccessDenied', `User: ${ROLE_ARN} is not authorized to perform: cloudformation:DescribeStacks`, 403),
};

export type CommandName = 'DescribeClusterV2' | 'ListClusterOperationsV2' | 'DescribeClusterOperationV2' | 'UpdateConnectivity'
| 'GetBootstrapBrokers' | 'DescribeStacks';

export interface FakeClusterOptions {
  /** The cluster's state until `activeAt`, then ACTIVE. */
  readonly initialState?: string;
  readonly activeAt?: number;
  /** DUAL: switched before (an UPDATE_CONNECTIVITY operation to DUAL is in its history, unless `historyPruned`). */
  readonly networkType?: 'IPV4' | 'DUAL';
  readonly historyPruned?: boolean;
  readonly serverless?: boolean;
  /** Provisioned client authentication and encryption, as DescribeClusterV2 returns them. */
  readonly clientAuthentication?: object;
  readonly clientBroker?: string;
  /** How long MSK takes to switch. */
  readonly switchDuration?: number;
  /** The switch operation ends UPDATE_FAILED. */
  readonly switchFails?: boolean;
  /** DescribeClusterV2 reads ACTIVE and DUAL as soon as the switch is accepted (before the operation ends). */
  readonly reportsDualEarly?: boolean;
  /** ListClusterOperationsV2 lists the switch only this long after it started. */
  readonly listingLag?: number;
  /** DescribeClusterV2 shows the cluster's version this long after it changed (read-after-write lag). */
  readonly versionReadLag?: number;
  /** This many UpdateConnectivity requests find the version changed since it was read (another quick update): 400. */
  readonly staleVersions?: number;
  /** Someone changes public access (another UPDATE_CONNECTIVITY operation, to IPV4) at this time, for two minutes. */
  readonly publicAccessChangeAt?: number;
  /** Bootstrap broker fields GetBootstrapBrokers leaves out (an old SDK, or MSK not ready). */
  readonly missingBrokers?: string[];
  /** Another operation holds the cluster until then: UPDATING, and UpdateConnectivity answers 409. */
  readonly busyUntil?: number;
  /** DescribeClusterV2 reads ACTIVE while that other operation runs (a stale read). */
  readonly readsActiveWhileBusy?: boolean;
  /** Every call is denied (403) until then: IAM still propagating the switch's policy. */
  readonly deniedUntil?: number;
  /** Calls in these windows (of these commands, or all) fail so. */
  readonly faultWindows?: ReadonlyArray<FaultWindow>;
  readonly stackStatus?: string;
}

/** A time window in which calls fail. */
export interface FaultWindow {
  readonly from: number;
  readonly until: number;
  readonly commands?: CommandName[];
  readonly fault: () => Error;
}

/** One MSK cluster on a clock; records every call. */
export class FakeKafka implements SwitchApis {
  readonly calls: Array<[CommandName, any]> = [];
  private readonly faults = new Map<CommandName, Array<() => Error>>();
  private switchStartedAt?: number;
  private deletedAt?: number;
  private staleVersionsLeft: number;
  private readonly versions: Array<[number, string]> = [[0, 'K3AEGXETSR30VB']];
  readonly kafka: SwitchApis['kafka'] = { send: (command: any) => this.sendCommand(command) };
  readonly cloudFormation: SwitchApis['cloudFormation'] = { send: (command: any) => this.sendCommand(command) };
  /** The stack's status, as DescribeStacks reads it. */
  stackStatus: string;

  constructor(private readonly clock: Pick<Clock, 'now'>, private readonly options: FakeClusterOptions = {}) {
    this.staleVersionsLeft = options.staleVersions ?? 0;
    this.stackStatus = options.stackStatus ?? 'CREATE_IN_PROGRESS';
    if (options.busyUntil !== undefined) {
      this.versions.push([options.busyUntil, 'K1PA6795UKM5R7']);
    }
  }

  /** The next calls of `command` throw these, in turn. */
  fail(command: CommandName, ...faults: Array<() => Error>): this {
    this.faults.set(command, [...this.faults.get(command) ?? [], ...faults]);
    return this;
  }

  /** Every call of `command` throws `fault`. */
  failAlways(command: CommandName, fault: () => Error): this {
    return this.fail(command, ...Array(100_000).fill(fault));
  }

  /** The cluster is DELETING from now on, and gone `after` later. */
  deleteCluster(after: number) {
    this.deletedAt = this.clock.now() + after;
  }

  names(): CommandName[] {
    return this.calls.map(([name]) => name);
  }

  private sendCommand(command: any): Promise<any> {
    return this.handle(command.constructor.name.replace(/Command$/, '') as CommandName, command.input);
  }

  /** One request, by operation name and input (the SDK's shapes), as the seam and the HTTP endpoint make it. */
  async handle(name: CommandName, input: any): Promise<any> {
    this.calls.push([name, input]);
    const fault = this.faults.get(name)?.shift();
    if (fault) {
      throw fault();
    }
    const now = this.clock.now();
    if (this.options.deniedUntil !== undefined && now < this.options.deniedUntil) {
      throw name === 'DescribeStacks' ? errors.accessDenied() : errors.forbidden();
    }
    const window = this.options.faultWindows?.find(w => w.from <= now && now < w.until && (w.commands ?? [name]).includes(name));
    if (window) {
      throw window.fault();
    }
    if (name === 'DescribeStacks') {
      return { Stacks: [{ StackId: STACK_ID, StackName: 'Orders', StackStatus: this.stackStatus, CreationTime: new Date(START - 40 * MINUTE) }] };
    }
    if (this.deletedAt !== undefined && this.clock.now() >= this.deletedAt) {
      throw errors.notFound();
    }
    switch (name) {
      case 'DescribeClusterV2': return { ClusterInfo: this.clusterInfo() };
      case 'ListClusterOperationsV2': return { ClusterOperationInfoList: this.operations().map(({ detail, ...summary }) => summary) };
      case 'DescribeClusterOperationV2': return this.describeOperation(input.ClusterOperationArn);
      case 'UpdateConnectivity': return this.updateConnectivity(input);
      case 'GetBootstrapBrokers': return this.bootstrapBrokers();
    }
    throw new Error(`unexpected command ${name}`);
  }

  private get switchEndsAt() {
    return this.switchStartedAt === undefined ? undefined : this.switchStartedAt + (this.options.switchDuration ?? 25 * MINUTE);
  }

  private switchState(): string | undefined {
    if (this.switchStartedAt === undefined) {
      return undefined;
    }
    if (this.clock.now() < this.switchEndsAt!) {
      return this.clock.now() < this.switchStartedAt + MINUTE ? 'PENDING' : 'UPDATE_IN_PROGRESS';
    }
    return this.options.switchFails ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE';
  }

  private clusterInfo() {
    const now = this.clock.now();
    const switchState = this.switchState();
    const dual = this.options.networkType === 'DUAL' || switchState === 'UPDATE_COMPLETE' || (this.options.reportsDualEarly && switchState !== undefined);
    let state = 'ACTIVE';
    if (this.deletedAt !== undefined) {
      state = 'DELETING';
    } else if (this.options.initialState !== undefined && now < (this.options.activeAt ?? Infinity)) {
      state = this.options.initialState;
    } else if (this.options.busyUntil !== undefined && now < this.options.busyUntil && !this.options.readsActiveWhileBusy) {
      state = 'UPDATING';
    } else if (switchState !== undefined && switchState !== 'UPDATE_COMPLETE' && !this.options.reportsDualEarly) {
      state = switchState === 'UPDATE_FAILED' ? 'ACTIVE' : 'UPDATING';
    }
    const connectivity = { NetworkType: dual ? 'DUAL' : 'IPV4' };
    return {
      ClusterArn: CLUSTER_ARN,
      ClusterName: 'orders',
      State: state,
      CurrentVersion: this.versionAt(now - (this.options.versionReadLag ?? 0)),
      StateInfo: state === 'FAILED' ? { Code: 'InternalError', Message: 'Broker creation failed in subnet-1' } : undefined,
      ...this.options.serverless ? { ClusterType: 'SERVERLESS', Serverless: { ConnectivityInfo: connectivity } } : {
        ClusterType: 'PROVISIONED',
        Provisioned: {
          BrokerNodeGroupInfo: { ClientSubnets: ['subnet-1', 'subnet-2'], InstanceType: 'kafka.m7g.large', ConnectivityInfo: connectivity },
          ClientAuthentication: this.options.clientAuthentication
            ?? { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Unauthenticated: { Enabled: false } },
          EncryptionInfo: { EncryptionInTransit: { ClientBroker: this.options.clientBroker ?? 'TLS', InCluster: true } },
        },
      },
    };
  }

  /** The target (or source) network type of an UPDATE_CONNECTIVITY operation, in the shape of DescribeClusterOperationV2. */
  private connectivityDetail(source: object, target: object) {
    return this.options.serverless
      ? { Serverless: { SourceClusterInfo: source, TargetClusterInfo: target } }
      : { Provisioned: { SourceClusterInfo: { ConnectivityInfo: source }, TargetClusterInfo: { ConnectivityInfo: target } } };
  }

  private operations() {
    const now = this.clock.now();
    const history: any[] = [{
      OperationArn: `${OPERATION_ARN}/create`,
      OperationType: 'CREATE',
      OperationState: 'CREATE_COMPLETE',
      StartTime: new Date(START - 40 * MINUTE),
      EndTime: new Date(START - 20 * MINUTE),
    }];
    if (this.options.networkType === 'DUAL' && !this.options.historyPruned) {
      history.push({
        OperationArn: `${OPERATION_ARN}/earlier-switch`,
        OperationType: 'UPDATE_CONNECTIVITY',
        OperationState: 'UPDATE_COMPLETE',
        StartTime: new Date(START - 18 * MINUTE),
        EndTime: new Date(START - 2 * MINUTE),
        detail: this.connectivityDetail({ NetworkType: 'IPV4' }, { NetworkType: 'DUAL' }),
      });
    }
    if (this.options.busyUntil !== undefined) {
      history.push({
        OperationArn: `${OPERATION_ARN}/other`,
        OperationType: 'UPDATE_BROKER_STORAGE',
        OperationState: now < this.options.busyUntil ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE',
        StartTime: new Date(this.options.busyUntil - 10 * MINUTE),
      });
    }
    const publicAt = this.options.publicAccessChangeAt;
    if (publicAt !== undefined && now >= publicAt) {
      const networkType = this.options.networkType ?? 'IPV4';
      history.push({
        OperationArn: `${OPERATION_ARN}/public-access`,
        OperationType: 'UPDATE_CONNECTIVITY',
        OperationState: now < publicAt + 2 * MINUTE ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE',
        StartTime: new Date(publicAt),
        ...now < publicAt + 2 * MINUTE ? {} : { EndTime: new Date(publicAt + 2 * MINUTE) },
        detail: this.connectivityDetail({ NetworkType: networkType, PublicAccess: { Type: 'DISABLED' } }, { NetworkType: networkType, PublicAccess: { Type: 'SERVICE_PROVIDED_EIPS' } }),
      });
    }
    const state = this.switchState();
    if (state !== undefined && now >= this.switchStartedAt! + (this.options.listingLag ?? 0)) {
      history.push({
        OperationArn: `${OPERATION_ARN}/switch`,
        OperationType: 'UPDATE_CONNECTIVITY',
        OperationState: state,
        StartTime: new Date(this.switchStartedAt!),
        ...state.startsWith('UPDATE_IN') || state === 'PENDING' ? {} : { EndTime: new Date(this.switchEndsAt!) },
        ...state === 'UPDATE_FAILED' ? { ErrorInfo: { ErrorCode: 'InvalidSubnet', ErrorString: 'Subnet subnet-1 has no IPv6 CIDR block' } } : {},
        detail: this.connectivityDetail({ NetworkType: 'IPV4' }, { NetworkType: 'DUAL' }),
      });
    }
    return history;
  }

  private describeOperation(arn: string) {
    const op = this.operations().find(o => o.OperationArn === arn);
    if (op === undefined) {
      throw new NotFoundException({ message: `The operation ${arn} does not exist.`, ...metadata(404) });
    }
    const { detail, ...summary } = op;
    const { ErrorInfo, ...rest } = summary;
    return { ClusterOperationInfo: { ClusterArn: CLUSTER_ARN, ...rest, ...ErrorInfo ? { ErrorInfo } : {}, ...detail } };
  }

  private updateConnectivity(input: any) {
    const now = this.clock.now();
    if ((this.options.busyUntil !== undefined && now < this.options.busyUntil) || this.switchStartedAt !== undefined) {
      throw errors.conflict();
    }
    if (this.clusterInfo().State !== 'ACTIVE') {
      throw errors.badRequest();
    }
    if (this.staleVersionsLeft > 0) {
      this.staleVersionsLeft--;
      this.versions.push([now, `K${this.versions.length}STALE${this.staleVersionsLeft}`]);
    }
    if (input.CurrentVersion !== this.versionAt(now)) {
      throw errors.staleVersion();
    }
    this.switchStartedAt = now;
    this.versions.push([now, 'K9DUALSWITCHED']);
    return { ClusterArn: CLUSTER_ARN, ClusterOperationArn: `${OPERATION_ARN}/switch` };
  }

  /** The cluster's version at a time: every update makes a new one. */
  private versionAt(time: number): string {
    return this.versions.filter(([since]) => since <= time).pop()![1];
  }

  /** The version now. */
  get version() {
    return this.versionAt(this.clock.now());
  }

  private bootstrapBrokers() {
    const ipv4 = { BootstrapBrokerStringSaslIam: 'b-1.orders.abc.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.orders.abc.c2.kafka.eu-west-1.amazonaws.com:9098' };
    const info: any = this.clusterInfo();
    const all: Record<string, string> = (info.Provisioned?.BrokerNodeGroupInfo ?? info.Serverless).ConnectivityInfo.NetworkType === 'DUAL'
      ? { ...ipv4, BootstrapBrokerStringSaslIamIpv6: 'bi6-1.orders.abc.c2.kafka.eu-west-1.amazonaws.com:20098,bi6-2.orders.abc.c2.kafka.eu-west-1.amazonaws.com:20098' }
      : ipv4;
    if (this.options.clientAuthentication !== undefined) {
      all.BootstrapBrokerStringTls = 'b-1.orders.abc.c2.kafka.eu-west-1.amazonaws.com:9094';
      all.BootstrapBrokerStringTlsIpv6 = 'bi6-1.orders.abc.c2.kafka.eu-west-1.amazonaws.com:20094';
    }
    for (const field of this.options.missingBrokers ?? []) {
      delete all[field];
    }
    return all;
  }
}

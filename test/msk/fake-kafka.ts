// A fake Kafka control plane and CloudFormation for the switch handler: one cluster that moves
// through MSK's states on a fake clock, with faults a test can inject per call.
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  BadRequestException, ConflictException, DescribeClusterV2Command, ForbiddenException, GetBootstrapBrokersCommand, ListClusterOperationsV2Command,
  NotFoundException, ServiceUnavailableException, TooManyRequestsException, UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { Clock, SwitchApis } from '../../lib/msk/handlers/dual-stack-switch.handler';

export const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2';
export const STACK_ID = 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Orders/9f8e7d6c-0000-1111-2222-333344445555';
export const MINUTE = 60_000;

/** A clock whose sleeps pass at once. */
export class FakeClock implements Clock {
  constructor(public time = Date.parse('2026-12-01T12:00:00Z')) {}
  now() { return this.time; }
  async sleep(ms: number) { this.time += ms; }
  random() { return 0.5; }
}

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
/** Errors as @aws-sdk/client-kafka throws them. */
export const errors = {
  throttled: () => new TooManyRequestsException({ message: 'Too Many Requests', ...metadata(429) }),
  unavailable: () => new ServiceUnavailableException({ message: 'Service Unavailable', ...metadata(503) }),
  network: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  conflict: () => new ConflictException({ message: 'The cluster is being updated. Retry once the operation completes.', ...metadata(409) }),
  notFound: () => new NotFoundException({ message: 'The specified cluster ARN does not exist.', ...metadata(404) }),
  forbidden: () => new ForbiddenException({ message: 'User is not authorized to perform: kafka:DescribeClusterV2', ...metadata(403) }),
  badRequest: () => new BadRequestException({ message: 'Client subnets subnet-1 have no IPv6 CIDR block.', ...metadata(400) }),
};

type CommandName = 'DescribeClusterV2' | 'ListClusterOperationsV2' | 'UpdateConnectivity' | 'GetBootstrapBrokers' | 'DescribeStacks';

export interface FakeClusterOptions {
  /** The cluster's state until `activeAt`, then ACTIVE. */
  readonly initialState?: string;
  readonly activeAt?: number;
  readonly networkType?: 'IPV4' | 'DUAL';
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
  /** Bootstrap broker fields GetBootstrapBrokers leaves out (an old SDK, or MSK not ready). */
  readonly missingBrokers?: string[];
  /** Another operation holds the cluster until then: UPDATING, and UpdateConnectivity answers 409. */
  readonly busyUntil?: number;
  /** DescribeClusterV2 reads ACTIVE while that other operation runs (a stale read). */
  readonly readsActiveWhileBusy?: boolean;
  readonly stackStatus?: string;
}

/** One MSK cluster on a fake clock; records every call. */
export class FakeKafka implements SwitchApis {
  readonly calls: Array<[CommandName, any]> = [];
  private readonly faults = new Map<CommandName, Array<() => Error>>();
  private switchStartedAt?: number;
  private deletedAt?: number;
  readonly kafka: SwitchApis['kafka'] = { send: command => this.send(command) };
  readonly cloudFormation: SwitchApis['cloudFormation'] = { send: command => this.send(command) };

  constructor(private readonly clock: FakeClock, private readonly options: FakeClusterOptions = {}) {}

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

  private async send(command: any): Promise<any> {
    const name = command.constructor.name.replace(/Command$/, '') as CommandName;
    this.calls.push([name, command.input]);
    const fault = this.faults.get(name)?.shift();
    if (fault) {
      throw fault();
    }
    if (command instanceof DescribeStacksCommand) {
      return { Stacks: [{ StackId: STACK_ID, StackStatus: this.options.stackStatus ?? 'CREATE_IN_PROGRESS' }] };
    }
    if (this.deletedAt !== undefined && this.clock.now() >= this.deletedAt) {
      throw errors.notFound();
    }
    if (command instanceof DescribeClusterV2Command) {
      return { ClusterInfo: this.clusterInfo() };
    }
    if (command instanceof ListClusterOperationsV2Command) {
      return { ClusterOperationInfoList: this.operations() };
    }
    if (command instanceof UpdateConnectivityCommand) {
      return this.updateConnectivity(command.input);
    }
    if (command instanceof GetBootstrapBrokersCommand) {
      return this.bootstrapBrokers();
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
      State: state,
      CurrentVersion: this.version,
      StateInfo: state === 'FAILED' ? { Code: 'InternalError', Message: 'Broker creation failed in subnet-1' } : undefined,
      ...this.options.serverless ? { ClusterType: 'SERVERLESS', Serverless: { ConnectivityInfo: connectivity } } : {
        ClusterType: 'PROVISIONED',
        Provisioned: {
          BrokerNodeGroupInfo: { ConnectivityInfo: connectivity },
          ClientAuthentication: this.options.clientAuthentication
            ?? { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Unauthenticated: { Enabled: false } },
          EncryptionInfo: { EncryptionInTransit: { ClientBroker: this.options.clientBroker ?? 'TLS', InCluster: true } },
        },
      },
    };
  }

  private operations() {
    const history = [{
      OperationArn: `${CLUSTER_ARN.replace(':cluster/', ':cluster-operation/')}/create`,
      OperationType: 'CREATE',
      OperationState: 'CREATE_COMPLETE',
      StartTime: new Date(Date.parse('2026-12-01T11:20:00Z')),
    }];
    if (this.options.busyUntil !== undefined) {
      history.push({
        OperationArn: `${CLUSTER_ARN.replace(':cluster/', ':cluster-operation/')}/other`,
        OperationType: 'UPDATE_BROKER_STORAGE',
        OperationState: this.clock.now() < this.options.busyUntil ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE',
        StartTime: new Date(this.options.busyUntil - 10 * MINUTE),
      });
    }
    const state = this.switchState();
    if (state !== undefined) {
      history.push({
        OperationArn: `${CLUSTER_ARN.replace(':cluster/', ':cluster-operation/')}/switch`,
        OperationType: 'UPDATE_CONNECTIVITY',
        OperationState: state,
        StartTime: new Date(this.switchStartedAt!),
        ...state.startsWith('UPDATE_IN') || state === 'PENDING' ? {} : { EndTime: new Date(this.switchEndsAt!) },
      } as any);
    }
    return history;
  }

  private updateConnectivity(input: any) {
    const now = this.clock.now();
    if ((this.options.busyUntil !== undefined && now < this.options.busyUntil) || this.switchStartedAt !== undefined) {
      throw errors.conflict();
    }
    if (this.clusterInfo().State !== 'ACTIVE') {
      throw errors.badRequest();
    }
    if (input.CurrentVersion !== this.version) {
      throw new BadRequestException({ message: 'The cluster version does not match the current version.', $metadata: { httpStatusCode: 400 } });
    }
    this.switchStartedAt = now;
    return { ClusterArn: CLUSTER_ARN, ClusterOperationArn: `${CLUSTER_ARN.replace(':cluster/', ':cluster-operation/')}/switch` };
  }

  /** The cluster's version: a completed operation makes a new one. */
  get version() {
    return this.options.busyUntil !== undefined && this.clock.now() >= this.options.busyUntil ? 'K1PA6795UKM5R7' : 'K3AEGXETSR30VB';
  }

  private bootstrapBrokers() {
    const ipv4 = { BootstrapBrokerStringSaslIam: 'b-1.orders.abc.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.orders.abc.c2.kafka.eu-west-1.amazonaws.com:9098' };
    const info: any = this.clusterInfo();
    const all: Record<string, string> = (info.Provisioned ?? info.Serverless).ConnectivityInfo?.NetworkType === 'DUAL' || info.Provisioned?.BrokerNodeGroupInfo.ConnectivityInfo.NetworkType === 'DUAL'
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

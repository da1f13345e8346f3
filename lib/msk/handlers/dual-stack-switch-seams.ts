// What the switch's logic needs from the outside world (API clients, time, its own identity),
// and how the Lambda entry points build it from what the runtime gives them. Tests build their
// own: the entry points in dual-stack-switch.handler.ts take only (event, context).
// Devdependencies on purpose: esbuild bundles them into the function's asset; the package never loads them.
// eslint-disable-next-line import/no-extraneous-dependencies
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
// eslint-disable-next-line import/no-extraneous-dependencies
import {
  DescribeClusterOperationV2Command, DescribeClusterV2Command, GetBootstrapBrokersCommand, KafkaClient, ListClusterOperationsV2Command,
  UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { HANDLER_ROLE_ARN_VARIABLE } from '../dual-stack-switch-environment';
import { CONNECTION_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS, SDK_ATTEMPTS } from '../dual-stack-switch-timing';

type KafkaCommand = DescribeClusterV2Command | ListClusterOperationsV2Command | DescribeClusterOperationV2Command
| UpdateConnectivityCommand | GetBootstrapBrokersCommand;

/** The API clients the handler calls. */
export interface SwitchApis {
  readonly kafka: { send(command: KafkaCommand): Promise<any> };
  readonly cloudFormation: { send(command: DescribeStacksCommand): Promise<any> };
}

/** Time, for the deadline and the pauses between retries. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter of the pauses. */
  random(): number;
}

/** Who is calling, for the messages of access denied. */
export interface Caller {
  readonly roleArn?: string;
  readonly functionName?: string;
}

/** Everything the switch's logic takes from outside. */
export interface SwitchSeams {
  readonly apis: SwitchApis;
  readonly clock: Clock;
  readonly caller: Caller;
}

/**
 * The part of the Node.js runtime's context object the switch reads (the runtime passes more:
 * awsRequestId, invokedFunctionArn, logGroupName, callbackWaitsForEmptyEventLoop and so on).
 */
export interface LambdaContext {
  readonly functionName?: string;
  readonly awsRequestId?: string;
  getRemainingTimeInMillis?(): number;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

let sdkClients: SwitchApis | undefined;

/**
 * The seams of a Lambda invocation: SDK v3 clients (region, credentials and endpoints from the
 * environment, as the runtime sets them), the system clock, the role from the variable the
 * construct sets and the function's name from the context.
 */
export function runtimeSeams(context: LambdaContext | undefined): SwitchSeams {
  // Few tries per request, each bounded: the loop in isComplete does the patient retrying, within the function's timeout.
  const config = {
    maxAttempts: SDK_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_SECONDS * 1000, requestTimeout: REQUEST_TIMEOUT_SECONDS * 1000 },
  };
  // Kept across invocations of a warm function, as the SDK's connection reuse expects.
  sdkClients ??= { kafka: new KafkaClient(config), cloudFormation: new CloudFormationClient(config) };
  return {
    apis: sdkClients,
    clock: SYSTEM_CLOCK,
    caller: {
      roleArn: process.env[HANDLER_ROLE_ARN_VARIABLE],
      functionName: context?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME,
    },
  };
}

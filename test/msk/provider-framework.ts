// aws-cdk-lib's real Provider-framework runtime (the onEvent, isComplete and onTimeout functions
// it deploys), driven the way its waiter state machine drives it, with the switch handler as the
// user functions. Only the framework's outbound calls (Lambda Invoke, StartExecution, the
// response PUT to CloudFormation) are replaced: Invoke calls the user function as Lambda does,
// `handler(event, context)`, with a context shaped like the Node.js runtime's.
import * as path from 'path';
import { CLUSTER_ARN, STACK_ID } from './fake-kafka';
import { FRAMEWORK_TOTAL_TIMEOUT_SECONDS, IS_COMPLETE_TIMEOUT_SECONDS, ON_EVENT_TIMEOUT_SECONDS, QUERY_INTERVAL_SECONDS } from '../../lib/msk/dual-stack-switch-timing';
import { SwitchEvent } from '../../lib/msk/handlers/dual-stack-switch-steps';

const RUNTIME = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'custom-resources', 'lib', 'provider-framework', 'runtime');

/** What the framework PUT to CloudFormation's response URL. */
export interface CloudFormationResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
  /** Time from the request to the response, on the scenario's clock. */
  readonly elapsedMs: number;
}

export interface Request {
  readonly RequestType: SwitchEvent['RequestType'];
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties?: Partial<SwitchEvent['ResourceProperties']>;
}

/** A Lambda function as the runtime calls it. */
export type LambdaHandler = (event: any, context: any) => Promise<any>;

/** The two user functions of the provider. */
export interface UserFunctions {
  readonly onEvent: LambdaHandler;
  readonly isComplete: LambdaHandler;
}

/** The waiter's time: the state machine's pause between isComplete calls passes on it. */
export interface WaiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const ON_EVENT_FUNCTION = 'Orders-Ipv6ReadyMskDualStackSwitchProviderOnEvent-AbCdEf012345';
export const IS_COMPLETE_FUNCTION = 'Orders-Ipv6ReadyMskDualStackSwitchProviderIsComplete-AbCdEf012345';

/** A context object with the fields and methods the Node.js runtime gives every invocation. */
export function lambdaContext(functionName: string, timeoutSeconds: number, time: WaiterTime, requestId: string) {
  const deadline = time.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111111111111:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/Orders-Ipv6ReadyMskDualStackSwitchProviderLogs',
    logStreamName: '2026/12/01/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - time.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Sends one CloudFormation request through the framework. The waiter state machine retries
 * isComplete on any error (the framework's "not yet" is an error) every QUERY_INTERVAL_SECONDS,
 * FRAMEWORK_TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS times, then calls onTimeout.
 */
export async function send(request: Request, user: UserFunctions, time: WaiterTime): Promise<CloudFormationResponse> {
  const responses: any[] = [];
  let execution: any;
  let invocations = 0;
  jest.resetModules();
  jest.doMock(path.join(RUNTIME, 'outbound'), () => ({
    startExecution: async (req: { input: string }) => {
      execution = JSON.parse(req.input);
      return {};
    },
    httpRequest: async (_options: unknown, body: string) => {
      responses.push(JSON.parse(body));
    },
    invokeFunction: async (req: { FunctionName: string; Payload: string }) => {
      // The payload crosses Lambda as JSON, both ways.
      const event = JSON.parse(req.Payload);
      const onEvent = req.FunctionName === 'user-on-event';
      const context = lambdaContext(onEvent ? ON_EVENT_FUNCTION : IS_COMPLETE_FUNCTION,
        onEvent ? ON_EVENT_TIMEOUT_SECONDS : IS_COMPLETE_TIMEOUT_SECONDS, time, `0000${++invocations}-aaaa-bbbb-cccc-dddddddddddd`);
      try {
        const result = await (onEvent ? user.onEvent : user.isComplete)(event, context);
        return { Payload: Buffer.from(JSON.stringify(result)) };
      } catch (e: any) {
        return { FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] })) };
      }
    },
  }));
  process.env.USER_ON_EVENT_FUNCTION_ARN = 'user-on-event';
  process.env.USER_IS_COMPLETE_FUNCTION_ARN = 'user-is-complete';
  process.env.WAITER_STATE_MACHINE_ARN = 'waiter';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const framework = require(path.join(RUNTIME, 'framework'));

  const start = time.now();
  await framework.onEvent({
    RequestType: request.RequestType,
    ServiceToken: 'provider',
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/response',
    StackId: STACK_ID,
    RequestId: 'a1b2c3d4-request',
    LogicalResourceId: 'KafkaDualStack',
    ResourceType: 'Custom::MskDualStackSwitch',
    PhysicalResourceId: request.PhysicalResourceId,
    ResourceProperties: { ServiceToken: 'provider', ClusterArn: CLUSTER_ARN, ...request.ResourceProperties },
  });
  if (execution !== undefined) {
    const maxAttempts = FRAMEWORK_TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS;
    for (let attempt = 0; responses.length === 0; attempt++) {
      try {
        await framework.isComplete(execution);
      } catch (error: any) {
        if (attempt === maxAttempts) {
          await framework.onTimeout({ Error: 'Retry', Cause: JSON.stringify({ errorMessage: error.message }) });
        } else {
          await time.sleep(QUERY_INTERVAL_SECONDS * 1000);
        }
      }
    }
  }
  expect(responses).toHaveLength(1);
  return { ...responses[0], elapsedMs: time.now() - start };
}

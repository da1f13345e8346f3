// aws-cdk-lib's real Provider-framework runtime (the onEvent, isComplete and onTimeout functions
// it deploys), driven the way its waiter state machine drives it, with the switch handler as the
// user functions. Only the framework's outbound calls (Lambda Invoke, StartExecution, the
// response PUT to CloudFormation) are replaced.
import * as path from 'path';
import { CLUSTER_ARN, FakeClock, STACK_ID } from './fake-kafka';
import { FRAMEWORK_TOTAL_TIMEOUT_SECONDS, QUERY_INTERVAL_SECONDS } from '../../lib/msk/dual-stack-switch-timing';
import { isComplete, onEvent, SwitchApis, SwitchEvent } from '../../lib/msk/handlers/dual-stack-switch.handler';

const RUNTIME = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'custom-resources', 'lib', 'provider-framework', 'runtime');

/** What the framework PUT to CloudFormation's response URL. */
export interface CloudFormationResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
  /** Time from the request to the response, on the fake clock. */
  readonly elapsedMs: number;
}

export interface Request {
  readonly RequestType: SwitchEvent['RequestType'];
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties?: Partial<SwitchEvent['ResourceProperties']>;
}

/**
 * Sends one CloudFormation request through the framework. The waiter state machine retries
 * isComplete on any error (the framework's "not yet" is an error) every QUERY_INTERVAL_SECONDS,
 * FRAMEWORK_TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS times, then calls onTimeout.
 */
export async function send(request: Request, apis: SwitchApis, clock: FakeClock): Promise<CloudFormationResponse> {
  const responses: any[] = [];
  let execution: any;
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
      const event = JSON.parse(req.Payload);
      try {
        const result = req.FunctionName === 'user-on-event' ? await onEvent(event, clock) : await isComplete(event, apis, clock);
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

  const start = clock.now();
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
          await clock.sleep(QUERY_INTERVAL_SECONDS * 1000);
        }
      }
    }
  }
  expect(responses).toHaveLength(1);
  return { ...responses[0], elapsedMs: clock.now() - start };
}

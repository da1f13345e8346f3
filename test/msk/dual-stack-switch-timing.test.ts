// The deadline arithmetic of the MSK switch: the handler gives up (naming what it last saw) before
// the Provider framework runs out of attempts (a bare "Operation timed out"), and both well
// before CloudFormation's hour for a custom resource.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MskDualStackSwitch } from '../../lib/msk';
import {
  CLOUDFORMATION_CUSTOM_RESOURCE_LIMIT_SECONDS, CONNECTION_TIMEOUT_SECONDS, FRAMEWORK_TOTAL_TIMEOUT_SECONDS, HANDLER_DEADLINE_SECONDS,
  IAM_PROPAGATION_SECONDS, INVOCATION_RETRY_BUDGET_SECONDS, IS_COMPLETE_TIMEOUT_SECONDS, MAX_REQUESTS_PER_LOOK, ON_EVENT_TIMEOUT_SECONDS,
  OPERATION_LISTING_GRACE_SECONDS, QUERY_INTERVAL_SECONDS, REQUEST_TIMEOUT_SECONDS, SDK_ATTEMPTS,
} from '../../lib/msk/dual-stack-switch-timing';

const MARGIN_SECONDS = 5 * 60;
const attempts = FRAMEWORK_TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS;

test('the framework makes a whole number of attempts (it refuses a timeout the interval does not divide)', () => {
  expect(Number.isInteger(attempts)).toBe(true);
  expect(attempts).toBe(110);
});

test('the handler\'s deadline passes before the framework\'s attempts run out', () => {
  // Call k + 1 starts at least k intervals after the first, so the last one starts after the deadline.
  expect(HANDLER_DEADLINE_SECONDS).toBeLessThanOrEqual(attempts * QUERY_INTERVAL_SECONDS);
});

test('the handler fails, at the latest, within CloudFormation\'s hour with five minutes to spare', () => {
  // onEvent, the deadline, one more pause and a call already running, then the last call.
  const latestFailure = ON_EVENT_TIMEOUT_SECONDS + HANDLER_DEADLINE_SECONDS + QUERY_INTERVAL_SECONDS + 2 * IS_COMPLETE_TIMEOUT_SECONDS;
  expect(latestFailure + MARGIN_SECONDS).toBeLessThanOrEqual(CLOUDFORMATION_CUSTOM_RESOURCE_LIMIT_SECONDS);
});

test('access denied is retried for at least five minutes (IAM propagation), and the failure naming the role still comes well before the deadline', () => {
  expect(IAM_PROPAGATION_SECONDS).toBeGreaterThanOrEqual(5 * 60);
  expect(IAM_PROPAGATION_SECONDS + INVOCATION_RETRY_BUDGET_SECONDS + QUERY_INTERVAL_SECONDS).toBeLessThan(HANDLER_DEADLINE_SECONDS);
});

test('a DUAL read waits for its operation to be listed for less than the deadline, so a cluster switched earlier still succeeds', () => {
  expect(OPERATION_LISTING_GRACE_SECONDS + QUERY_INTERVAL_SECONDS).toBeLessThan(HANDLER_DEADLINE_SECONDS);
});

test('one isComplete call, retries and its last look at the cluster, ends before the function times out', () => {
  const lastLook = MAX_REQUESTS_PER_LOOK * SDK_ATTEMPTS * (CONNECTION_TIMEOUT_SECONDS + REQUEST_TIMEOUT_SECONDS);
  expect(INVOCATION_RETRY_BUDGET_SECONDS + lastLook).toBeLessThanOrEqual(IS_COMPLETE_TIMEOUT_SECONDS);
});

test('the synthesized provider uses these figures', () => {
  const stack = new Stack(new App(), 'Stack');
  new MskDualStackSwitch(stack, 'Switch', { clusterArn: 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/uuid' });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.isComplete', Timeout: IS_COMPLETE_TIMEOUT_SECONDS });
  template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.onEvent', Timeout: ON_EVENT_TIMEOUT_SECONDS });
  const definition = JSON.stringify(Object.values<any>(template.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
  expect(definition).toContain(`\\"IntervalSeconds\\":${QUERY_INTERVAL_SECONDS},\\"MaxAttempts\\":${attempts},\\"BackoffRate\\":1`);
});

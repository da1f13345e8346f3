// Every scenario twice: through the logic's seam (fake clients, fake clock), and through the
// bundled Lambda asset called as the Node.js runtime calls it, `handler(event, context)`, against
// the same stateful fake MSK and CloudFormation over HTTP on 127.0.0.1, with the bundle's own
// SDK v3 clients (AWS_ENDPOINT_URL_KAFKA, AWS_ENDPOINT_URL_CLOUDFORMATION). Both go through
// aws-cdk-lib's real Provider-framework runtime, and must end the same way.
import { bundledAsset, loadBundle } from './bundled-handler';
import { CLUSTER_ARN, CommandName, errors, FakeClock, FakeClusterOptions, FakeKafka, MINUTE, ROLE_ARN, STACK_ID, START } from './fake-kafka';
import { FakeMskEndpoint } from './fake-msk-endpoint';
import { CloudFormationResponse, IS_COMPLETE_FUNCTION, Request, send, UserFunctions, WaiterTime } from './provider-framework';
import { seamFunctions } from './switch-seam';
import { VirtualTime } from './virtual-time';
import { HANDLER_ROLE_ARN_VARIABLE } from '../../lib/msk/dual-stack-switch-environment';
import { OPERATION_LISTING_GRACE_SECONDS } from '../../lib/msk/dual-stack-switch-timing';

const IAM_FIELDS = ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'];
const GUARDED = { RefuseStackDeletionWhileClusterExists: 'true' };
const create = (properties = {}): Request => ({ RequestType: 'Create', ResourceProperties: properties });
const guardedDelete: Request = { RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN, ResourceProperties: GUARDED };

interface Scenario {
  readonly name: string;
  readonly options?: FakeClusterOptions;
  /** The CloudFormation requests, in turn; between them the stack's status may change. */
  readonly requests: ReadonlyArray<Request | ((msk: FakeKafka) => Request)>;
  /** What must hold, whichever way the handler was called. */
  readonly check: (responses: CloudFormationResponse[], msk: FakeKafka) => void;
}

/** How long MSK takes to switch in these scenarios (25 minutes is typical; shorter here, for fewer requests over HTTP). */
const OPERATION = 10 * MINUTE;

const calls = (msk: FakeKafka, name: CommandName) => msk.calls.filter(([n]) => n === name).map(([, input]) => input);
const switchRequest = (version: string) => ({ ClusterArn: CLUSTER_ARN, CurrentVersion: version, ConnectivityInfo: { NetworkType: 'DUAL' } });

const SCENARIOS: Scenario[] = [
  {
    name: 'happy path: an ACTIVE IPv4 cluster is switched, and the strings read once the operation has completed',
    requests: [create({ RequiredBootstrapBrokers: IAM_FIELDS })],
    check: ([response], msk) => {
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: CLUSTER_ARN });
      expect(response.Data).toMatchObject({ BootstrapBrokerStringSaslIamIpv6: expect.stringMatching(/^bi6-1\..*:20098,bi6-2\..*:20098$/), BootstrapBrokerStringTlsIpv6: '' });
      expect(calls(msk, 'UpdateConnectivity')).toEqual([switchRequest('K3AEGXETSR30VB')]);
      expect(response.elapsedMs).toBeGreaterThanOrEqual(OPERATION);
    },
  },
  {
    name: 'serverless',
    options: { serverless: true },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('SUCCESS');
      expect(response.Data?.BootstrapBrokerStringSaslIamIpv6).toMatch(/^bi6-/);
      expect(response.elapsedMs).toBeGreaterThanOrEqual(OPERATION);
    },
  },
  {
    name: 'a cluster by ARN, no listeners named: those the cluster has enabled (TLS and IAM) are required',
    options: { clientAuthentication: { Sasl: { Iam: { Enabled: true } }, Tls: { Enabled: true, CertificateAuthorityArnList: ['arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/ca'] } } },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('SUCCESS');
      expect(response.Data).toMatchObject({ BootstrapBrokerStringTlsIpv6: expect.stringMatching(/:20094$/), BootstrapBrokerStringSaslIamIpv6: expect.stringMatching(/:20098$/) });
    },
  },
  {
    name: 'throttling (TooManyRequestsException, ThrottlingException) and 5xx while waiting: retried',
    options: {
      faultWindows: [
        { from: START + 2 * MINUTE, until: START + 4 * MINUTE, commands: ['ListClusterOperationsV2', 'DescribeClusterOperationV2'], fault: errors.throttled },
        { from: START + 4 * MINUTE, until: START + 6 * MINUTE, commands: ['DescribeClusterV2'], fault: errors.throttling },
        { from: START + 6 * MINUTE, until: START + 7 * MINUTE, fault: errors.unavailable },
        { from: START + 9 * MINUTE, until: START + 12 * MINUTE, commands: ['GetBootstrapBrokers'], fault: errors.internal },
      ],
    },
    requests: [create({ RequiredBootstrapBrokers: IAM_FIELDS })],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      // The strings are read once GetBootstrapBrokers answers again.
      expect(response.elapsedMs).toBeGreaterThanOrEqual(11 * MINUTE);
      expect(calls(msk, 'GetBootstrapBrokers').length).toBeGreaterThan(1);
    },
  },
  {
    name: '409: another operation holds the cluster; the switch is asked again with the version it then has',
    options: { busyUntil: START + 15 * MINUTE, readsActiveWhileBusy: true },
    requests: [create()],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      expect(calls(msk, 'UpdateConnectivity').at(-1)).toEqual(switchRequest('K1PA6795UKM5R7'));
      expect(response.elapsedMs).toBeGreaterThanOrEqual(15 * MINUTE + OPERATION);
    },
  },
  {
    name: '400 stale version ("The version of the cluster isn\'t current"): read again and retried',
    options: { staleVersions: 2 },
    requests: [create()],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      expect(calls(msk, 'UpdateConnectivity')).toHaveLength(3);
    },
  },
  {
    name: 'another 400: final, with MSK\'s own message first',
    options: { faultWindows: [{ from: 0, until: Infinity, commands: ['UpdateConnectivity'], fault: errors.badRequest }] },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toMatch(/^MSK refused UpdateConnectivity on the cluster \S+: BadRequestException \(HTTP 400\): Client subnets subnet-1 have no IPv6 CIDR block\. /);
      expect(response.elapsedMs).toBeLessThan(MINUTE);
    },
  },
  {
    name: 'DUAL read before the operation is listed (90 s): done only when the operation is',
    options: { reportsDualEarly: true, listingLag: 90_000, versionReadLag: 60_000 },
    requests: [create()],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      expect(response.elapsedMs).toBeGreaterThanOrEqual(OPERATION);
      expect(calls(msk, 'UpdateConnectivity').filter(c => c.CurrentVersion === 'K3AEGXETSR30VB').length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'another UPDATE_CONNECTIVITY (public access) completes meanwhile: not taken for ours',
    options: { reportsDualEarly: true, listingLag: 5 * MINUTE, publicAccessChangeAt: START + 10_000 },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('SUCCESS');
      expect(response.elapsedMs).toBeGreaterThanOrEqual(OPERATION);
    },
  },
  {
    name: 'already dual-stack (switched by an earlier deployment): done at once',
    options: { networkType: 'DUAL' },
    requests: [create()],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      expect(calls(msk, 'UpdateConnectivity')).toEqual([]);
      expect(response.elapsedMs).toBeLessThan(MINUTE);
    },
  },
  {
    name: 'already dual-stack, the earlier switch gone from the history: done once MSK has had time to list a switch of this deployment',
    options: { networkType: 'DUAL', historyPruned: true },
    requests: [create()],
    check: ([response], msk) => {
      expect(response.Status).toBe('SUCCESS');
      expect(calls(msk, 'UpdateConnectivity')).toEqual([]);
      expect(response.elapsedMs).toBeGreaterThanOrEqual(OPERATION_LISTING_GRACE_SECONDS * 1000);
    },
  },
  {
    name: 'the deadline: an operation that never ends fails before CloudFormation\'s hour, naming its state',
    options: { switchDuration: 10 * 60 * MINUTE },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toMatch(/within 50 minutes\. Last seen: its UpdateConnectivity operation arn:aws:kafka:\S+\/switch is UPDATE_IN_PROGRESS/);
      expect(response.elapsedMs).toBeGreaterThanOrEqual(50 * MINUTE);
      expect(response.elapsedMs).toBeLessThan(55 * MINUTE);
    },
  },
  {
    name: 'IAM propagating for 3 minutes: access denied is retried',
    options: { deniedUntil: START + 3 * MINUTE },
    requests: [create()],
    check: ([response]) => expect(response.Status).toBe('SUCCESS'),
  },
  {
    name: 'access denied for good: fails after the propagation bound, naming the action and the role',
    options: { deniedUntil: Infinity },
    requests: [create()],
    check: ([response]) => {
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toContain(`kafka:DescribeClusterV2 on ${CLUSTER_ARN} was denied for 6 minutes or more: ForbiddenException (HTTP 403)`);
      expect(response.Reason).toContain(`The role ${ROLE_ARN} (function ${IS_COMPLETE_FUNCTION})`);
      expect(response.elapsedMs).toBeGreaterThanOrEqual(5 * MINUTE);
    },
  },
  {
    name: 'rollback of a failed create: the switch fails, and the rollback\'s delete goes ahead',
    options: { switchFails: true },
    requests: [create(GUARDED), msk => {
      msk.stackStatus = 'ROLLBACK_IN_PROGRESS';
      return guardedDelete;
    }],
    check: ([created, deleted], msk) => {
      expect(created.Status).toBe('FAILED');
      expect(created.Reason).toMatch(/UpdateConnectivity operation \S+\/switch on the cluster \S+ ended UPDATE_FAILED \(InvalidSubnet: Subnet subnet-1 has no IPv6 CIDR block\)/);
      expect(deleted.Status).toBe('SUCCESS');
      expect(calls(msk, 'DescribeStacks')).toEqual([{ StackName: STACK_ID }]);
    },
  },
  {
    name: 'the destroy guard: deleting the stack while it retains a cluster that exists is refused',
    options: { networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS' },
    requests: [guardedDelete],
    check: ([response]) => {
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toContain(`Not deleting the stack: it retains the MSK cluster ${CLUSTER_ARN}`);
    },
  },
  {
    name: 'the destroy guard, DescribeStacks denied for good: fails, never lets the deletion through unchecked',
    options: { networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS', faultWindows: [{ from: 0, until: Infinity, commands: ['DescribeStacks'], fault: errors.accessDenied }] },
    requests: [guardedDelete],
    check: ([response]) => {
      expect(response.Status).toBe('FAILED');
      expect(response.Reason).toContain(`cloudformation:DescribeStacks on ${STACK_ID} was denied for 6 minutes or more: AccessDenied (HTTP 403)`);
      expect(response.Reason).toContain('--retain-resources KafkaDualStack');
    },
  },
];

async function run(scenario: Scenario, msk: FakeKafka, user: UserFunctions, time: WaiterTime) {
  const responses: CloudFormationResponse[] = [];
  for (const request of scenario.requests) {
    responses.push(await send(typeof request === 'function' ? request(msk) : request, user, time));
  }
  return responses;
}

async function throughSeam(scenario: Scenario) {
  const clock = new FakeClock();
  const msk = new FakeKafka(clock, { switchDuration: OPERATION, ...scenario.options });
  return { msk, responses: await run(scenario, msk, seamFunctions(msk, clock), clock) };
}

const endpoint = new FakeMskEndpoint();
let bundle: string;
const savedEnv = { ...process.env };

async function throughBundle(scenario: Scenario) {
  const time = new VirtualTime();
  const msk = new FakeKafka(time, { switchDuration: OPERATION, ...scenario.options });
  endpoint.model = msk;
  const restore = time.install();
  try {
    return { msk, responses: await run(scenario, msk, loadBundle(bundle), time) };
  } finally {
    restore();
  }
}

/** What CloudFormation receives, which must not depend on the way the handler was called. */
const outcome = (responses: CloudFormationResponse[]) =>
  responses.map(({ Status, Reason, PhysicalResourceId, Data }) => ({ Status, Reason, PhysicalResourceId, Data }));

beforeAll(async () => {
  bundle = bundledAsset();
  const url = await endpoint.start();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KAFKA: url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: url,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'fake-session-token',
    AWS_LAMBDA_FUNCTION_NAME: IS_COMPLETE_FUNCTION,
    [HANDLER_ROLE_ARN_VARIABLE]: ROLE_ARN,
  });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = savedEnv;
  await endpoint.stop();
});
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test.each(SCENARIOS.map(s => [s.name, s] as const))('%s: the same outcome through the seam and through the bundled asset', async (_name, scenario) => {
  const seam = await throughSeam(scenario);
  scenario.check(seam.responses, seam.msk);
  const bundled = await throughBundle(scenario);
  scenario.check(bundled.responses, bundled.msk);
  expect(outcome(bundled.responses)).toEqual(outcome(seam.responses));
  expect(endpoint.unrouted).toEqual([]);
}, 60_000);

test('the bundle exports the two entry points with the runtime\'s two parameters, and nothing else', () => {
  const user = loadBundle(bundle) as any;
  expect(Object.keys(user).sort()).toEqual(['isComplete', 'onEvent']);
  expect([user.onEvent.length, user.isComplete.length]).toEqual([2, 2]);
});

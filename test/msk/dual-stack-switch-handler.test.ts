// The switch handler through aws-cdk-lib's real Provider-framework runtime, against a fake MSK.
import { CLUSTER_ARN, errors, FakeClock, FakeClusterOptions, FakeKafka, MINUTE, ROLE_ARN, STACK_ID } from './fake-kafka';
import { send } from './provider-framework';
import { seamFunctions } from './switch-seam';
import { HANDLER_DEADLINE_SECONDS, INVOCATION_RETRY_BUDGET_SECONDS } from '../../lib/msk/dual-stack-switch-timing';
import { isCompleteWith, onEventWith } from '../../lib/msk/handlers/dual-stack-switch-steps';

const IAM_FIELDS = ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'];
const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

function setUp(options: FakeClusterOptions = {}) {
  const clock = new FakeClock();
  const msk = new FakeKafka(clock, options);
  return { clock, msk, create: (properties = {}) => send({ RequestType: 'Create', ResourceProperties: properties }, seamFunctions(msk, clock), clock) };
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('create: switched, and done only when the operation has succeeded', () => {
  test('an ACTIVE IPv4 cluster: one UpdateConnectivity with its version and the network type alone, then the strings', async () => {
    const { msk, create } = setUp();
    const response = await create({ RequiredBootstrapBrokers: IAM_FIELDS });
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: CLUSTER_ARN });
    expect(response.Data).toMatchObject({
      BootstrapBrokerStringSaslIamIpv6: expect.stringMatching(/^bi6-1\..*:20098,bi6-2\..*:20098$/),
      BootstrapBrokerStringSaslIam: expect.stringMatching(/:9098$/),
      BootstrapBrokerStringTlsIpv6: '',
    });
    expect(msk.calls.filter(([name]) => name === 'UpdateConnectivity')).toEqual([
      ['UpdateConnectivity', { ClusterArn: CLUSTER_ARN, CurrentVersion: 'K3AEGXETSR30VB', ConnectivityInfo: { NetworkType: 'DUAL' } }],
    ]);
    // MSK took 25 minutes; the framework polls every 30 seconds.
    expect(response.elapsedMs).toBeGreaterThanOrEqual(25 * MINUTE);
    expect(response.elapsedMs).toBeLessThan(26 * MINUTE);
  });

  test('stale read: DUAL and ACTIVE right after the switch is accepted do not end the wait', async () => {
    const { create } = setUp({ reportsDualEarly: true });
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    expect(response.elapsedMs).toBeGreaterThanOrEqual(25 * MINUTE);
  });

  test.each([
    ['CREATING', { initialState: 'CREATING', activeAt: Date.parse('2026-12-01T12:10:00Z') }],
    ['UPDATING', { initialState: 'UPDATING', activeAt: Date.parse('2026-12-01T12:10:00Z') }],
    ['MAINTENANCE', { initialState: 'MAINTENANCE', activeAt: Date.parse('2026-12-01T12:05:00Z') }],
  ])('a cluster that is %s is waited for, then switched', async (_state, options) => {
    const { msk, create } = setUp(options);
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    const switchedAt = msk.calls.findIndex(([name]) => name === 'UpdateConnectivity');
    expect(msk.calls.slice(0, switchedAt).filter(([name]) => name === 'DescribeClusterV2').length).toBeGreaterThan(5);
    expect(msk.names().filter(n => n === 'UpdateConnectivity')).toHaveLength(1);
    expect(response.elapsedMs).toBeGreaterThanOrEqual(25 * MINUTE + (options.activeAt - Date.parse('2026-12-01T12:00:00Z')));
  });

  test('409: another operation holds the cluster; the switch is asked again with the fresh version once it is done', async () => {
    // The cluster reads ACTIVE (stale) while another operation runs: UpdateConnectivity answers 409 until 12:12.
    const { msk, create } = setUp({ busyUntil: Date.parse('2026-12-01T12:12:00Z'), readsActiveWhileBusy: true });
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    const versions = msk.calls.filter(([name]) => name === 'UpdateConnectivity').map(([, input]) => input.CurrentVersion);
    // Once per framework call (every 30 seconds) for 12 minutes, not in a tight loop.
    expect(versions.length).toBeGreaterThan(20);
    expect(versions.length).toBeLessThanOrEqual(26);
    expect(new Set(versions.slice(0, -1))).toEqual(new Set(['K3AEGXETSR30VB']));
    expect(versions.at(-1)).toBe('K1PA6795UKM5R7');
  });

  test('a cluster UPDATING for another operation is waited for, then switched with the version that operation made', async () => {
    const { msk, create } = setUp({ busyUntil: Date.parse('2026-12-01T12:12:00Z') });
    expect((await create()).Status).toBe('SUCCESS');
    expect(msk.calls.filter(([name]) => name === 'UpdateConnectivity').map(([, input]) => input.CurrentVersion)).toEqual(['K1PA6795UKM5R7']);
  });

  test('409 answered to UpdateConnectivity itself is retried, not a failure', async () => {
    const { msk, create } = setUp();
    msk.fail('UpdateConnectivity', errors.conflict, errors.conflict);
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    expect(msk.names().filter(n => n === 'UpdateConnectivity')).toHaveLength(3);
  });

  test('a cluster already DUAL (switched before) is not switched again', async () => {
    const { msk, create } = setUp({ networkType: 'DUAL' });
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data!.BootstrapBrokerStringSaslIamIpv6).toMatch(/^bi6-/);
    expect(msk.names()).not.toContain('UpdateConnectivity');
  });

  test('serverless: the same switch, done on DUAL with the IAM strings', async () => {
    const { msk, create } = setUp({ serverless: true, switchDuration: 3 * MINUTE });
    const response = await create();
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data!.BootstrapBrokerStringSaslIamIpv6).toMatch(/:20098/);
    expect(msk.names()).toContain('UpdateConnectivity');
  });
});

describe('transient errors: retried with backoff until the handler\'s own deadline', () => {
  const calls = ['DescribeClusterV2', 'ListClusterOperationsV2', 'UpdateConnectivity', 'GetBootstrapBrokers'] as const;
  test.each(calls)('throttling, 503 and a dropped connection on %s, several times over: still SUCCESS', async (call) => {
    const { msk, create } = setUp();
    msk.fail(call, errors.throttled, errors.throttled, errors.throttled, errors.unavailable, errors.network, errors.throttled, errors.throttled);
    const response = await create({ RequiredBootstrapBrokers: IAM_FIELDS });
    expect(response.Status).toBe('SUCCESS');
    expect(msk.names().filter(n => n === call).length).toBeGreaterThan(7);
  });

  test('throttled on every call for good: FAILED before CloudFormation\'s hour, naming the cluster and the last error', async () => {
    const { msk, create } = setUp();
    msk.failAlways('DescribeClusterV2', errors.throttled);
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`The cluster ${CLUSTER_ARN} did not finish its switch to dual-stack within 50 minutes`);
    expect(response.Reason).toContain('Last seen: DescribeClusterV2: TooManyRequestsException (HTTP 429): Too Many Requests');
    expect(response.Reason).not.toContain('Operation timed out');
    expect(response.elapsedMs).toBeGreaterThanOrEqual(HANDLER_DEADLINE_SECONDS * 1000);
    expect(response.elapsedMs).toBeLessThan(55 * MINUTE);
  });

  test('an operation that never ends: FAILED at the deadline, naming its state', async () => {
    const { create } = setUp({ switchDuration: 10 * 60 * MINUTE });
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/within 50 minutes\. Last seen: its UpdateConnectivity operation arn:aws:kafka:.*\/switch is UPDATE_IN_PROGRESS/);
  });

  test('access denied while IAM propagates the new policy is retried', async () => {
    const { msk, create } = setUp();
    msk.fail('DescribeClusterV2', errors.forbidden, errors.forbidden, errors.forbidden);
    expect((await create()).Status).toBe('SUCCESS');
  });
});

describe('permanent errors: FAILED at once, naming the cluster and the cause', () => {
  test('404: no such cluster', async () => {
    const { msk, create } = setUp();
    msk.failAlways('DescribeClusterV2', errors.notFound);
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`DescribeClusterV2 on ${CLUSTER_ARN} failed: NotFoundException (HTTP 404)`);
    expect(response.Reason).toContain('check clusterArn');
    expect(response.elapsedMs).toBe(0);
  });

  test('access denied that outlasts IAM propagation', async () => {
    const { msk, create } = setUp();
    msk.failAlways('DescribeClusterV2', errors.forbidden);
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`kafka:DescribeClusterV2 on ${CLUSTER_ARN} was denied for 6 minutes or more: ForbiddenException (HTTP 403)`);
    expect(response.Reason).toContain(`The role ${ROLE_ARN} (function Orders-Ipv6ReadyMskDualStackSwitchProviderIsComplete-AbCdEf012345) needs kafka:DescribeClusterV2`);
    // IAM may take minutes to apply a new policy: at least five are waited for.
    expect(response.elapsedMs).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(response.elapsedMs).toBeLessThan(8 * MINUTE);
  });

  test('bad request: MSK refuses the switch; its own message comes first, then what MSK requires', async () => {
    const { msk, create } = setUp();
    msk.failAlways('UpdateConnectivity', errors.badRequest);
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(new RegExp(`^MSK refused UpdateConnectivity on the cluster ${CLUSTER_ARN}: BadRequestException \\(HTTP 400\\): Client subnets subnet-1 have no IPv6 CIDR block\\. If MSK's reason does not say why: .*every client subnet has an IPv6 block`));
    expect(response.elapsedMs).toBe(0);
  });

  test('a FAILED cluster', async () => {
    const { create } = setUp({ initialState: 'FAILED' });
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`The cluster ${CLUSTER_ARN} is FAILED (InternalError: Broker creation failed in subnet-1)`);
  });

  test('the switch operation fails', async () => {
    const { create } = setUp({ switchFails: true });
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/UpdateConnectivity operation arn:aws:kafka:.*\/switch on the cluster .* ended UPDATE_FAILED/);
  });
});

describe('never success with an empty IPv6 string', () => {
  test('by ARN without required listeners: the strings of the cluster\'s enabled listeners are required', async () => {
    const { create } = setUp({ missingBrokers: ['BootstrapBrokerStringSaslIamIpv6'] });
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`The cluster ${CLUSTER_ARN} is dual-stack, but GetBootstrapBrokers returned no BootstrapBrokerStringSaslIamIpv6`);
    // MSK gets a few minutes to publish the strings after the switch.
    expect(response.elapsedMs).toBeGreaterThanOrEqual(30 * MINUTE);
  });

  test('TLS and IAM enabled on the cluster: a missing TLS IPv6 string fails too', async () => {
    const { create } = setUp({
      clientAuthentication: { Sasl: { Iam: { Enabled: true } }, Tls: { Enabled: true, CertificateAuthorityArnList: ['arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/ca'] } },
      missingBrokers: ['BootstrapBrokerStringTlsIpv6'],
    });
    const response = await create();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain('returned no BootstrapBrokerStringTlsIpv6');
  });

  test('an already dual-stack cluster without its IPv6 string fails at once', async () => {
    const { create } = setUp({ networkType: 'DUAL', missingBrokers: ['BootstrapBrokerStringSaslIamIpv6'] });
    const response = await create();
    expect(response).toMatchObject({ Status: 'FAILED', elapsedMs: 0 });
  });
});

describe('delete', () => {
  const guarded = { RefuseStackDeletionWhileClusterExists: 'true' };

  test('of a resource whose create failed in onEvent: the framework answers, nothing is called', async () => {
    const { clock, msk } = setUp();
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: CREATE_FAILED_MARKER, ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: CREATE_FAILED_MARKER });
    expect(msk.calls).toEqual([]);
  });

  test('of a resource that never got the cluster\'s ARN: SUCCESS, nothing is called', async () => {
    const { clock, msk } = setUp({ stackStatus: 'DELETE_IN_PROGRESS' });
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: 'a1b2c3d4-request', ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response.Status).toBe('SUCCESS');
    expect(msk.calls).toEqual([]);
  });

  test('without the guard: SUCCESS, the cluster is never switched back', async () => {
    const { clock, msk } = setUp({ networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS' });
    expect((await send({ RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN }, seamFunctions(msk, clock), clock)).Status).toBe('SUCCESS');
    expect(msk.calls).toEqual([]);
  });

  test('deleting the stack while it retains a cluster that exists: refused, saying what to do', async () => {
    const { clock, msk } = setUp({ networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS' });
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN, ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain(`Not deleting the stack: it retains the MSK cluster ${CLUSTER_ARN}`);
    expect(response.Reason).toContain(`aws kafka delete-cluster --cluster-arn ${CLUSTER_ARN}`);
    expect(msk.calls[0]).toEqual(['DescribeStacks', { StackName: STACK_ID }]);
  });

  test('the rollback of a failed first deployment goes ahead (the cluster is deleted with it)', async () => {
    const { clock, msk } = setUp({ stackStatus: 'ROLLBACK_IN_PROGRESS' });
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN, ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response.Status).toBe('SUCCESS');
    expect(msk.names()).toEqual(['DescribeStacks']);
  });

  test('a cluster being deleted is waited for, then the stack deletion goes ahead', async () => {
    const { clock, msk } = setUp({ networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS' });
    msk.deleteCluster(12 * MINUTE);
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN, ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response.Status).toBe('SUCCESS');
    expect(response.elapsedMs).toBeGreaterThanOrEqual(12 * MINUTE);
  });

  test('a stack status that cannot be read never switches the guard off: denied past IAM propagation, the deletion fails saying why and the way out', async () => {
    const { clock, msk } = setUp({ networkType: 'DUAL', stackStatus: 'DELETE_IN_PROGRESS' });
    msk.failAlways('DescribeStacks', errors.accessDenied);
    const response = await send({ RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN, ResourceProperties: guarded }, seamFunctions(msk, clock), clock);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain('Not deleting the stack: the switch cannot tell its deletion from a rollback');
    expect(response.Reason).toContain(`cloudformation:DescribeStacks on ${STACK_ID} was denied for 6 minutes or more: AccessDenied (HTTP 403)`);
    expect(response.Reason).toContain(`The role ${ROLE_ARN}`);
    expect(response.Reason).toContain(`aws cloudformation delete-stack --stack-name ${STACK_ID} --retain-resources KafkaDualStack`);
    expect(response.elapsedMs).toBeGreaterThanOrEqual(5 * MINUTE);
  });
});

describe('the handler functions alone', () => {
  test('onEvent calls nothing and notes the start and the deadline', async () => {
    const clock = new FakeClock();
    const result = await onEventWith({ RequestType: 'Create', ResourceProperties: { ClusterArn: CLUSTER_ARN } }, { clock });
    expect(result).toEqual({
      PhysicalResourceId: CLUSTER_ARN, SwitchStartedAt: clock.now(), SwitchDeadline: clock.now() + HANDLER_DEADLINE_SECONDS * 1000,
    });
  });

  test('one isComplete call retries within its own budget, then answers "not yet"', async () => {
    const clock = new FakeClock();
    const msk = new FakeKafka(clock).failAlways('DescribeClusterV2', errors.throttled);
    const event = { RequestType: 'Create' as const, ResourceProperties: { ClusterArn: CLUSTER_ARN }, SwitchStartedAt: clock.now(), SwitchDeadline: clock.now() + 50 * MINUTE };
    await expect(isCompleteWith(event, { apis: msk, clock, caller: {} })).resolves.toEqual({ IsComplete: false });
    // Pauses of 0.75, 1.5, 3, 6, 6, 6 and 6 seconds (doubling up to 8 s, with jitter): 29.25 s of the 30-second budget.
    expect(msk.names()).toHaveLength(8);
    expect(clock.now() - event.SwitchStartedAt).toBeLessThanOrEqual(INVOCATION_RETRY_BUDGET_SECONDS * 1000);
  });
});

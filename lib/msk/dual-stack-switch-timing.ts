/**
 * How long the MSK dual-stack switch may take, for the provider (Lambda timeouts, polling) and the
 * handler (its own deadline) alike. No CDK imports: the handler bundle includes this file.
 *
 * CloudFormation waits at most one hour for a custom resource (its `ServiceTimeout` maximum and
 * default). The Provider framework polls `isComplete` every `QUERY_INTERVAL_SECONDS` at most
 * `FRAMEWORK_TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS` times and, when those run out, fails with
 * a bare "Operation timed out". The handler's own deadline comes first, so the failure names what
 * was last seen; test/msk/dual-stack-switch-timing.test.ts checks the arithmetic.
 */

/** CloudFormation's limit for a custom resource operation. */
export const CLOUDFORMATION_CUSTOM_RESOURCE_LIMIT_SECONDS = 3600;

/** The Provider framework's pause between two `isComplete` calls. */
export const QUERY_INTERVAL_SECONDS = 30;

/** The Provider framework's `totalTimeout`: `isComplete` runs at most this / the interval times. */
export const FRAMEWORK_TOTAL_TIMEOUT_SECONDS = 55 * 60;

/** How long after `onEvent` the handler gives up, naming the last state or error it saw. */
export const HANDLER_DEADLINE_SECONDS = 50 * 60;

/** How long one `isComplete` call keeps retrying throttled and failed requests before it returns "not yet". */
export const INVOCATION_RETRY_BUDGET_SECONDS = 30;

/** Bounds of one Kafka or CloudFormation API request, so that a hung connection cannot outlast the function. */
export const CONNECTION_TIMEOUT_SECONDS = 2;
export const REQUEST_TIMEOUT_SECONDS = 5;
/** Tries of one request by the SDK itself (the handler's loop does the patient retrying). */
export const SDK_ATTEMPTS = 2;
/** Pages of `ListClusterOperationsV2` (100 operations each) one look reads at most. */
export const MAX_OPERATION_PAGES = 2;
/** `DescribeClusterOperationV2` calls of one look at most (the only API that shows an operation's target network type). */
export const MAX_DESCRIBED_OPERATIONS = 2;
/**
 * Requests of one look at the cluster, at most: DescribeClusterV2, the pages, the operations
 * described, then UpdateConnectivity or GetBootstrapBrokers.
 */
export const MAX_REQUESTS_PER_LOOK = 1 + MAX_OPERATION_PAGES + MAX_DESCRIBED_OPERATIONS + 1;

/**
 * How long access denied is taken for IAM still propagating the switch's new policy (retried),
 * counted from `onEvent`; IAM documents no bound, and minutes have been seen.
 */
export const IAM_PROPAGATION_SECONDS = 6 * 60;

/**
 * How long a cluster that reads DUAL may go without the UpdateConnectivity operation that made it
 * so being listed: MSK's reads lag its writes, and `ListClusterOperationsV2` may list an operation
 * a minute or more after `DescribeClusterV2` shows its effect. Past this, with no such operation of
 * this deployment listed and none running, the cluster was switched before.
 */
export const OPERATION_LISTING_GRACE_SECONDS = 10 * 60;

/** The `isComplete` function's timeout: the retry budget, plus the requests of its last look. */
export const IS_COMPLETE_TIMEOUT_SECONDS = 120;

/** The `onEvent` function's timeout (it makes no API call). */
export const ON_EVENT_TIMEOUT_SECONDS = 30;

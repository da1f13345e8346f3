/**
 * What an error of the Kafka or CloudFormation API means for a wait of half an hour: worth another
 * try later, or final.
 *
 * What the APIs declare (@aws-sdk/client-kafka 3.1169, dist-types/commands/*Command.d.ts, `@throws`,
 * from MSK's service model):
 * - UpdateConnectivity: BadRequestException, ForbiddenException, InternalServerErrorException,
 *   NotFoundException, ServiceUnavailableException, UnauthorizedException. No ConflictException and
 *   no TooManyRequestsException: a stale CurrentVersion is a 400, "The version of the cluster isn't
 *   current. Check the current version and try again." (hashicorp/terraform-provider-aws#25061).
 * - DescribeClusterV2: BadRequestException, ForbiddenException, InternalServerErrorException,
 *   NotFoundException, UnauthorizedException.
 * - ListClusterOperationsV2 and DescribeClusterOperationV2: those of DescribeClusterV2, plus
 *   ServiceUnavailableException and TooManyRequestsException (429).
 * - GetBootstrapBrokers: BadRequestException, ConflictException, ForbiddenException,
 *   InternalServerErrorException, UnauthorizedException.
 * Undeclared errors still arrive (a throttling front end answers any operation with 429 or
 * ThrottlingException; CloudFormation's query API answers AccessDenied and Throttling), so the
 * classification goes by name and HTTP status, not by operation.
 */

/** How an API error is handled. */
export type ErrorKind =
  /** Throttling (429), a server error (5xx), a timeout or a dropped connection: try again. */
  | 'transient'
  /** 409: another operation holds the cluster; try again once it is done. */
  | 'conflict'
  /** 400 for a CurrentVersion that is no longer the cluster's: read the cluster again and retry. */
  | 'stale'
  /** 401/403: the caller may not do this (possibly a policy that IAM has not propagated yet). */
  | 'denied'
  /** Other 400s, 404 and anything else: retrying cannot help. */
  | 'permanent';

const TRANSIENT_NAMES = new Set([
  'TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded',
  'ServiceUnavailableException', 'InternalServerErrorException', 'InternalFailure', 'ServiceUnavailable',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const DENIED_NAMES = new Set(['ForbiddenException', 'UnauthorizedException', 'AccessDeniedException', 'AccessDenied']);
/**
 * MSK's answer to an update with a CurrentVersion that is not the cluster's ("The version of the
 * cluster isn’t current", typographic apostrophe in terraform-provider-aws#25061; any apostrophe here).
 * Narrow on purpose: another 400 taken for it would be retried until the deadline.
 */
const STALE_VERSION = /version of the cluster (isn.t|is not) current/i;

/** The kind of an error thrown by an AWS SDK v3 client (or by the network under it). */
export function errorKind(error: unknown): ErrorKind {
  const e = error as { name?: string; code?: string; message?: string; $retryable?: object; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  // $retryable: the SDK's own verdict (throttling and transient errors it knows of).
  if (TRANSIENT_NAMES.has(e?.name ?? '') || NETWORK_CODES.has(e?.code ?? '') || e?.$retryable !== undefined
    || status === 429 || (status !== undefined && status >= 500)) {
    return 'transient';
  }
  if (e?.name === 'ConflictException' || status === 409) {
    return 'conflict';
  }
  if ((e?.name === 'BadRequestException' || status === 400) && STALE_VERSION.test(e?.message ?? '')) {
    return 'stale';
  }
  if (DENIED_NAMES.has(e?.name ?? '') || status === 401 || status === 403) {
    return 'denied';
  }
  return 'permanent';
}

/** `Name (HTTP status): message`, for a log line or a failure reason. */
export function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return `${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${e?.message ?? String(error)}`;
}

/**
 * What an error of the Kafka or CloudFormation API means for a wait of half an hour: worth another
 * try later, or final.
 */

/** How an API error is handled. */
export type ErrorKind =
  /** Throttling (429), a server error (5xx), a timeout or a dropped connection: try again. */
  | 'transient'
  /** 409: another operation holds the cluster; try again once it is done. */
  | 'conflict'
  /** 401/403: the caller may not do this (possibly a policy that IAM has not propagated yet). */
  | 'denied'
  /** 400, 404 and anything else: retrying cannot help. */
  | 'permanent';

const TRANSIENT_NAMES = new Set([
  'TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded',
  'ServiceUnavailableException', 'InternalServerErrorException', 'InternalFailure', 'ServiceUnavailable',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const DENIED_NAMES = new Set(['ForbiddenException', 'UnauthorizedException', 'AccessDeniedException', 'AccessDenied']);

/** The kind of an error thrown by an AWS SDK v3 client (or by the network under it). */
export function errorKind(error: unknown): ErrorKind {
  const e = error as { name?: string; code?: string; $retryable?: object; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  // $retryable: the SDK's own verdict (throttling and transient errors it knows of).
  if (TRANSIENT_NAMES.has(e?.name ?? '') || NETWORK_CODES.has(e?.code ?? '') || e?.$retryable !== undefined
    || status === 429 || (status !== undefined && status >= 500)) {
    return 'transient';
  }
  if (e?.name === 'ConflictException' || status === 409) {
    return 'conflict';
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

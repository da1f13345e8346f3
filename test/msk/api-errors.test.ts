import { errors } from './fake-kafka';
import { describeError, ErrorKind, errorKind } from '../../lib/msk/handlers/api-errors';

test.each<[string, unknown, ErrorKind]>([
  ['429 TooManyRequestsException', errors.throttled(), 'transient'],
  ['503 ServiceUnavailableException', errors.unavailable(), 'transient'],
  ['a 500 of any name', Object.assign(new Error('x'), { name: 'InternalServerErrorException', $metadata: { httpStatusCode: 500 } }), 'transient'],
  ['a 502 from a proxy', Object.assign(new Error('Bad Gateway'), { name: 'Unknown', $metadata: { httpStatusCode: 502 } }), 'transient'],
  ['a dropped connection', errors.network(), 'transient'],
  ['a request timeout', Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }), 'transient'],
  ['what the SDK calls retryable', Object.assign(new Error('x'), { name: 'Weird', $retryable: {} }), 'transient'],
  ['409 ConflictException', errors.conflict(), 'conflict'],
  ['403 ForbiddenException', errors.forbidden(), 'denied'],
  ['401 UnauthorizedException', Object.assign(new Error('x'), { name: 'UnauthorizedException', $metadata: { httpStatusCode: 401 } }), 'denied'],
  ['CloudFormation\'s AccessDenied', Object.assign(new Error('x'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), 'denied'],
  ['404 NotFoundException', errors.notFound(), 'permanent'],
  ['400 BadRequestException', errors.badRequest(), 'permanent'],
  ['400 stale version, as MSK words it', errors.staleVersion(), 'stale'],
  ['400 stale version, straight apostrophe', Object.assign(new Error('The version of the cluster isn\'t current.'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } }), 'stale'],
  ['another 400 that mentions a version', Object.assign(new Error('Kafka version 2.8.1 does not support this feature.'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } }), 'permanent'],
  ['ThrottlingException (undeclared by MSK, answered by the throttling front end)', errors.throttling(), 'transient'],
  ['500 InternalServerErrorException', errors.internal(), 'transient'],
  ['a bug (TypeError)', new TypeError('cannot read properties of undefined'), 'permanent'],
])('%s is %s', (_name, error, kind) => {
  expect(errorKind(error)).toBe(kind);
});

test('describeError names the error, its HTTP status and its message', () => {
  expect(describeError(errors.throttled())).toBe('TooManyRequestsException (HTTP 429): Too Many Requests');
  expect(describeError(errors.network())).toBe('Error: socket hang up');
});

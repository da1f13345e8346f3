import { IConstruct } from 'constructs';

/**
 * Thrown for props that would synthesize a template that cannot deploy or would not work.
 *
 * The message starts with the construct path, so a user with many stacks knows where to look.
 * Not exported from the package: jsii cannot expose a subclass of `Error` to other languages.
 */
export class Ipv6ReadyValidationError extends Error {
  constructor(path: string, message: string) {
    super(`[${path}] ${message}`);
    this.name = 'ValidationError';
  }
}

/** Throws a validation error for the construct that will live at `scope`/`id`. */
export function invalidProp(scope: IConstruct, id: string | undefined, message: string): never {
  const path = id === undefined ? scope.node.path : [scope.node.path, id].filter(p => p).join('/');
  throw new Ipv6ReadyValidationError(path, message);
}

/**
 * The environment variables the MSK dual-stack switch's functions read, set by
 * `DualStackSwitchProvider`. No CDK imports: the handler bundle includes this file.
 */

/** The ARN of the functions' role, named when access is denied (the Lambda context carries no role). */
export const HANDLER_ROLE_ARN_VARIABLE = 'SWITCH_HANDLER_ROLE_ARN';

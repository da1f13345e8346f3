import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from '../core/validation';

/**
 * Checks that `clusterArn` (the value of the prop `propName`) names an MSK cluster, and with
 * `sameEnvironment` that it is in the stack's own account and region. Tokens pass.
 */
export function validateClusterArn(scope: Construct, propName: string, clusterArn: string, options: { sameEnvironment: boolean }): void {
  if (Token.isUnresolved(clusterArn)) {
    return;
  }
  const stack = Stack.of(scope);
  // splitArn's own error ("ARNs must start with arn:") would name no prop.
  const arn = clusterArn.startsWith('arn:') ? stack.splitArn(clusterArn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
  if (arn === undefined || arn.service !== 'kafka' || arn.resource !== 'cluster' || !arn.resourceName) {
    invalidProp(scope, undefined, `${propName}: '${clusterArn}' is not an MSK cluster ARN. Pass arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>.`);
  }
  if (!options.sameEnvironment) {
    return;
  }
  for (const [part, value, own] of [['region', arn.region, stack.region], ['account', arn.account, stack.account]]) {
    if (!Token.isUnresolved(own) && value !== own) {
      invalidProp(scope, undefined, `${propName}: '${clusterArn}' is in ${part} ${value}, and this stack deploys to ${own}. The switch calls the Kafka API of the stack's own ${part}: deploy it from a stack there.`);
    }
  }
}

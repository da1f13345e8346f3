import { Stack, Validations } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { awsManagedPolicyFinding } from './aws-solutions-findings';

const acknowledged = new WeakSet<IConstruct>();

/**
 * Records why the role of the stack's shared `AwsCustomResource` function may use
 * `AWSLambdaBasicExecutionRole`, on that function only: the same finding on a user's own roles
 * stays visible. Call it after creating an `AwsCustomResource`.
 */
export function acknowledgeSdkCallFunction(scope: IConstruct): void {
  const fn = Stack.of(scope).node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (fn === undefined || acknowledged.has(fn)) {
    return;
  }
  acknowledged.add(fn);
  Validations.of(fn).acknowledge({
    id: awsManagedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
    reason: 'The AWS-managed AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs. aws-cdk-lib\'s AwsCustomResource gives it to the one function that runs every SDK call of the stack; each call\'s permissions are a separate policy scoped to its resources.',
  });
}

import { CfnResource, Stack } from 'aws-cdk-lib';

/**
 * The CloudFormation properties `resource` will be synthesized with, resolved: after escape hatches
 * (`addPropertyOverride`, `addOverride`, assignments to L1 properties). Call it from a validation
 * (`node.addValidation`), which runs when the construct tree is final, so that a check made at
 * construction cannot be undone later without a clear error.
 */
export function finalProperties(resource: CfnResource): { [name: string]: any } {
  const rendered = Stack.of(resource).resolve((resource as unknown as { _toCloudFormation(): any })._toCloudFormation());
  const entry = Object.values(rendered.Resources ?? {})[0] as { Properties?: { [name: string]: any } } | undefined;
  return entry?.Properties ?? {};
}

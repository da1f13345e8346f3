import { CfnResource, Stack } from 'aws-cdk-lib';

/**
 * The properties of an L1 resource as they will be synthesized, resolved: after every escape hatch
 * (`addPropertyOverride`, assignments to the L1's fields). Validations that refuse an escape hatch
 * judge these, never the props the construct was given.
 */
export function finalProperties(resource: CfnResource): { [name: string]: any } {
  const synthesized = Stack.of(resource).resolve((resource as unknown as { _toCloudFormation(): any })._toCloudFormation());
  return (Object.values(synthesized.Resources)[0] as { Properties?: any }).Properties ?? {};
}

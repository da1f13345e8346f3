/**
 * What a template change replaces or removes, judged the way CloudFormation would.
 *
 * `@aws-cdk/cloudformation-diff` judges replacement from top-level properties only: on
 * `AWS::MSK::Cluster` a changed `BrokerNodeGroupInfo.SecurityGroups` shows as a plain update,
 * although CloudFormation replaces the cluster. The resource specification in
 * `@aws-cdk/aws-service-spec` marks such nested properties `causesReplacement`, so this helper
 * walks every changed nested property of a resource kept by the diff and asks the spec.
 */
import { isDeepStrictEqual } from 'util';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';

type Json = { [key: string]: any };

const DESTRUCTIVE = new Set([ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE, ResourceImpact.WILL_DESTROY, ResourceImpact.WILL_ORPHAN]);

let db: ReturnType<typeof loadAwsServiceSpecSync> | undefined;
function spec() {
  db ??= loadAwsServiceSpecSync();
  return db;
}

/**
 * Every resource the change from `before` to `after` replaces (or may replace) or removes, as
 * `LogicalId: impact` for top-level findings and `LogicalId.Path.To.Property: replacement` for
 * nested ones. Empty when the change only adds or updates in place.
 */
export function destructiveChanges(before: Json, after: Json): string[] {
  const found: string[] = [];
  fullDiff(before, after).resources.forEachDifference((logicalId, change) => {
    if (change.changeImpact && DESTRUCTIVE.has(change.changeImpact)) {
      found.push(`${logicalId}: ${change.changeImpact}`);
    }
  });
  for (const [logicalId, resource] of Object.entries<Json>(before.Resources ?? {})) {
    const next = after.Resources?.[logicalId];
    if (!next || next.Type !== resource.Type) {
      continue;
    }
    const definition = spec().lookup('resource', 'cloudFormationType', 'equals', resource.Type).only();
    for (const [name, property] of Object.entries<Json>(definition.properties)) {
      nested(property.type, resource.Properties?.[name], next.Properties?.[name], `${logicalId}.${name}`, found);
    }
  }
  return found;
}

/** Walks the members of a property type, recording changed members that cause replacement. */
function nested(type: Json, before: unknown, after: unknown, path: string, found: string[]) {
  if (isDeepStrictEqual(before, after)) {
    return;
  }
  if (type.type === 'array' && Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      nested(type.element, before[i], after[i], `${path}[${i}]`, found);
    }
    return;
  }
  if (type.type !== 'ref') {
    return;
  }
  const definition = spec().get('typeDefinition', type.reference.$ref);
  const b = (before ?? {}) as Json;
  const a = (after ?? {}) as Json;
  for (const [name, property] of Object.entries<Json>(definition.properties)) {
    if (isDeepStrictEqual(b[name], a[name])) {
      continue;
    }
    if (property.causesReplacement === 'yes' || property.causesReplacement === 'maybe') {
      found.push(`${path}.${name}: replacement`);
    }
    nested(property.type, b[name], a[name], `${path}.${name}`, found);
  }
}

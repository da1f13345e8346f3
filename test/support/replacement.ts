import { TemplateReplacements } from '../../lib';

type Json = { [key: string]: any };

/**
 * Every resource the change from `before` to `after` replaces (or may replace) or removes, as
 * `LogicalId.Path.To.Property: replacement` or `LogicalId: removed`: the public check, in a form
 * short enough for `toEqual`. Empty when the change only adds or updates in place.
 */
export function destructiveChanges(before: Json, after: Json): string[] {
  return TemplateReplacements.compare(before, after).map(r =>
    r.property === undefined ? `${r.logicalId}: ${r.kind.toLowerCase()}` : `${r.logicalId}.${r.property}: replacement`);
}

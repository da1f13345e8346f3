/**
 * Guards on the shape of values read from a file, shared by the template and manifest readers:
 * nesting and the number of values, checked without recursion.
 */

/**
 * Deeper than any real template (CDK writes about 15 levels): a guard against input built to
 * exhaust the stack of every recursive reader after this one.
 */
export const MAX_DEPTH = 200;

/**
 * What is wrong with the shape of the values, checked without recursion: nested deeper than `max`,
 * or more values than `maxValues`. A YAML alias is the same object again: a few lines of aliases of
 * aliases (an alias bomb) are billions of values to every reader after this one. Text without
 * aliases has fewer values than characters.
 */
export function shapeProblem(root: unknown, max: number, maxValues: number): string | undefined {
  // Two stacks, not one of pairs: no allocation per value on a template of millions of values.
  const values: unknown[] = [root];
  const depths: number[] = [0];
  let count = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++count > maxValues) {
      return `it holds more than ${maxValues} values (YAML aliases that repeat values, an alias bomb)`;
    }
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth > max) {
      return `values are nested more than ${max} levels deep`;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/**
 * Whether a version string is at least `minimum`: the first three numbers are compared, after an
 * optional leading `v` ('v1.19.2-eksbuild.1', '3.9.x.kraft', '2.8.2-tiered'). An `x` stands for
 * any number and compares as the highest. `undefined` when the value is not a version.
 */
export function versionAtLeast(version: unknown, minimum: [number, number, number]): boolean | undefined {
  const match = typeof version === 'string' ? /^v?(\d+)\.(\d+)(?:\.(\d+|x))?/.exec(version.trim()) : null;
  if (!match) {
    return undefined;
  }
  const parts = [Number(match[1]), Number(match[2]), match[3] === 'x' ? Infinity : Number(match[3] ?? 0)];
  for (let i = 0; i < 3; i++) {
    if (parts[i] !== minimum[i]) {
      return parts[i] > minimum[i];
    }
  }
  return true;
}

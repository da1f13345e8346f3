import * as path from 'path';
import type * as nag from 'cdk-nag';

/**
 * The two cdk-nag modules the pack needs (`NagPack`, the rule types), without cdk-nag's index: the
 * index loads every pack and rule cdk-nag has (0.2 to 0.5 s), which every app that uses only the
 * constructs would pay. They are found next to the entry point that `require.resolve('cdk-nag')`
 * names, which any `exports` map must allow; should cdk-nag move them, the entry point itself is
 * used. test/nag/cdk-nag-modules.test.ts checks that both give the classes cdk-nag exports.
 */
export function loadCdkNag(): Pick<typeof nag, 'NagPack' | 'NagMessageLevel' | 'NagRuleCompliance'> {
  try {
    const dir = path.dirname(require.resolve('cdk-nag'));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pack = require(path.join(dir, 'nag-pack'));
    const rules = require(path.join(dir, 'nag-rules'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (typeof pack.NagPack === 'function' && rules.NagMessageLevel !== undefined && rules.NagRuleCompliance !== undefined) {
      return { NagPack: pack.NagPack, NagMessageLevel: rules.NagMessageLevel, NagRuleCompliance: rules.NagRuleCompliance };
    }
  } catch {
    // cdk-nag moved its modules: its entry point has them.
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdk-nag');
}

import * as nag from 'cdk-nag';
import { Ipv6ReadinessChecks } from '../../lib';
import { loadCdkNag } from '../../lib/nag/cdk-nag-modules';

describe('the pack loads cdk-nag without its index', () => {
  test('the classes are the ones cdk-nag exports from its entry point', () => {
    const loaded = loadCdkNag();
    expect(loaded.NagPack).toBe(nag.NagPack);
    expect(loaded.NagMessageLevel).toBe(nag.NagMessageLevel);
    expect(loaded.NagRuleCompliance).toBe(nag.NagRuleCompliance);
    expect(new Ipv6ReadinessChecks()).toBeInstanceOf(nag.NagPack);
  });

  test('cdk-nag\'s index is not loaded', () => {
    jest.isolateModules(() => {
      jest.doMock('cdk-nag', () => {
        throw new Error('the index was loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadCdkNag: isolated } = require('../../lib/nag/cdk-nag-modules');
      expect(typeof isolated().NagPack).toBe('function');
    });
    jest.dontMock('cdk-nag');
  });

  test('when cdk-nag moves the modules, its entry point is used', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual('path');
      // The modules are no longer where the entry point is.
      jest.doMock('path', () => ({ ...actual, join: (...parts: string[]) => parts[1] === 'nag-pack' ? '/moved/nag-pack' : actual.join(...parts) }));
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { loadCdkNag: isolated } = require('../../lib/nag/cdk-nag-modules');
      expect(isolated().NagPack).toBe(require('cdk-nag').NagPack);
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    jest.dontMock('path');
  });
});

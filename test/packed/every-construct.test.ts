import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EveryConstructStack } from './every-construct-stack';
import { context as RECOMMENDED_FLAGS } from '../../cdk.json';
import { Ipv6ReadinessChecks } from '../../lib';
import { formatFindings, nagFindings } from '../support/nag';
// The feature flags `cdk init` writes for aws-cdk-lib 2.276, as the example app's cdk.json sets them.

const CONCRETE = { account: '111111111111', region: 'us-east-1' };

// The packed smoke test (test/packed/run.sh) runs the same stack on the tarball; this is its fast
// twin, and also runs it with the flags of a new app (partition literals among them).
describe.each([
  ['environment-agnostic, no feature flags (an old app)', undefined, {}],
  ['a concrete account and region, no feature flags', CONCRETE, {}],
  ['environment-agnostic, the flags of a new app', undefined, RECOMMENDED_FLAGS],
  ['a concrete account and region, the flags of a new app', CONCRETE, RECOMMENDED_FLAGS],
])('every construct, %s', (_, env, context) => {
  test('draws no unacknowledged AwsSolutions or Ipv6Ready finding', () => {
    const app = new App({ context });
    new EveryConstructStack(app, 'Stack', { env });
    expect(formatFindings(nagFindings(app, new AwsSolutionsChecks(app), new Ipv6ReadinessChecks(app)))).toEqual('');
  });
});

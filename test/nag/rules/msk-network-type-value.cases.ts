import { Fn } from 'aws-cdk-lib';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

function cluster(networkType?: string) {
  const stack = newStack();
  mskCluster(stack, { connectivityInfo: networkType === undefined ? undefined : { networkType } });
  return stack;
}

describe('MSK-IPV6-4 network type value (plain aws-msk CfnCluster)', () => {
  test('Noncompliance 1: the marketing name DUAL_STACK', () => {
    expect(findingsOf(cluster('DUAL_STACK'), 'MSK-IPV6-4')).toEqual(['Ipv6Ready-MSK-IPV6-4 @ Cluster']);
  });

  test('Noncompliance 2: IPv6-only', () => {
    expect(findingsOf(cluster('IPV6'), 'MSK-IPV6-4')).toEqual(['Ipv6Ready-MSK-IPV6-4 @ Cluster']);
  });

  test('Compliance: DUAL, IPV4, and no network type', () => {
    expect(findingsOf(cluster('DUAL'), 'MSK-IPV6-4')).toEqual([]);
    expect(findingsOf(cluster('IPV4'), 'MSK-IPV6-4')).toEqual([]);
    expect(findingsOf(cluster(), 'MSK-IPV6-4')).toEqual([]);
  });

  test('Cannot judge: a network type that is an import', () => {
    expect(findingsOf(cluster(Fn.importValue('NetworkType')), 'MSK-IPV6-4')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-4] @ Cluster']);
  });
});

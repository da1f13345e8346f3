import { CfnParameter, Stack } from 'aws-cdk-lib';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

function cluster(instanceType: string | ((stack: Stack) => string), networkType = 'DUAL') {
  const stack = newStack();
  mskCluster(stack, { instanceType: typeof instanceType === 'string' ? instanceType : instanceType(stack), connectivityInfo: { networkType } });
  return stack;
}

describe('MSK-IPV6-7 a dual-stack cluster is not kafka.t3.small (plain aws-msk CfnCluster)', () => {
  test('Noncompliance: DUAL on kafka.t3.small', () => {
    expect(findingsOf(cluster('kafka.t3.small'), 'MSK-IPV6-7')).toEqual(['Ipv6Ready-MSK-IPV6-7 @ Cluster']);
  });

  test('Compliance: DUAL on kafka.m7g.large, and IPV4 on kafka.t3.small', () => {
    expect(findingsOf(cluster('kafka.m7g.large'), 'MSK-IPV6-7')).toEqual([]);
    expect(findingsOf(cluster('kafka.t3.small', 'IPV4'), 'MSK-IPV6-7')).toEqual([]);
  });

  test('Cannot judge: a broker type that is a parameter', () => {
    expect(findingsOf(cluster(stack => new CfnParameter(stack, 'BrokerType').valueAsString), 'MSK-IPV6-7')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-7] @ Cluster']);
  });
});

import { CfnParameter, Stack } from 'aws-cdk-lib';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

function cluster(kafkaVersion: string | ((stack: Stack) => string), networkType = 'DUAL') {
  const stack = newStack();
  mskCluster(stack, { connectivityInfo: { networkType } }, { kafkaVersion: typeof kafkaVersion === 'string' ? kafkaVersion : kafkaVersion(stack) });
  return stack;
}

describe('MSK-IPV6-6 a dual-stack cluster runs Kafka 3.6.0 or later (plain aws-msk CfnCluster)', () => {
  test.each(['3.5.1', '2.8.2.tiered', '2.8.1'])('Noncompliance: DUAL on Kafka %s', version => {
    expect(findingsOf(cluster(version), 'MSK-IPV6-6')).toEqual(['Ipv6Ready-MSK-IPV6-6 @ Cluster']);
  });

  test.each(['3.6.0', '3.7.x', '3.7.x.kraft', '3.9.x', '4.0.x', '4.1.x'])('Compliance: DUAL on Kafka %s', version => {
    expect(findingsOf(cluster(version), 'MSK-IPV6-6')).toEqual([]);
  });

  test('Compliance: IPV4 on an old Kafka', () => {
    expect(findingsOf(cluster('2.8.1', 'IPV4'), 'MSK-IPV6-6')).toEqual([]);
  });

  test('Cannot judge: a Kafka version that is a parameter', () => {
    expect(findingsOf(cluster(stack => new CfnParameter(stack, 'KafkaVersion').valueAsString), 'MSK-IPV6-6')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-6] @ Cluster']);
  });
});

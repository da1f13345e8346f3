import { forDualStack } from './msk-helpers';
import { versionAtLeast } from '../../core/version';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The first Apache Kafka version on which MSK offers the dual-stack network type. */
export const MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION: [number, number, number] = [3, 6, 0];

/** Whether MSK offers dual-stack on a Kafka version (`'3.9.x.kraft'`); `undefined` when it is not a version. */
export function kafkaVersionSupportsDualStack(version: unknown): boolean | undefined {
  return versionAtLeast(version, MSK_DUAL_STACK_MINIMUM_KAFKA_VERSION);
}

/**
 * MSK-IPV6-6: a dual-stack cluster runs Kafka 3.6.0 or later.
 */
export const MskDualStackKafkaVersion: Prerequisite = {
  id: 'MSK-IPV6-6',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'A dual-stack (NetworkType DUAL) MSK cluster runs Apache Kafka 3.6.0 or later.',
  why: 'MSK supports the dual-stack network type only from Kafka 3.6.0; with an older KafkaVersion, creating or updating the cluster to '
    + 'DUAL fails.',
  fix: 'KafkaVersion 3.6.0 or later (for example 3.9.x or 3.7.x.kraft), or keep NetworkType IPV4.',
  source: 'Amazon MSK developer guide, Configure dual-stack network type.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const version = props?.KafkaVersion;
      const atLeast = kafkaVersionSupportsDualStack(version);
      if (atLeast === undefined) {
        return cannotJudge(`KafkaVersion is ${describe(version)}`);
      }
      return atLeast ? COMPLIANT : nonCompliant();
    });
  },
};

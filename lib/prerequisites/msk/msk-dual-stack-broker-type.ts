import { forDualStack } from './msk-helpers';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The broker types on which MSK does not offer the dual-stack network type. */
export const MSK_BROKER_TYPES_WITHOUT_DUAL_STACK: readonly string[] = ['kafka.t3.small'];

/**
 * MSK-IPV6-7: a dual-stack cluster's broker type is not kafka.t3.small.
 */
export const MskDualStackBrokerType: Prerequisite = {
  id: 'MSK-IPV6-7',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'A dual-stack (NetworkType DUAL) MSK cluster does not use the kafka.t3.small broker type.',
  why: 'MSK does not support the dual-stack network type on kafka.t3.small brokers; creating or updating such a cluster to DUAL fails.',
  fix: 'a larger broker type (for example kafka.m7g.large), or keep NetworkType IPV4.',
  source: 'Amazon MSK developer guide, Configure dual-stack network type, considerations.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const instanceType = props?.BrokerNodeGroupInfo?.InstanceType;
      if (typeof instanceType !== 'string') {
        return cannotJudge(`InstanceType is ${describe(instanceType)}`);
      }
      return MSK_BROKER_TYPES_WITHOUT_DUAL_STACK.includes(instanceType) ? nonCompliant() : COMPLIANT;
    });
  },
};

import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { forDualStack } from './msk-helpers';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { cannotJudge, COMPLIANT, describe, nonCompliant } from '../../template-model';

/**
 * MSK-IPV6-7: a dual-stack cluster's broker type is not kafka.t3.small.
 */
export const MskDualStackBrokerType: Ipv6ReadinessRule = {
  id: 'MSK-IPV6-7',
  level: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::MSK::Cluster'],
  info: 'A dual-stack (NetworkType DUAL) MSK cluster does not use the kafka.t3.small broker type.',
  explanation: 'MSK does not support the dual-stack network type on kafka.t3.small brokers; creating or updating such a cluster to DUAL fails. '
    + 'Fix: a larger broker type (for example kafka.m7g.large), or keep NetworkType IPV4. '
    + 'Source: Amazon MSK developer guide, Configure dual-stack network type, considerations.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const instanceType = props?.BrokerNodeGroupInfo?.InstanceType;
      if (typeof instanceType !== 'string') {
        return cannotJudge(`InstanceType is ${describe(instanceType)}`);
      }
      return instanceType === 'kafka.t3.small' ? nonCompliant() : COMPLIANT;
    });
  },
};

import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { Ipv6ReadinessRule } from '../../ipv6-readiness-rule';
import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE } from '../../template-model';

const VALUES = ['IPV4', 'DUAL'];

/**
 * MSK-IPV6-4: the network type is a value CloudFormation accepts.
 */
export const MskNetworkTypeValue: Ipv6ReadinessRule = {
  id: 'MSK-IPV6-4',
  level: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::MSK::Cluster'],
  info: 'The MSK cluster\'s network type is IPV4 or DUAL.',
  explanation: 'BrokerNodeGroupInfo.ConnectivityInfo.NetworkType accepts only IPV4 and DUAL; any other value, such as the documents\' "DUAL_STACK", fails at deployment, '
    + 'and MSK has no IPv6-only mode. Fix: NetworkType: DUAL for dual-stack. Source: AWS::MSK::Cluster resource specification; Amazon MSK dual-stack documentation.',
  evaluate(logicalId, template) {
    const networkType = template.resource(logicalId)?.Properties?.BrokerNodeGroupInfo?.ConnectivityInfo?.NetworkType;
    if (networkType === undefined) {
      return NOT_APPLICABLE;
    }
    if (typeof networkType !== 'string') {
      return cannotJudge(`NetworkType is ${describe(networkType)}`);
    }
    return VALUES.includes(networkType) ? COMPLIANT : nonCompliant();
  },
};

import { cannotJudge, COMPLIANT, describe, nonCompliant, NOT_APPLICABLE } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/** The values CloudFormation accepts for `BrokerNodeGroupInfo.ConnectivityInfo.NetworkType`. */
export const MSK_NETWORK_TYPES: readonly string[] = ['IPV4', 'DUAL'];

/**
 * MSK-IPV6-4: the network type is a value CloudFormation accepts.
 */
export const MskNetworkTypeValue: Prerequisite = {
  id: 'MSK-IPV6-4',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'The MSK cluster\'s network type is IPV4 or DUAL.',
  why: 'BrokerNodeGroupInfo.ConnectivityInfo.NetworkType accepts only IPV4 and DUAL; any other value, such as the documents\' "DUAL_STACK", '
    + 'fails at deployment, and MSK has no IPv6-only mode.',
  fix: 'NetworkType: DUAL for dual-stack.',
  source: 'AWS::MSK::Cluster resource specification; Amazon MSK dual-stack documentation.',
  evaluate(logicalId, template) {
    const networkType = template.resource(logicalId)?.Properties?.BrokerNodeGroupInfo?.ConnectivityInfo?.NetworkType;
    if (networkType === undefined) {
      return NOT_APPLICABLE;
    }
    if (typeof networkType !== 'string') {
      return cannotJudge(`NetworkType is ${describe(networkType)}`);
    }
    return MSK_NETWORK_TYPES.includes(networkType) ? COMPLIANT : nonCompliant();
  },
};

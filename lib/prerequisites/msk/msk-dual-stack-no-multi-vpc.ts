import { enabled, forDualStack, setting } from './msk-helpers';
import { cannotJudge, COMPLIANT, nonCompliant, Unresolved } from '../../engine/template-model';
import { Prerequisite } from '../prerequisite';

/**
 * MSK-IPV6-8: a dual-stack cluster does not use multi-VPC private connectivity.
 */
export const MskDualStackNoMultiVpc: Prerequisite = {
  id: 'MSK-IPV6-8',
  level: 'error',
  resourceTypes: ['AWS::MSK::Cluster'],
  statement: 'A dual-stack (NetworkType DUAL) MSK cluster does not turn on multi-VPC private connectivity.',
  why: 'MSK does not support the dual-stack network type together with multi-VPC private connectivity (ConnectivityInfo.VpcConnectivity '
    + 'with an authentication method enabled); the deployment fails.',
  fix: 'remove VpcConnectivity (reach clients in other VPCs through peering or a transit gateway), or keep NetworkType IPV4.',
  source: 'Amazon MSK developer guide, Configure dual-stack network type, considerations.',
  evaluate(logicalId, template) {
    const props = template.resource(logicalId)?.Properties;
    return forDualStack(logicalId, template, () => {
      const vpcConnectivity = setting(props?.BrokerNodeGroupInfo?.ConnectivityInfo, 'VpcConnectivity');
      const auth = setting(vpcConnectivity, 'ClientAuthentication');
      const sasl = setting(auth, 'Sasl');
      // Multi-VPC connectivity is on when any of its authentication methods is.
      const methods = [enabled(sasl, 'Iam'), enabled(sasl, 'Scram'), enabled(auth, 'Tls')];
      if (methods.includes(true)) {
        return nonCompliant();
      }
      const unresolved = methods.find((m): m is Unresolved => m instanceof Unresolved);
      return unresolved === undefined ? COMPLIANT : cannotJudge(unresolved.what);
    });
  },
};

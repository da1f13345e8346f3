import { Fn, Token } from 'aws-cdk-lib';
import * as msk from 'aws-cdk-lib/aws-msk';
import { mskCluster } from '../msk-fixtures';
import { findingsOf, newStack } from '../support';

function cluster(vpcConnectivity?: msk.CfnCluster.VpcConnectivityProperty, networkType = 'DUAL') {
  const stack = newStack();
  mskCluster(stack, { connectivityInfo: { networkType, vpcConnectivity } }, {
    clientAuthentication: { sasl: { iam: { enabled: true } }, tls: { enabled: true } },
  });
  return stack;
}

describe('MSK-IPV6-8 a dual-stack cluster has no multi-VPC private connectivity (plain aws-msk CfnCluster)', () => {
  test('Noncompliance: DUAL with multi-VPC IAM, or multi-VPC mutual TLS', () => {
    expect(findingsOf(cluster({ clientAuthentication: { sasl: { iam: { enabled: true } } } }), 'MSK-IPV6-8')).toEqual(['Ipv6Ready-MSK-IPV6-8 @ Cluster']);
    expect(findingsOf(cluster({ clientAuthentication: { tls: { enabled: true } } }), 'MSK-IPV6-8')).toEqual(['Ipv6Ready-MSK-IPV6-8 @ Cluster']);
  });

  test('Compliance: DUAL without VpcConnectivity or with every method off, and IPV4 with multi-VPC', () => {
    expect(findingsOf(cluster(), 'MSK-IPV6-8')).toEqual([]);
    expect(findingsOf(cluster({ clientAuthentication: { sasl: { iam: { enabled: false }, scram: { enabled: false } } } }), 'MSK-IPV6-8')).toEqual([]);
    expect(findingsOf(cluster({ clientAuthentication: { sasl: { iam: { enabled: true } } } }, 'IPV4'), 'MSK-IPV6-8')).toEqual([]);
  });

  test('Cannot judge: a multi-VPC switch that is an import', () => {
    const stack = cluster({ clientAuthentication: { sasl: { scram: { enabled: Token.asAny(Fn.importValue('MultiVpcScram')) } } } });
    expect(findingsOf(stack, 'MSK-IPV6-8')).toEqual(['Ipv6Ready-CannotJudge[MSK-IPV6-8] @ Cluster']);
  });
});

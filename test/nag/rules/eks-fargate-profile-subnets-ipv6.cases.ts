import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { eksStack } from '../eks-fixtures';
import { findingsOf } from '../support';

const ID = 'EKS-IPV6-19';

function profile(ipFamily: string, subnets: (vpc: ec2.Vpc) => string[]) {
  const { stack, vpc, cluster } = eksStack(ipFamily);
  new eks.CfnFargateProfile(stack, 'Profile', {
    clusterName: cluster.ref,
    podExecutionRoleArn: 'arn:aws:iam::123456789012:role/pods',
    selectors: [{ namespace: 'default' }],
    subnets: subnets(vpc),
  });
  return stack;
}

describe('EKS-IPV6-19 the subnets of a Fargate profile of an IPv6 cluster have IPv6 blocks', () => {
  test('Noncompliance: a subnet without an IPv6 block', () => {
    const stack = profile('ipv6', vpc => {
      const v4 = new ec2.CfnSubnet(vpc, 'V4Only', { vpcId: vpc.vpcId, cidrBlock: '10.0.240.0/24' });
      return [vpc.privateSubnets[0].subnetId, v4.ref];
    });
    const subnetId = stack.resolve((stack.node.findChild('Vpc').node.findChild('V4Only') as ec2.CfnSubnet).logicalId);
    expect(findingsOf(stack, ID)).toEqual([`Ipv6Ready-EKS-IPV6-19[Subnet::${subnetId}] @ Profile`]);
  });

  test('Compliance: dual-stack subnets; any subnets on an IPv4 cluster', () => {
    expect(findingsOf(profile('ipv6', vpc => vpc.privateSubnets.map(s => s.subnetId)), ID)).toEqual([]);
    expect(findingsOf(profile('ipv4', () => ['subnet-0123456789abcdef0']), ID)).toEqual([]);
  });

  test('Cannot judge: a subnet the template does not define', () => {
    expect(findingsOf(profile('ipv6', () => ['subnet-0123456789abcdef0']), ID)).toEqual(['Ipv6Ready-CannotJudge[EKS-IPV6-19] @ Profile']);
  });
});

import { createHash } from 'crypto';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { DualStackVpc } from '../../lib';
import { Ipv6EksCluster } from '../../lib/eks';
import { upstreamAlbControllerPolicy } from '../../lib/eks/alb-controller-policy';

/**
 * sha256 of `JSON.stringify(JSON.parse(...))` of kubernetes-sigs/aws-load-balancer-controller
 * `docs/install/iam_policy.json` at tag v2.17.1 (commit 3b9bdb1e3fb2ccd7190f32c665062ff2b5792543,
 * blob 761d0e733c41089c91ea009dd29faf71918085e5), computed from the upstream repository.
 */
const UPSTREAM_V2_17_1_SHA256 = 'a4163aa4d4f27878f93ad71ea9d29b80067781e143c05ddc948e70da74f01ed4';

const kubectlLayer = { layerVersionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:kubectl:1' } as any;

interface Statement { Action: string | string[]; Resource: unknown; Condition?: unknown }

function controllerStatements(version = eks.AlbControllerVersion.V2_17_1): { stack: Stack; statements: Statement[] } {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new DualStackVpc(stack, 'Vpc');
  new Ipv6EksCluster(stack, 'Eks', { vpc, albController: { version }, kubectlProviderOptions: { kubectlLayer } });
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const [policy] = Object.entries(policies).filter(([id]) => id.includes('albsa'));
  return { stack, statements: policy[1].Properties.PolicyDocument.Statement };
}

const actionsOf = (s: Statement) => (typeof s.Action === 'string' ? [s.Action] : s.Action);
const readOnly = (action: string) => /^[a-z0-9-]+:(Describe|Get|List)/.test(action);

describe('AWS Load Balancer Controller policy', () => {
  test('aws-cdk-lib\'s copy of the v2.17.1 policy is upstream\'s', () => {
    const copy = upstreamAlbControllerPolicy(eks.AlbControllerVersion.V2_17_1);
    expect(createHash('sha256').update(JSON.stringify(copy)).digest('hex')).toEqual(UPSTREAM_V2_17_1_SHA256);
  });

  test('every upstream action is granted, nothing more', () => {
    const upstream = upstreamAlbControllerPolicy(eks.AlbControllerVersion.V2_17_1).Statement.flatMap(actionsOf);
    const granted = controllerStatements().statements.flatMap(actionsOf);
    expect([...new Set(granted)].sort()).toEqual([...new Set(upstream)].sort());
  });

  test('no unconditioned mutating action on \'*\' but the WAF and Shield association of annotated load balancers', () => {
    const open = controllerStatements().statements
      .filter(s => s.Resource === '*' && s.Condition === undefined)
      .flatMap(actionsOf)
      .filter(a => !readOnly(a));
    expect(open.sort()).toEqual(['shield:CreateProtection', 'shield:DeleteProtection', 'waf-regional:AssociateWebACL',
      'waf-regional:DisassociateWebACL', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL']);
  });

  test('security group rules only in the cluster\'s VPC; new security groups only there and with the cluster tag', () => {
    const { stack, statements } = controllerStatements();
    const vpcId = stack.resolve((stack.node.findChild('Vpc') as DualStackVpc).vpcId);
    const ingress = statements.filter(s => actionsOf(s).includes('ec2:AuthorizeSecurityGroupIngress'));
    expect(ingress).toHaveLength(2);
    expect(ingress.every(s => s.Condition !== undefined)).toBe(true);
    expect(JSON.stringify(ingress.find(s => JSON.stringify(s.Condition).includes('ec2:Vpc')))).toContain(JSON.stringify(vpcId));
    const create = statements.filter(s => actionsOf(s).includes('ec2:CreateSecurityGroup'));
    expect(create.map(s => s.Condition)).toEqual([undefined, { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' } }]);
    expect(JSON.stringify(create[0].Resource)).toContain(JSON.stringify(vpcId));
  });

  test('ARNs name this region and account, not any', () => {
    const { statements } = controllerStatements();
    const arns = JSON.stringify(statements.map(s => s.Resource));
    expect(arns).not.toMatch(/:\*:\*:/);
    expect(arns).toContain('{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":listener/app/*/*/*"');
  });
});

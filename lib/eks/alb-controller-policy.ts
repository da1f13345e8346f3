import * as fs from 'fs';
import * as path from 'path';
import { Aws } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { wildcardResourceFinding } from '../core/aws-solutions-findings';

/**
 * The IAM policy of the AWS Load Balancer Controller, narrowed where the controller's own policy
 * leaves mutating actions on `*` without a condition.
 *
 * The starting point is the controller's published policy for the installed version
 * (kubernetes-sigs/aws-load-balancer-controller `docs/install/iam_policy.json`), as aws-cdk-lib
 * ships it (`aws-eks-v2/lib/addons/alb-iam_policy-<version>.json`; a test pins the v2.17.1 copy to
 * upstream). Upstream conditions most mutating actions on the `elbv2.k8s.aws/cluster` tag, but not
 * these, which are narrowed here without taking away what the controller does:
 * - `ec2:AuthorizeSecurityGroupIngress` / `RevokeSecurityGroupIngress` on any security group: the
 *   controller opens the node and pod security groups (not tagged by it) to its load balancers, so
 *   a tag condition would break it; they are limited to security groups in the cluster's VPC
 *   (`ec2:Vpc`), in this account and region.
 * - `ec2:CreateSecurityGroup`: only in the cluster's VPC (the controller's `vpcId`), and only with
 *   the cluster tag in the request (the controller always sends it: upstream lets it tag a new group
 *   only with that tag).
 * - Listener, rule, certificate, web ACL and target registration calls: limited to the load
 *   balancer ARNs of this account and region. They stay untagged: a `TargetGroupBinding` may name a
 *   target group the controller did not create, and listeners of older controller versions carry no
 *   cluster tag.
 */
export function albControllerPolicy(version: eks.AlbControllerVersion, vpc: ec2.IVpc): { Statement: PolicyStatementJson[] } {
  const upstream = upstreamAlbControllerPolicy(version);
  return { ...upstream, Statement: upstream.Statement.flatMap(statement => narrow(statement, vpc)) };
}

/** A statement of an IAM policy document, as JSON. */
export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: { [operator: string]: { [key: string]: unknown } };
}

/**
 * The controller's published policy for `version`, as aws-cdk-lib ships it (not for a custom
 * version, which brings its own `policy`).
 */
export function upstreamAlbControllerPolicy(version: eks.AlbControllerVersion): { Statement: PolicyStatementJson[] } {
  const addons = path.join(path.dirname(require.resolve('aws-cdk-lib/aws-eks-v2')), 'lib', 'addons');
  return JSON.parse(fs.readFileSync(path.join(addons, `alb-iam_policy-${version.version}.json`), 'utf8'));
}

const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';
const SECURITY_GROUP_RULES = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'];
/** The load balancer resources of this account and region (upstream: of any). */
const ELB_RESOURCES = ['loadbalancer/app/*/*', 'loadbalancer/net/*/*', 'listener/app/*/*/*', 'listener/net/*/*/*',
  'listener-rule/app/*/*/*', 'listener-rule/net/*/*/*', 'targetgroup/*/*'];

function elbArn(resource: string): string {
  return `arn:${Aws.PARTITION}:elasticloadbalancing:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
}

function ec2Arn(resource: string): string {
  return `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
}

/**
 * The statements that replace `statement`: upstream's ARNs of any region and account become ARNs of
 * this region and account, and its unconditioned mutating statements on `*` are narrowed.
 */
function narrow(upstream: PolicyStatementJson, vpc: ec2.IVpc): PolicyStatementJson[] {
  const resources = (typeof upstream.Resource === 'string' ? [upstream.Resource] : upstream.Resource)
    .map(r => r.replace(/^arn:aws:(ec2|elasticloadbalancing):\*:\*:/, (_, service) => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:`));
  const statement = { ...upstream, Resource: resources.length === 1 ? resources[0] : resources };
  const actions = typeof upstream.Action === 'string' ? [upstream.Action] : upstream.Action;
  if (upstream.Condition !== undefined || !resources.includes('*')) {
    return [statement];
  }
  const vpcArn = ec2Arn(`vpc/${vpc.vpcId}`);
  if (actions.every(a => SECURITY_GROUP_RULES.includes(a))) {
    return [{ ...statement, Resource: ec2Arn('security-group/*'), Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } } }];
  }
  if (actions.length === 1 && actions[0] === 'ec2:CreateSecurityGroup') {
    return [
      { ...statement, Resource: vpcArn },
      { ...statement, Resource: ec2Arn('security-group/*'), Condition: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' } } },
    ];
  }
  if (actions.every(a => a.startsWith('elasticloadbalancing:') && !a.startsWith('elasticloadbalancing:Describe'))) {
    return [{ ...statement, Resource: ELB_RESOURCES.map(elbArn) }];
  }
  return [statement];
}

/** An acknowledgement of an AwsSolutions-IAM5 finding of the controller's policy. */
export interface AlbControllerFinding {
  readonly id: string;
  readonly reason: string;
}

/** The IAM5 findings the narrowed policy still gives, each with the statements it covers. */
export function albControllerFindings(): AlbControllerFinding[] {
  const elb = '<AWS::Partition>:elasticloadbalancing:<AWS::Region>:<AWS::AccountId>';
  const named = 'The controller creates the load balancers, listeners, rules and target groups of Ingresses and Services at run time, so their '
    + 'names are not known at deploy time; this construct limits the ARNs to this account and region (upstream: any), and upstream\'s unconditioned '
    + 'listener and rule calls on \'*\' to these ARNs.';
  const byType: { [type: string]: string } = {
    'loadbalancer': 'AddTags/RemoveTags with upstream\'s elbv2.k8s.aws/cluster tag conditions; CreateListener and SetWebAcl without a tag condition, as upstream has them.',
    'listener': 'CreateRule, DeleteListener, ModifyListener, Add/RemoveListenerCertificates and AddTags/RemoveTags, which upstream does not condition on a tag '
      + '(listeners of earlier controller versions carry no cluster tag).',
    'listener-rule': 'DeleteRule, ModifyRule, SetRulePriorities and AddTags/RemoveTags, which upstream does not condition on a tag.',
    'targetgroup': 'AddTags/RemoveTags with upstream\'s tag conditions; RegisterTargets/DeregisterTargets without one, because a TargetGroupBinding '
      + 'may name a target group the controller did not create.',
  };
  return [
    {
      id: wildcardResourceFinding('*'),
      reason: 'Statements of the controller\'s published policy (v2.17.1, pinned by a test) that need \'*\': EC2, ELB, ACM, IAM server certificate, '
        + 'Cognito and Shield reads (no resource-level permissions); iam:CreateServiceLinkedRole for elasticloadbalancing.amazonaws.com only; WAF, WAFv2 '
        + 'and Shield association of the load balancers an Ingress names, unconditioned as upstream has it; and the actions upstream conditions on the '
        + 'elbv2.k8s.aws/cluster tag (rules and deletion of the controller\'s own security groups, CreateLoadBalancer, CreateTargetGroup, Modify/Set/Delete '
        + 'of load balancers and target groups). Upstream\'s other unconditioned mutating statements are narrowed by this construct to the cluster\'s VPC, '
        + 'account and region.',
    },
    {
      id: wildcardResourceFinding('arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*'),
      reason: 'Security group ids are not known at deploy time: ec2:Authorize/RevokeSecurityGroupIngress only on security groups in the cluster\'s VPC '
        + '(condition ec2:Vpc), to open node and pod groups to the load balancers; ec2:CreateSecurityGroup only with the elbv2.k8s.aws/cluster tag in the '
        + 'request (and only in the cluster\'s VPC); ec2:CreateTags/DeleteTags only with the tag conditions of the controller\'s published policy.',
    },
    ...ELB_RESOURCES.map(resource => ({
      id: wildcardResourceFinding(`arn:${elb}:${resource}`),
      reason: `${named} On ${resource.split('/')[0]} ARNs: ${byType[resource.split('/')[0]]}`,
    })),
  ];
}

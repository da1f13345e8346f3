import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct, IDependable } from 'constructs';
import { functionOfRole } from '../core/log-encryption-key';
import { acknowledgeSdkCallFunction } from '../core/sdk-call-function';

/**
 * Properties of a DefaultSecurityGroupLockdown.
 */
export interface DefaultSecurityGroupLockdownProps {
  /** The id of the VPC's default security group. */
  readonly defaultSecurityGroupId: string;
  /**
   * What must exist before the rules are revoked: the IPv6 block association, because EC2 adds
   * the `::/0` egress rule to the default security group when the block is associated.
   */
  readonly after: IDependable;
}

/**
 * Removes every rule of a VPC's default security group, IPv4 and IPv6.
 *
 * aws-cdk-lib's `restrictDefaultSecurityGroup` revokes only the `0.0.0.0/0` egress rule and
 * leaves the `::/0` one that a dual-stack VPC's default group has. Two SDK calls through the
 * stack's single `AwsCustomResource` function (shared with every other SDK call of this
 * library), IAM scoped to the one security group. Deleting the resource restores the rules,
 * as aws-cdk-lib's does.
 */
export class DefaultSecurityGroupLockdown extends Construct {
  /** The Lambda function that makes the SDK calls (the stack's `AwsCustomResource` function). */
  public readonly functions: IConstruct[] = [];

  constructor(scope: Construct, id: string, props: DefaultSecurityGroupLockdownProps) {
    super(scope, id);
    const groupId = props.defaultSecurityGroupId;
    const groupArn = Stack.of(this).formatArn({ service: 'ec2', resource: 'security-group', resourceName: groupId });
    const egress = {
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
    };
    const ingress = {
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId }] }],
    };
    const lockdowns: Array<[string, string, object]> = [
      ['Egress', 'SecurityGroupEgress', egress],
      ['Ingress', 'SecurityGroupIngress', ingress],
    ];
    for (const [direction, api, parameters] of lockdowns) {
      const revoke: cr.AwsSdkCall = {
        service: 'EC2',
        action: `revoke${api}`,
        parameters,
        physicalResourceId: cr.PhysicalResourceId.of(`${groupId}-${direction}`),
        // A rule that is already gone is the state we want.
        ignoreErrorCodesMatching: 'InvalidPermission.NotFound',
      };
      const lockdown = new cr.AwsCustomResource(this, direction, {
        resourceType: 'Custom::DefaultSecurityGroupLockdown',
        onCreate: revoke,
        onUpdate: revoke,
        onDelete: {
          service: 'EC2',
          action: `authorize${api}`,
          parameters,
          ignoreErrorCodesMatching: 'InvalidPermission.Duplicate',
        },
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({
            actions: [`ec2:Revoke${api}`, `ec2:Authorize${api}`],
            resources: [groupArn],
          }),
        ]),
        installLatestAwsSdk: false,
      });
      lockdown.node.addDependency(props.after);
      const fn = functionOfRole(lockdown);
      if (fn !== undefined && !this.functions.includes(fn)) {
        this.functions.push(fn);
      }
    }
    acknowledgeSdkCallFunction(this);
  }
}

import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VPC_CNI_TAG_ACTION, vpcCniIpv6Actions } from '../prerequisites/eks/eks-addon-vpc-cni-ipv6-permissions';

/**
 * The IAM permissions the Amazon VPC CNI needs in an IPv6 cluster: the one maintained statement set
 * of this library.
 *
 * AWS publishes no managed policy for IPv6 (the EKS user guide has you create
 * "AmazonEKS_CNI_IPv6_Policy" yourself), and what the CNI calls grows with its version: 1.22.1
 * added ec2:DescribeSubnets and ec2:DescribeSecurityGroups. The AWS-managed `AmazonEKS_CNI_Policy`
 * is attached as well: it grants the ENI calls (CreateNetworkInterface, AttachNetworkInterface ...)
 * whose absence shows as 403 errors on nodes, and AWS keeps it current.
 */
export class Ipv6CniPolicy {
  /** The name of the AWS-managed policy attached next to the IPv6 statements. */
  public static readonly MANAGED_POLICY_NAME = 'AmazonEKS_CNI_Policy';

  /**
   * The IPv6 statements, new objects on each call.
   */
  public static statements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'VpcCniIpv6',
        // Every action of the newest CNI (EKS-IPV6-14), but the tagging one, scoped below.
        actions: vpcCniIpv6Actions().filter(action => action !== VPC_CNI_TAG_ACTION),
        // '*': the EC2 Describe* calls do not support resource-level permissions, and
        // AssignIpv6Addresses is called on interfaces the CNI creates at run time, in any subnet.
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'VpcCniTagNetworkInterfaces',
        actions: [VPC_CNI_TAG_ACTION],
        // The CNI works in the cluster's own region and account.
        resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:network-interface/*`],
      }),
    ];
  }

  /**
   * Gives `role` the IPv6 statements (in its default policy) and attaches `AmazonEKS_CNI_Policy`.
   */
  public static applyTo(role: iam.IRole): void {
    for (const statement of Ipv6CniPolicy.statements()) {
      role.addToPrincipalPolicy(statement);
    }
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(Ipv6CniPolicy.MANAGED_POLICY_NAME));
    const acknowledge = (id: string, reason: string) => Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });
    acknowledge('IAM5[Resource::*]', 'The VPC CNI\'s EC2 Describe* calls do not support resource-level permissions, and it assigns IPv6 addresses '
      + 'to network interfaces it creates at run time in any node subnet (Ipv6CniPolicy, the IPv6 policy of the EKS user guide).');
    acknowledge('IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]', 'The VPC CNI tags the network '
      + 'interfaces it creates at run time on any node, whose ids are not known in advance; the statement allows ec2:CreateTags on network interfaces '
      + 'of this account and region only.');
    acknowledge(`IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${Ipv6CniPolicy.MANAGED_POLICY_NAME}]`, 'AmazonEKS_CNI_Policy is the policy AWS '
      + 'maintains for the VPC CNI\'s network interface calls as the CNI changes; a copy would fall behind (nodes then fail with 403 on CreateNetworkInterface).');
  }

  private constructor() {}
}

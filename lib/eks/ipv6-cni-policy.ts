import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VPC_CNI_TAG_ACTION, vpcCniIpv6Actions } from '../prerequisites/eks/eks-addon-vpc-cni-ipv6-permissions';

/**
 * The IAM permissions the Amazon VPC CNI needs in an IPv6 cluster: the one maintained statement set
 * of this library, and nothing more.
 *
 * AWS publishes no managed policy for IPv6 (the EKS user guide has you create
 * "AmazonEKS_CNI_IPv6_Policy" yourself), and what the CNI calls grows with its version: 1.22.1
 * added ec2:DescribeSubnets and ec2:DescribeSecurityGroups. These are exactly the statements of
 * aws/amazon-vpc-cni-k8s docs/iam-policy.md, "IPv6 mode", for the configured version.
 *
 * `AmazonEKS_CNI_Policy` is not attached: its network interface actions (CreateNetworkInterface,
 * AttachNetworkInterface, DeleteNetworkInterface, AssignPrivateIpAddresses ...) serve IPv4 mode.
 * In IPv6 mode the CNI takes a /80 prefix for the node's primary interface with
 * ec2:AssignIpv6Addresses and creates no interface: prefix delegation, which IPv6 requires, is
 * what needs AssignIpv6Addresses, and no other action (Amazon EKS user guide, "IPv6 addresses for
 * clusters, pods and services" and "Create an IAM policy for clusters that use the IPv6 family").
 */
export class Ipv6CniPolicy {
  /**
   * The AWS-managed IPv4 CNI policy, which this class no longer attaches.
   * @deprecated `applyTo` attaches only the IPv6 statements: the IPv6 CNI needs none of this policy's actions.
   */
  public static readonly MANAGED_POLICY_NAME = 'AmazonEKS_CNI_Policy';

  /**
   * The IPv6 statements for a VPC CNI of `version`, new objects on each call.
   *
   * @param version the add-on version (`v1.19.2-eksbuild.1`); without it, the statements of the newest CNI
   */
  public static statements(version?: string): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'VpcCniIpv6',
        // Every action of the CNI version (EKS-IPV6-14), but the tagging one, scoped below.
        actions: vpcCniIpv6Actions(version).filter(action => action !== VPC_CNI_TAG_ACTION),
        // '*': the EC2 Describe* calls do not support resource-level permissions, and
        // AssignIpv6Addresses is called on the primary interfaces of nodes launched at run time.
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
   * Gives `role` the IPv6 statements for a VPC CNI of `version` (in its default policy), and nothing else.
   *
   * @param version the add-on version; without it, the statements of the newest CNI
   */
  public static applyTo(role: iam.IRole, version?: string): void {
    for (const statement of Ipv6CniPolicy.statements(version)) {
      role.addToPrincipalPolicy(statement);
    }
    const acknowledge = (id: string, reason: string) => Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });
    acknowledge('IAM5[Resource::*]', 'The VPC CNI\'s EC2 Describe* calls do not support resource-level permissions, and it assigns IPv6 prefixes '
      + 'to the primary network interfaces of nodes launched at run time, whose ids are not known in advance (Ipv6CniPolicy, the IPv6 mode policy '
      + 'of the VPC CNI documentation).');
    acknowledge('IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]', 'The VPC CNI tags the network '
      + 'interfaces of nodes launched at run time, whose ids are not known in advance; the statement allows ec2:CreateTags on network interfaces '
      + 'of this account and region only.');
  }

  private constructor() {}
}

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * A dual-stack MSK cluster: made by this library, or made elsewhere and imported with
 * `DualStackMskCluster.fromClusterAttributes`.
 */
export interface IDualStackMskCluster extends IConstruct, ec2.IConnectable {
  /** The cluster's ARN. */
  readonly clusterArn: string;
  /** The IPv4 bootstrap broker string of the primary listener (ports 9xxx). */
  readonly bootstrapBrokersIpv4: string;
  /** The IPv6 bootstrap broker string of the primary listener (`bi6-` host names, ports 20xxx). */
  readonly bootstrapBrokersIpv6: string;
  /** Lets `grantee` connect to the cluster with IAM authentication and describe it. */
  grantConnect(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` read a topic as a member of a consumer group (IAM authentication). */
  grantReadTopic(grantee: iam.IGrantable, topicName: string, consumerGroup: string): iam.Grant;
  /** Lets `grantee` write to a topic, idempotently too (IAM authentication). */
  grantWriteTopic(grantee: iam.IGrantable, topicName: string): iam.Grant;
  /** Lets `grantee` look up the bootstrap broker strings, IPv4 and IPv6 (`kafka:GetBootstrapBrokers`). */
  grantBootstrapBrokers(grantee: iam.IGrantable): iam.Grant;
}

/**
 * The stateful resource types of cfn-lint, copied from its maintained list
 * `cfnlint/data/AdditionalSpecs/StatefulResources.json` of cfn-lint 1.58.0 (PyPI, read on
 * 2026-12-07; the list rule W3011 and the `UpdateReplacePolicy` checks use). Update it with cfn-lint:
 * `pip download --no-deps cfn-lint` and read that file. The reason is ours.
 */
export const CFN_LINT_VERSION = '1.58.0';

const CFN_LINT_STATEFUL: { readonly [type: string]: string } = {
  'AWS::Backup::BackupVault': 'its recovery points are deleted with it',
  'AWS::CloudFormation::Stack': 'every resource of the nested stack is deleted with it',
  'AWS::Cognito::UserPool': 'its users and their passwords are lost',
  'AWS::DocDB::DBCluster': 'the database is lost',
  'AWS::DocDB::DBInstance': 'the database instance and its endpoint are lost',
  'AWS::DynamoDB::GlobalTable': 'the table\'s items are lost in every region',
  'AWS::DynamoDB::Table': 'the table\'s items are lost',
  'AWS::EC2::Volume': 'the data on the volume is lost',
  'AWS::EFS::FileSystem': 'the files are lost',
  'AWS::EMR::Cluster': 'the cluster\'s HDFS data and running steps are lost',
  'AWS::ElastiCache::CacheCluster': 'the cached data and the endpoint are lost',
  'AWS::ElastiCache::ReplicationGroup': 'the data and the endpoint are lost',
  'AWS::Elasticsearch::Domain': 'the indices are lost',
  'AWS::FSx::FileSystem': 'the files are lost',
  'AWS::KMS::Key': 'data encrypted with the key can no longer be decrypted once the old key is deleted',
  'AWS::Kinesis::Stream': 'the records in the stream are lost',
  'AWS::Logs::LogGroup': 'the logs stored in the group are lost',
  'AWS::Neptune::DBCluster': 'the graph database is lost',
  'AWS::Neptune::DBInstance': 'the database instance and its endpoint are lost',
  'AWS::OpenSearchService::Domain': 'the indices are lost',
  'AWS::Organizations::Account': 'the account is closed',
  'AWS::QLDB::Ledger': 'the ledger and its journal are lost',
  'AWS::RDS::DBCluster': 'the database is lost',
  'AWS::RDS::DBInstance': 'the database is lost',
  'AWS::Redshift::Cluster': 'the data warehouse is lost',
  'AWS::S3::Bucket': 'the objects are lost (and a bucket that is not empty cannot be deleted, which fails the update)',
  'AWS::SDB::Domain': 'the domain\'s items are lost',
  'AWS::SQS::Queue': 'the messages in the queue are lost',
  'AWS::SecretsManager::Secret': 'the secret value is lost',
};

/**
 * The types of this library's constructs (and what they stand on) that lose data, addresses or
 * what depends on them, beyond cfn-lint's list: network identity counts as state here, since every
 * broker, node and endpoint in a subnet goes with it.
 */
const LIBRARY_STATEFUL: { readonly [type: string]: string } = {
  'AWS::EC2::VPC': 'everything in the VPC is replaced with it',
  'AWS::EC2::Subnet': 'every network interface in the subnet (instances, brokers, nodes, endpoints) goes with it',
  'AWS::EC2::SubnetCidrBlock': 'the subnet\'s IPv6 addresses change, and a subnet cannot take a new block while it holds one',
  'AWS::EC2::VPCCidrBlock': 'every IPv6 address in the VPC changes',
  'AWS::EC2::NatGateway': 'its public IPv4 address, which partners may allow-list, changes',
  'AWS::EC2::EIP': 'the public IPv4 address changes',
  'AWS::MSK::Cluster': 'the Kafka cluster\'s topics and messages are lost',
  'AWS::MSK::ServerlessCluster': 'the Kafka cluster\'s topics and messages are lost',
  'AWS::EKS::Cluster': 'the Kubernetes cluster and every workload in it are lost',
  'Custom::AWSCDK-EKS-Cluster': 'the Kubernetes cluster and every workload in it are lost',
  'AWS::EKS::Nodegroup': 'every node of the group is drained and replaced',
  // Data stores cfn-lint 1.58.0 does not list yet.
  'AWS::RDS::GlobalCluster': 'the global database is lost',
  'AWS::ElastiCache::ServerlessCache': 'the cached data and the endpoint are lost',
  'AWS::MemoryDB::Cluster': 'the data is lost',
  'AWS::DocDBElastic::Cluster': 'the database is lost',
  'AWS::ECR::Repository': 'the container images are lost',
};

/**
 * The resource types whose replacement or removal loses data, addresses or what depends on them:
 * the one list the replacement check (and its exit code) judges by. The reason says what is lost.
 */
export const STATEFUL_RESOURCE_TYPES: { readonly [type: string]: string } = { ...CFN_LINT_STATEFUL, ...LIBRARY_STATEFUL };

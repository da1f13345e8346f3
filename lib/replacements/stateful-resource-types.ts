/**
 * The resource types whose replacement or removal loses data, addresses or what depends on them:
 * the one list the replacement check (and its exit code) judges by. The reason says what is lost.
 */
export const STATEFUL_RESOURCE_TYPES: { readonly [type: string]: string } = {
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
  'AWS::Logs::LogGroup': 'the logs stored in the group are lost',
  'AWS::KMS::Key': 'data encrypted with the key can no longer be decrypted once the old key is deleted',
};

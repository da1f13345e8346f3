import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Ipv6Upgrade } from '../vpc/ipv6-upgrade';

/**
 * What every compute choice of an `Ipv6EksCluster` (managed node groups, Fargate, self-managed
 * nodes, Auto Mode) needs from the cluster construct. Internal: the compute modules build their
 * resources under `scope` with the construct ids they have always had.
 */
export interface ClusterCapacityContext {
  /** The `Ipv6EksCluster`, under which capacity constructs are created. */
  readonly scope: Construct;
  readonly cluster: eks.Cluster;
  readonly vpc: ec2.IVpc;
  readonly version: eks.KubernetesVersion;
  readonly connections: ec2.Connections;
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  readonly serviceIpv6Cidr: string;
  /** The `Ipv6Upgrade` that made the VPC dual-stack, when one did. */
  readonly upgrade?: Ipv6Upgrade;
  /** What nodes wait for: the CNI and kube-proxy. */
  readonly nodeDependencies: Construct[];
  /** What waits for nodes: CoreDNS. */
  readonly afterNodes: Construct[];
}

/** Orders `capacity` after what nodes need, and what needs nodes after `capacity`. */
export function afterCapacity(ctx: ClusterCapacityContext, capacity: Construct): void {
  if (ctx.nodeDependencies.length > 0) {
    capacity.node.addDependency(...ctx.nodeDependencies);
  }
  for (const addon of ctx.afterNodes) {
    addon.node.addDependency(capacity);
  }
}

/**
 * A node role: `AmazonEKSWorkerNodePolicy` and `AmazonEC2ContainerRegistryReadOnly`, and no CNI
 * permissions (aws-node runs on its own pod identity role, so that every pod on the node does not
 * inherit the right to assign network interfaces).
 */
export function newNodeRole(scope: Construct, id: string, description: string, acknowledge: (role: iam.Role, name: string) => void): iam.Role {
  const names = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly'];
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description,
    managedPolicies: names.map(name => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
  });
  names.forEach(name => acknowledge(role, name));
  return role;
}

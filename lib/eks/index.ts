// Named exports: the modules also hold internal helpers that are not part of the public API.
export { DualStackIngress, DualStackService } from './dual-stack-load-balancing';
export type { DualStackLoadBalancerOptions, ServiceIpFamilies } from './dual-stack-load-balancing';
export { Ipv6CniPolicy } from './ipv6-cni-policy';
export { Ipv6EksCluster } from './ipv6-eks-cluster';
export type { Ipv6EksClusterProps, PodIdentityRoleOptions } from './ipv6-eks-cluster';
export type { Ipv6NodegroupOptions } from './ipv6-nodegroup';
export { NodeOperatingSystem } from './node-bootstrap';
export type { SelfManagedNodesOptions } from './self-managed-nodes';
export { VpcCniAddon } from './vpc-cni-addon';
export type { VpcCniAddonProps, VpcCniOptions } from './vpc-cni-addon';

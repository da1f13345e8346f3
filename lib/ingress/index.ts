// Named exports: the modules also hold internal helpers that are not part of the public API.
export { DualStackApplicationLoadBalancedService } from './dual-stack-application-load-balanced-service';
export type { DualStackApplicationLoadBalancedServiceProps } from './dual-stack-application-load-balanced-service';
export type { AccessLogsOptions, DualStackEntryPointProps } from './dual-stack-entry-point';
export { DualStackLoadBalancerTarget } from './dual-stack-load-balancer-target';
export { DualStackNetworkLoadBalancedService } from './dual-stack-network-load-balanced-service';
export type { DualStackNetworkLoadBalancedServiceProps } from './dual-stack-network-load-balanced-service';
export type { KubernetesServiceReference } from './target-group-binding';

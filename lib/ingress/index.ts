// Named exports: the modules also hold internal helpers that are not part of the public API.
export { DualStackApplicationLoadBalancedService } from './dual-stack-application-load-balanced-service';
export type { AccessLogsOptions, DualStackApplicationLoadBalancedServiceProps } from './dual-stack-application-load-balanced-service';
export { DualStackLoadBalancerTarget } from './dual-stack-load-balancer-target';
export type { KubernetesServiceReference } from './target-group-binding';

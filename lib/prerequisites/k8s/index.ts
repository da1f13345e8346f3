export * from './k8s-service-ipv6-single-stack';
export * from './k8s-load-balancing-ip-targets';
export * from './k8s-load-balancer-dual-stack';
export * from './k8s-no-windows-pods';
export * from './k8s-no-eniconfig';

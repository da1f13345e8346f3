export * from './broker-instance-type';
export * from './dual-stack-msk-cluster';
export * from './dual-stack-msk-serverless-cluster';
export * from './kafka-version';
export * from './dual-stack-msk-cluster-ref';
export { DualStackMskClusterBase } from './msk-cluster-base';
export * from './msk-client-authentication';
export * from './msk-dual-stack-switch';
export * from './msk-dual-stack-upgrade';

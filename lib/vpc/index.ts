export * from './dual-stack-subnet-group';
export * from './dual-stack-vpc';
export * from './dual-stack-vpc-attributes';
export * from './ipv6-only-subnet';
export * from './ipv6-pool';
export * from './ipv6-upgrade';
export * from './ipv6-compliance-conflicts';

export * from './msk-vpc-has-ipv6';
export * from './msk-client-subnets-dual-stack';
export * from './msk-security-groups-admit-ipv6';
export * from './msk-network-type-value';
export * from './msk-no-open-client-ports';
export * from './msk-dual-stack-kafka-version';
export * from './msk-dual-stack-broker-type';
export * from './msk-dual-stack-no-multi-vpc';

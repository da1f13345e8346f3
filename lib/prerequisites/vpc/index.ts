export * from './vpc-dns64-has-nat64-route';
export * from './vpc-private-subnet-ipv6-egress';

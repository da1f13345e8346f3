export * from './elb-ipv6-target-group-dual-stack-load-balancer';
export * from './elb-alias-a-record-has-aaaa';

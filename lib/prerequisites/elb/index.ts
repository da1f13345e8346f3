export * from './elb-ipv6-target-group-dual-stack-load-balancer';
export * from './elb-alias-a-record-has-aaaa';
export * from './elb-alb-authentication-needs-public-ipv4';
export * from './elb-nlb-no-dual-stack-without-public-ipv4';
export * from './elb-dual-stack-nlb-no-quic';

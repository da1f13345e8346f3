export * from './ipv6-readiness-checks';

export * from './msk-dual-stack-upgrade';

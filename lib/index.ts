export * from './vpc';

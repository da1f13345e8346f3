export * from './vpc';
export * from './nag';
export * from './msk';
export * from './eks';
export * from './replacements';

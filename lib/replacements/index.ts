export * from './template-replacements';

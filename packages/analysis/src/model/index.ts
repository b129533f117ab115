export * from './compact-model.js';
export * from './explorer.js';

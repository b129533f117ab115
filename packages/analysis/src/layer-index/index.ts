export * from './layer-index.js';
export * from './entry-types.js';
export * from './index-builder.js';
export * from './from-entries.js';
export * from './pack.js';
export { Column } from './columns.js';

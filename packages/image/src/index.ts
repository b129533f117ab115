export type * from './image.js';
export * from './errors.js';

export * from './archive-builder';
export * from './fixtures.js';

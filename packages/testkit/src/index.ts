export * from './archive-builder';
export * from './fixtures.js';
export * from './buildah/index.js';

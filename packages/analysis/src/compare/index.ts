export * from './final-files.js';
export * from './diff-images.js';
export * from './growth.js';
export * from './disk-use.js';
export * from './final-files-codec.js';

export type * from './image.js';
export * from './errors.js';
export * from './digest.js';
export * from './platform.js';
export * from './archive/open-archive.js';
export * from './load-image.js';
export * from './layer/decode-layer.js';
export { sniffCompression, type Compression } from './layer/compression.js';
export { createWorkerPool, type LayerDecoder, type WorkerPool } from './layer/worker-decoder.js';

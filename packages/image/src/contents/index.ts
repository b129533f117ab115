export { openImageFile, type ImageFile, type OpenImageFileOptions } from './image-file.js';
export { findEntry, openTar, readTarRange, type FoundEntry, type ReadFileOptions } from './read-file.js';
export { ContentTap } from './content-tap.js';
export { buildGzipIndex, GzipIndexer, DEFAULT_SPAN, type GzipCheckpoint } from './gzip-index.js';
export { packSeekIndex, unpackSeekIndex } from './seek-index-pack.js';
export { readGzipRange, checkpointBefore, type OpenAt } from './gzip-range.js';
export { readSeekable, type SeekableBlob } from './seekable.js';
export { layerSeekable } from './layer-seekable.js';
export { zstdFrames, type ZstdFrame } from './zstd-frames.js';

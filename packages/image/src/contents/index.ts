export { openImageFile, type ImageFile, type OpenImageFileOptions } from './image-file.js';
export { findEntry, openTar, readTarRange, type FoundEntry, type ReadFileOptions } from './read-file.js';
export { ContentTap } from './content-tap.js';
export { scanLayerContent } from './scan-layer.js';

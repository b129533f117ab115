export * from './archive-builder';
export * from './fixtures.js';
export {
  buildCachedImage,
  recipeDir,
  cacheDir,
  withLock,
  type ArchiveFormat as BuildahArchiveFormat,
  type BuildOptions,
  type RecipeName,
} from './buildah/index.js';
export * from './registry/index.js';
export * from './rootfs/extract-rootfs.js';
export * from './bench-images';
export { layerBlob, layerEntryBytes } from './gnu-tar.js';
export { deflateSample } from './deflate-sample.js';
export { finalDpkg, type FinalDpkg } from './dpkg-db.js';

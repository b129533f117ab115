export type {
  ArchiveFormat,
  ArchiveResult,
  Compression,
  ContentSpec,
  EntrySpec,
  ImageResult,
  ImageSpec,
  LayerSpec,
  MultiPlatformSpec,
  Platform,
  Tamper,
  WriteOptions,
} from './types';
export { writeImageArchive } from './write-image-archive';
export { writePlainTar, type PlainTarOptions } from './plain-tar';
export { randomContent } from './random-content';
export { writeImageBundle, type BundleFormat } from './write-bundle';
export { sampleBundleSpecs, sampleMultiPlatformSpec } from './sample-bundle';
export * from './hostile/index';

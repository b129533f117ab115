/** The image-spec core: media types, digests, and checked parsers for every document Strata reads. */
export * from './digest.js';
export * from './media-types.js';
export * from './image-limits.js';
export { parseManifest, readIndex, type ManifestIndex, type ParsedManifest } from './manifest.js';
export { parseImageConfig } from './image-config.js';
export { parseManifestJson, type ManifestJsonEntry } from './docker-manifest-json.js';
export { layersOf, type LayerListing } from './partial.js';

import { StrataError } from '../errors.js';
/**
 * Bounds on an image's shape, checked while its documents are parsed, before any layer is
 * read. Docker's overlay2 driver refuses images deeper than 128 layers (its `maxDepth`), but
 * images with more exist (other drivers, squash-less CI images); 500 leaves room for those while
 * keeping a manifest that lists one layer 100,000 times out. A layer listed again is legal
 * (identical empty layers of the classic builder), but not without bound: each repeat is decoded.
 */
export interface ImageLimits {
  /** Layers in one image manifest (STRATA_MAX_LAYERS). */
  maxLayers: number;
  /** Times one blob may be listed in one manifest (STRATA_MAX_LAYER_REPEATS). */
  maxLayerRepeats: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxLayers: 500, maxLayerRepeats: 16 };

/** Entries of an image index, and history entries of a config (empty layers included). */
export const MAX_INDEX_ENTRIES = 1000;
export const MAX_HISTORY_ENTRIES = 10_000;

export function layerCountError(count: number, limits: ImageLimits, what: string): StrataError | undefined {
  if (count <= limits.maxLayers) return undefined;
  return new StrataError(
    'TOO_LARGE',
    `${what} lists ${count} layers, more than the limit of ${limits.maxLayers} (STRATA_MAX_LAYERS)`,
  );
}

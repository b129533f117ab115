/**
 * The one place an image's layer list is derived from its manifest and its config, whatever
 * the source (go-containerregistry's `partial` package plays this part): the i-th listed blob
 * goes with the config's i-th diff_id, the counts must agree, and one layer may not be listed
 * without bound.
 */
import { StrataError } from '../errors.js';
import type { ImageConfig, Layer } from '../image.js';
import { DEFAULT_IMAGE_LIMITS, layerCountError, type ImageLimits } from './image-limits.js';

export interface LayerListing<T> {
  /** The blobs as the manifest lists them (descriptors, or docker-archive file names). */
  listed: readonly T[];
  /** Where they are listed, for messages: `manifest.json`, `the manifest`. */
  listedIn: string;
  /** Makes the source's Layer for one listed blob and its diff_id. */
  make: (item: T, diffId: string, index: number) => Layer;
}

export function layersOf<T>(
  config: ImageConfig,
  { listed, listedIn, make }: LayerListing<T>,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Layer[] {
  const diffIds = config.rootfs.diff_ids;
  const tooMany = layerCountError(listed.length, limits, listedIn);
  if (tooMany) throw tooMany;
  if (diffIds.length !== listed.length) {
    throw new StrataError(
      'CORRUPT',
      `the config lists ${diffIds.length} diff_ids but ${listedIn} lists ${listed.length} layers`,
    );
  }
  checkRepeats(diffIds, limits);
  return listed.map((item, i) => make(item, diffIds[i] as string, i));
}

function checkRepeats(diffIds: readonly string[], limits: ImageLimits): void {
  const seen = new Map<string, number>();
  for (const diffId of diffIds) {
    const times = (seen.get(diffId) ?? 0) + 1;
    seen.set(diffId, times);
    if (times > limits.maxLayerRepeats) {
      throw new StrataError(
        'TOO_LARGE',
        `layer ${diffId} is listed more than ${limits.maxLayerRepeats} times (STRATA_MAX_LAYER_REPEATS)`,
      );
    }
  }
}

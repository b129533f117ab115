/**
 * Read an image into the analysis input: manifest, config, and every layer decoded in
 * parallel (bounded: decompression is the bottleneck and zlib runs on libuv's pool).
 */
import type { ImageInput, LayerIndex } from '@strata/analysis';
import { StrataError } from './errors.js';
import type { Image } from './image.js';
import { decodeLayer, layerError, verifyLayer, type DecodeOptions } from './layer/decode-layer.js';
import type { LayerDecoder } from './layer/worker-decoder.js';
import { mapLimit } from './map-limit.js';

export interface LayerProgress {
  index: number;
  bytesDone: number;
  bytesTotal: number;
  done: boolean;
}

export interface LoadOptions {
  concurrency?: number;
  onProgress?: (p: LayerProgress) => void;
  limits?: DecodeOptions['limits'];
  signal?: AbortSignal;
  /** How layers are decoded: in this thread by default, or a worker pool's `decode`. */
  decoder?: LayerDecoder;
  /** Tar entries allowed across all layers (each layer also has its own bound, `limits.maxEntries`). */
  maxImageEntries?: number;
  /** Each layer once decoded and verified, in the order they end (a LayerStacker stacks them meanwhile). */
  onLayer?: (index: number, layer: LayerIndex) => void;
}

export const DEFAULT_MAX_IMAGE_ENTRIES = 5_000_000;

export async function loadImageInput(image: Image, options: LoadOptions = {}): Promise<ImageInput> {
  const [digest, manifest, config, layers, names] = await Promise.all([
    image.digest(),
    image.manifest(),
    image.config(),
    image.layers(),
    image.names(),
  ]);
  const maxEntries = options.maxImageEntries ?? DEFAULT_MAX_IMAGE_ENTRIES;
  let entries = 0;
  const decoded = await mapLimit(
    layers,
    options.concurrency ?? 2,
    async (layer, index): Promise<LayerIndex> => {
      // A cancel stops the work between layers too, not only inside a decoder that honours it.
      options.signal?.throwIfAborted();
      const report = (bytesDone: number, done: boolean): void =>
        options.onProgress?.({ index, bytesDone, bytesTotal: layer.size, done });
      const decodeOptions: DecodeOptions = { onBytes: (n) => report(n, false) };
      if (options.limits) decodeOptions.limits = options.limits;
      if (options.signal) decodeOptions.signal = options.signal;
      const measured = await (options.decoder ?? decodeLayer)(layer, decodeOptions);
      try {
        verifyLayer(layer, measured);
      } catch (err) {
        throw layerError(layer, err);
      }
      // The manifest names the media type; what the blob is made of was measured.
      measured.mediaType = layer.mediaType;
      entries += measured.entryCount;
      if (entries > maxEntries) {
        throw new StrataError(
          'TOO_LARGE',
          `the image has more than ${maxEntries} tar entries across its layers`,
        );
      }
      report(measured.compressedSize, true);
      options.onLayer?.(index, measured);
      return measured;
    },
  );
  const platform = { os: config.os ?? 'unknown', architecture: config.architecture ?? 'unknown' };
  return {
    digest,
    configDigest: manifest.config.digest,
    platform: config.variant ? { ...platform, variant: config.variant } : platform,
    names,
    history: config.history ?? [],
    annotations: manifest.annotations ?? {},
    labels: config.config?.Labels ?? {},
    layers: decoded,
  };
}

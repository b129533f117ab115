/**
 * Read an image into the analysis input: manifest, config, and every layer decoded in
 * parallel (bounded: decompression is the bottleneck and zlib runs on libuv's pool).
 */
import type { ImageInput, LayerInput } from '@strata/analysis';
import type { Image } from './image.js';
import { decodeLayer, type DecodeOptions } from './layer/decode-layer.js';
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
}

export async function loadImageInput(image: Image, options: LoadOptions = {}): Promise<ImageInput> {
  const [digest, manifest, config, layers, names] = await Promise.all([
    image.digest(),
    image.manifest(),
    image.config(),
    image.layers(),
    image.names(),
  ]);
  const decoded = await mapLimit(
    layers,
    options.concurrency ?? 2,
    async (layer, index): Promise<LayerInput> => {
      // A cancel stops the work between layers too, not only inside a decoder that honours it.
      options.signal?.throwIfAborted();
      const report = (bytesDone: number, done: boolean): void =>
        options.onProgress?.({ index, bytesDone, bytesTotal: layer.size, done });
      const decodeOptions: DecodeOptions = { onBytes: (n) => report(n, false) };
      if (options.limits) decodeOptions.limits = options.limits;
      if (options.signal) decodeOptions.signal = options.signal;
      const input = await (options.decoder ?? decodeLayer)(layer, decodeOptions);
      report(input.compressedSize, true);
      return input;
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

/**
 * How a job's layers are decoded, composed in this one place: layers an upload already decoded
 * while it arrived (EarlyLayers), else the layer cache by blob digest, else the decoder itself
 * (the worker pool in production, this thread in tests). loadImageInput verifies whatever comes.
 */
import { decodeLayer, type BlobDecoder, type LayerCache, type LayerDecoder } from '@strata/image';
import type { JobSource } from './job-source.js';

export interface DecoderDeps {
  /** Decodes one blob: the worker pool's `decode` in production; this thread by default. */
  blobDecoder?: BlobDecoder;
  layerCache?: LayerCache;
}

export function rawDecoder(deps: DecoderDeps): BlobDecoder {
  return deps.blobDecoder ?? decodeLayer;
}

export function layerDecoder(source: JobSource, deps: DecoderDeps): LayerDecoder {
  const raw = rawDecoder(deps);
  const cached = deps.layerCache ? deps.layerCache.decoder(raw) : raw;
  return source.kind === 'upload' && source.early ? source.early.decoder(cached) : cached;
}

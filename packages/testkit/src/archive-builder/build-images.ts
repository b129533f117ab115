import { buildConfig, DEFAULT_PLATFORM, EPOCH, tamperDiffIds } from './image-config';
import { buildLayerBlob, type LayerBlob } from './layer-blob';
import { sha256 } from './go-json';
import type { Compression, ImageSpec, Platform } from './types';

/** One image with its layer blobs on disk and its config in memory, ready for any archive format. */
export interface BuiltImage {
  spec: ImageSpec;
  platform: Platform;
  config: Buffer;
  configDigest: string;
  layers: LayerBlob[];
}

async function buildImage(
  spec: ImageSpec,
  defaultCompression: Compression,
  dir: string,
  prefix: string,
  tamperDiffId: boolean,
): Promise<BuiltImage> {
  const mtime = spec.created ?? EPOCH;
  // Layers are independent: building them together overlaps gzip (thread pool) and zstd (processes).
  const layers = await Promise.all(
    spec.layers.map((layer, i) =>
      buildLayerBlob(layer, layer.compression ?? defaultCompression, mtime, dir, `${prefix}-layer-${i}`),
    ),
  );
  const diffIds = layers.map((l) => l.diffId);
  const config = buildConfig(spec, tamperDiffId ? tamperDiffIds(diffIds) : diffIds);
  return { spec, platform: spec.platform ?? DEFAULT_PLATFORM, config, configDigest: sha256(config), layers };
}

/** Builds every image; a 'diff-id' tamper only touches the first image's config. */
export async function buildImages(
  specs: ImageSpec[],
  defaultCompression: Compression,
  dir: string,
  tamperDiffId: boolean,
): Promise<BuiltImage[]> {
  const images: BuiltImage[] = [];
  for (const [i, spec] of specs.entries()) {
    images.push(await buildImage(spec, defaultCompression, dir, `image-${i}`, tamperDiffId && i === 0));
  }
  return images;
}

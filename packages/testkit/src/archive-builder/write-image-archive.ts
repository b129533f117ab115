import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArchive } from './archive-writer';
import { buildImages, type BuiltImage } from './build-images';
import { planDocker25 } from './format-docker25';
import { planDockerLegacy } from './format-docker-legacy';
import { planKaniko } from './format-kaniko';
import { planOciIndexNested, planOciLayout } from './format-oci';
import { planPodman } from './format-podman';
import { EPOCH } from './image-config';
import type { Planner } from './plan';
import type {
  ArchiveFormat,
  ArchiveResult,
  Compression,
  ImageResult,
  ImageSpec,
  MultiPlatformSpec,
  WriteOptions,
} from './types';

const PLANNERS: Record<ArchiveFormat, Planner> = {
  'docker-legacy': planDockerLegacy,
  docker25: planDocker25,
  kaniko: planKaniko,
  podman: planPodman,
  'oci-layout': planOciLayout,
  'oci-index-nested': planOciIndexNested,
};

/** Docker's own stores and skopeo's docker-archive keep layers uncompressed; registry-shaped formats gzip. */
const DEFAULT_COMPRESSION: Record<ArchiveFormat, Compression> = {
  'docker-legacy': 'none',
  docker25: 'none',
  podman: 'none',
  kaniko: 'gzip',
  'oci-layout': 'gzip',
  'oci-index-nested': 'gzip',
};

function specsOf(spec: ImageSpec | MultiPlatformSpec, format: ArchiveFormat): ImageSpec[] {
  if (!('platforms' in spec)) return [spec];
  if (format !== 'oci-index-nested') throw new Error(`${format} cannot hold several platforms`);
  if (spec.platforms.length === 0) throw new Error('platforms is empty');
  return spec.platforms;
}

function imageResult(image: BuiltImage, manifestDigest: string): ImageResult {
  return {
    manifestDigest,
    configDigest: image.configDigest,
    diffIds: image.layers.map((l) => l.diffId),
    layerDigests: image.layers.map((l) => l.digest),
    platform: image.platform,
  };
}

/**
 * Writes a real, byte-for-byte deterministic image archive in one of the shapes real tools produce.
 * Layer blobs are streamed through temp files (removed before returning), so layers may be big.
 * For 'oci-index-nested' the top-level `manifestDigest` is the nested index's digest.
 */
export async function writeImageArchive(
  spec: ImageSpec | MultiPlatformSpec,
  out: string,
  format: ArchiveFormat,
  opts: WriteOptions = {},
): Promise<ArchiveResult> {
  const specs = specsOf(spec, format);
  const multi = 'platforms' in spec ? spec : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'strata-archive-'));
  try {
    const images = await buildImages(specs, DEFAULT_COMPRESSION[format], dir, opts.tamper === 'diff-id');
    const plan = PLANNERS[format](images, multi);
    const target = images[0]?.layers[0];
    if (opts.tamper && !target) throw new Error(`tamper '${opts.tamper}' needs a layer in the first image`);
    await writeArchive(out, plan.items, {
      style: plan.style,
      mtime: plan.mtime ?? specs[0]?.created ?? EPOCH,
      gzipWhole: opts.gzipWhole ?? false,
      tamper: opts.tamper,
      target,
    });
    const results = images.map((img, i) => imageResult(img, plan.manifestDigests[i] ?? ''));
    const first = results[0] as ImageResult;
    return { ...first, manifestDigest: plan.topDigest, path: out, images: results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

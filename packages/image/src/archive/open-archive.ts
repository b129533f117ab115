/**
 * Open an image archive, detecting its format from its contents: manifest.json -> the
 * docker-archive family, else index.json -> OCI layout. A `docker-archive:` or `oci-archive:`
 * prefix insists on one.
 */
import { StrataError } from '../errors.js';
import type { Image, Platform } from '../image.js';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../spec/image-limits.js';
import { openArchiveFile, type ArchiveFile } from './archive-file.js';
import { dockerArchiveImage, isDockerArchive } from './docker-archive.js';
import type { InflateLimits } from './inflate-guard.js';
import { isOciLayout, ociLayoutImage } from './oci-layout.js';

export type ArchiveKind = 'docker-archive' | 'oci-archive';

export interface OpenArchiveOptions {
  kind?: ArchiveKind;
  platform?: Platform;
  /** Where a compressed archive is inflated (default the OS temp dir). */
  tmpDir?: string;
  /** Bounds on inflating a compressed archive and on the image's shape. */
  limits?: Partial<InflateLimits & ImageLimits>;
  /** Stops inflating and indexing. */
  signal?: AbortSignal;
}

export async function openArchive(path: string, options: OpenArchiveOptions = {}): Promise<Image> {
  const { tmpDir, limits, signal } = options;
  const archive = await openArchiveFile(path, {
    ...(tmpDir ? { tmpDir } : {}),
    ...(limits ? { limits } : {}),
    ...(signal ? { signal } : {}),
  });
  try {
    return chooseFormat(archive, path, options);
  } catch (err) {
    await archive.close();
    throw err;
  }
}

function chooseFormat(archive: ArchiveFile, path: string, options: OpenArchiveOptions): Image {
  const { kind, platform } = options;
  const limits: ImageLimits = {
    maxLayers: options.limits?.maxLayers ?? DEFAULT_IMAGE_LIMITS.maxLayers,
    maxLayerRepeats: options.limits?.maxLayerRepeats ?? DEFAULT_IMAGE_LIMITS.maxLayerRepeats,
  };
  const docker = isDockerArchive(archive);
  const oci = isOciLayout(archive);
  if (kind === 'docker-archive' && !docker) throw notAn('a docker-archive (no manifest.json)', archive);
  if (kind === 'oci-archive' && !oci) throw notAn('an OCI archive (no index.json)', archive);
  // A multi-platform choice only exists in the OCI layout; Docker 25+ archives have both files.
  if (kind === 'oci-archive' || (oci && (!docker || platform)))
    return ociLayoutImage(archive, `oci-archive:${path}`, limits, platform);
  if (docker) return dockerArchiveImage(archive, `docker-archive:${path}`, limits);
  throw notAn('an image archive: it has no manifest.json or index.json at its top level', archive);
}

function notAn(what: string, archive: ArchiveFile): StrataError {
  const found = archive.index.topLevel().slice(0, 8).join(', ');
  return new StrataError('NOT_AN_IMAGE', `not ${what} (found: ${found})`);
}

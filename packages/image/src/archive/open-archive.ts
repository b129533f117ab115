/**
 * Open an image archive or layout directory, detecting its format from its contents:
 * manifest.json -> the docker-archive family, else index.json -> OCI layout. A `docker-archive:`,
 * `oci-archive:` or `oci:` kind insists on one. An archive holding several images needs a choice
 * (`image`: a REF or `@N`, see image-choice.ts).
 */
import { stat } from 'node:fs/promises';
import { StrataError } from '../errors.js';
import type { Image, Platform } from '../image.js';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../spec/image-limits.js';
import { openArchiveFile, type ArchiveFile } from './archive-file.js';
import { dockerArchiveImage, isDockerArchive } from './docker-archive.js';
import { listDockerImages } from './docker-images.js';
import type { InflateLimits } from './inflate-guard.js';
import {
  chooseImage,
  formatImageChoice,
  parseImageChoice,
  type ImageChoice,
  type ImageEntry,
} from './image-choice.js';
import { openLayoutDir } from './oci-dir.js';
import { listOciImages } from './oci-images.js';
import { isOciLayout, ociLayoutImage } from './oci-layout.js';

/** `oci` is a layout directory; `oci-archive` a tar of one. */
export type ArchiveKind = 'docker-archive' | 'oci-archive' | 'oci';

export interface OpenArchiveOptions {
  kind?: ArchiveKind;
  platform?: Platform;
  /** Which image of several: a REF (RepoTag or ref name) or `@N`. */
  image?: string | ImageChoice;
  /** Where a compressed archive is inflated (default the OS temp dir). */
  tmpDir?: string;
  /** Bounds on inflating a compressed archive and on the image's shape. */
  limits?: Partial<InflateLimits & ImageLimits>;
  /** Stops inflating and indexing. */
  signal?: AbortSignal;
}

export interface ArchiveListing {
  /** The format detected (what `kind` would insist on). */
  kind: ArchiveKind;
  images: ImageEntry[];
}

interface Opened {
  archive: ArchiveFile;
  /** A layout directory rather than an archive file. */
  dir: boolean;
}

export async function openArchive(path: string, options: OpenArchiveOptions = {}): Promise<Image> {
  return (await openArchiveChoice(path, options)).image;
}

/** The image, and which entry of the archive it is (its `@N` and the platforms it offers). */
export async function openArchiveChoice(
  path: string,
  options: OpenArchiveOptions = {},
): Promise<{ image: Image; entry: ImageEntry }> {
  const opened = await openFileOrDir(path, options);
  const { archive } = opened;
  try {
    return await chooseFormat(opened, path, options);
  } catch (err) {
    await archive.close();
    throw err;
  }
}

/** The images an archive or layout holds, for a picker or an error that lists them. */
export async function listArchiveImages(
  path: string,
  options: OpenArchiveOptions = {},
): Promise<ArchiveListing> {
  const opened = await openFileOrDir(path, options);
  const { archive } = opened;
  try {
    const kind = formatOf(opened, options);
    const images =
      kind === 'docker-archive'
        ? await listDockerImages(archive.index, limitsOf(options))
        : await listOciImages(archive.index, limitsOf(options));
    return {
      kind,
      images: images.map(({ index, refs, platforms, layers }) => ({ index, refs, platforms, layers })),
    };
  } finally {
    await archive.close();
  }
}

async function openFileOrDir(path: string, options: OpenArchiveOptions): Promise<Opened> {
  const info = await stat(path).catch(() => undefined); // openArchiveFile says what is wrong
  const dir = info?.isDirectory() === true;
  if (dir) return { archive: await openLayoutDir(path), dir };
  if (options.kind === 'oci' && !info) throw new StrataError('NOT_FOUND', `no such directory: ${path}`);
  if (options.kind === 'oci')
    throw new StrataError(
      'NOT_AN_IMAGE',
      `${path} is not a directory (oci: names an image layout directory)`,
    );
  const { tmpDir, limits, signal } = options;
  const archive = await openArchiveFile(path, {
    ...(tmpDir ? { tmpDir } : {}),
    ...(limits ? { limits } : {}),
    ...(signal ? { signal } : {}),
  });
  return { archive, dir };
}

async function chooseFormat(
  opened: Opened,
  path: string,
  options: OpenArchiveOptions,
): Promise<{ image: Image; entry: ImageEntry }> {
  const { archive } = opened;
  const kind = formatOf(opened, options);
  const limits = limitsOf(options);
  const choice = typeof options.image === 'string' ? parseImageChoice(options.image) : options.image;
  const source = `${kind}:${path}${choice ? `:${formatImageChoice(choice)}` : ''}`;
  if (kind === 'docker-archive') {
    const chosen = chooseImage(await listDockerImages(archive.index, limits), choice, path);
    return { image: dockerArchiveImage(archive, source, limits, chosen.index), entry: chosen };
  }
  const chosen = chooseImage(await listOciImages(archive.index, limits), choice, path);
  const { descriptors: _, ...entry } = chosen;
  return { image: ociLayoutImage(archive, source, limits, options.platform, chosen.descriptors), entry };
}

function formatOf({ archive, dir }: Opened, { kind, platform, image }: OpenArchiveOptions): ArchiveKind {
  const docker = isDockerArchive(archive);
  const oci = isOciLayout(archive);
  if (kind === 'docker-archive' && !docker) throw notAn('a docker-archive (no manifest.json)', archive);
  if (kind === 'oci-archive' && !oci) throw notAn('an OCI archive (no index.json)', archive);
  if (kind === 'oci' && !oci) throw notAn('an OCI layout directory (no index.json)', archive);
  if (dir && !oci && !docker)
    throw notAn('an image layout: a directory without index.json or manifest.json', archive);
  const ociKind: ArchiveKind = dir ? 'oci' : 'oci-archive';
  if (kind === 'oci-archive' || kind === 'oci') return ociKind;
  // A multi-platform choice only exists in the OCI layout; Docker 25+ archives have both files.
  // Several images are listed by manifest.json, whose RepoTags name them.
  if (oci && (!docker || (platform && !image))) return ociKind;
  if (docker) return 'docker-archive';
  throw notAn('an image archive: it has no manifest.json or index.json at its top level', archive);
}

function limitsOf(options: OpenArchiveOptions): ImageLimits {
  return {
    maxLayers: options.limits?.maxLayers ?? DEFAULT_IMAGE_LIMITS.maxLayers,
    maxLayerRepeats: options.limits?.maxLayerRepeats ?? DEFAULT_IMAGE_LIMITS.maxLayerRepeats,
  };
}

function notAn(what: string, archive: ArchiveFile): StrataError {
  const found = archive.index.topLevel().slice(0, 8).join(', ');
  return new StrataError('NOT_AN_IMAGE', `not ${what} (found: ${found})`);
}

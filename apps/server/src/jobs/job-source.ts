/** Where a job's image comes from, and how to open it as the image package's `Image`. */
import {
  openArchiveChoice,
  parsePlatform,
  RegistryImage,
  SeveralImagesError,
  type EarlyLayers,
  type Image,
  type OpenArchiveOptions,
} from '@strata/image';
import type { HeldUploads, PlatformOffer } from '../uploads/held-uploads.js';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { registryOptions, type Credentials } from '../registry/registry-options.js';

export interface UploadSource {
  kind: 'upload';
  /** The uploaded archive in the data dir's tmp/. */
  path: string;
  /** The client's file name, shown instead of the temp path. */
  name: string;
  platform?: string;
  /** Which image of several (a REF or `@N`). */
  image?: string;
  /** Layers decoded while the upload arrived. */
  early?: EarlyLayers;
  /** A kept upload (held-uploads.ts): never held again, never removed by the job. */
  held?: boolean;
  /** Set when opened: a multi-platform image whose upload is kept for the other platforms. */
  offer?: PlatformOffer;
}

export interface ReferenceSource {
  kind: 'reference';
  reference: string;
  platform?: string;
  /** Kept in memory for this job only. */
  credentials?: Credentials;
}

export type JobSource = UploadSource | ReferenceSource;

/** SEVERAL_IMAGES for an upload the server now keeps under `upload`, for the client's choice. */
export class HeldImagesError extends SeveralImagesError {
  constructor(
    images: SeveralImagesError['images'],
    what: string,
    readonly upload: string,
  ) {
    super(images, what);
  }
}

export async function openImage(
  source: JobSource,
  config: Config,
  signal: AbortSignal,
  held?: HeldUploads,
): Promise<Image> {
  if (source.kind === 'upload') return openUpload(source, config, signal, held);

  const options = registryOptions(config, signal, source.credentials);
  if (source.platform) options.platform = source.platform;
  return new RegistryImage(source.reference, options);
}

async function openUpload(
  source: UploadSource,
  config: Config,
  signal: AbortSignal,
  held: HeldUploads | undefined,
): Promise<Image> {
  // A compressed archive is inflated beside the upload, on the data volume, swept at start;
  // it may not take more room than an uncompressed upload may (the upload limit).
  const options: OpenArchiveOptions = {
    tmpDir: dirname(source.path),
    signal,
    limits: { ...inflateLimits(config), ...config.imageLimits },
  };
  if (source.platform) options.platform = parsePlatform(source.platform);
  if (source.image) options.image = source.image;
  try {
    const { image, entry } = await openArchiveChoice(source.path, options);
    if (held && !source.held && entry.platforms.length > 1) {
      // The analysis page can then switch platform without the archive being sent again.
      const upload = await held.hold(source.path, source.name, true).catch(() => undefined);
      if (upload) source.offer = { upload, image: `@${entry.index}`, platforms: entry.platforms };
    }
    return image;
  } catch (err) {
    if (!(err instanceof SeveralImagesError) || !held || source.held) throw err;
    const token = await held.hold(source.path, source.name);
    throw new HeldImagesError(err.images, source.name, token);
  }
}

function inflateLimits(config: Config): NonNullable<OpenArchiveOptions['limits']> {
  const { maxRatio, ratioFloorBytes } = config.limits;
  const limits = { maxRatio, maxBytes: config.maxUploadBytes };
  return ratioFloorBytes === undefined ? limits : { ...limits, ratioFloorBytes };
}

/** The report's `source`: the archive kind with the client's name, never our temp path. */
export function sourceLabel(source: JobSource, image: Image): string {
  if (source.kind === 'reference') return image.source;
  const kind = image.source.slice(0, image.source.indexOf(':'));
  return `${kind}:${source.name}${source.image ? `:${source.image}` : ''}`;
}

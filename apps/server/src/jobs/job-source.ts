/** Where a job's image comes from, and how to open it as the image package's `Image`. */
import {
  openArchive,
  parsePlatform,
  RegistryImage,
  type EarlyLayers,
  type Image,
  type OpenArchiveOptions,
} from '@strata/image';
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
  /** Layers decoded while the upload arrived. */
  early?: EarlyLayers;
}

export interface ReferenceSource {
  kind: 'reference';
  reference: string;
  platform?: string;
  /** Kept in memory for this job only. */
  credentials?: Credentials;
}

export type JobSource = UploadSource | ReferenceSource;

export async function openImage(source: JobSource, config: Config, signal: AbortSignal): Promise<Image> {
  if (source.kind === 'upload') {
    // A compressed archive is inflated beside the upload, on the data volume, swept at start;
    // it may not take more room than an uncompressed upload may (the upload limit).
    const options: OpenArchiveOptions = {
      tmpDir: dirname(source.path),
      signal,
      limits: { ...inflateLimits(config), ...config.imageLimits },
    };
    if (source.platform) options.platform = parsePlatform(source.platform);
    return openArchive(source.path, options);
  }
  const options = registryOptions(config, signal, source.credentials);
  if (source.platform) options.platform = source.platform;
  return new RegistryImage(source.reference, options);
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
  return `${kind}:${source.name}`;
}

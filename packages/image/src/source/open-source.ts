/**
 * Open any source (parse-source.ts) as an Image: an archive or layout through openArchive, a
 * reference through the registry client. Shared by the CLI's commands (analyze, diff, df).
 */
import { existsSync } from 'node:fs';
import { openArchive, type OpenArchiveOptions } from '../archive/open-archive.js';
import type { Image } from '../image.js';
import { parsePlatform } from '../platform.js';
import type { RegistryOptions } from '../registry/options.js';
import { RegistryImage } from '../registry/registry-image.js';
import { parseSource } from './parse-source.js';

export interface SourceOptions {
  platform?: string;
  registry: RegistryOptions;
  tmpDir?: string;
}

export async function openSource(text: string, options: SourceOptions): Promise<Image> {
  const spec = parseSource(text, existsSync);
  if (spec.kind === 'registry') {
    const registry = options.platform
      ? { ...options.registry, platform: options.platform }
      : options.registry;
    return new RegistryImage(spec.reference, registry);
  }
  const archive: OpenArchiveOptions = {};
  if (options.platform) archive.platform = parsePlatform(options.platform);
  if (options.tmpDir) archive.tmpDir = options.tmpDir;
  if (spec.transport) archive.kind = spec.transport;
  if (spec.image !== undefined) archive.image = spec.image;
  return openArchive(spec.path, archive);
}

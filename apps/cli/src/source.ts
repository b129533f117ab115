/**
 * Turn the <source> argument into an Image: `docker-archive:PATH`, `oci-archive:PATH`,
 * `docker://REF`, or a bare word: an archive when such a path exists, else a registry reference.
 */
import { existsSync } from 'node:fs';
import {
  openArchive,
  parsePlatform,
  RegistryImage,
  type ArchiveKind,
  type Image,
  type OpenArchiveOptions,
  type RegistryOptions,
} from '@strata/image';

const PREFIXES: ArchiveKind[] = ['docker-archive', 'oci-archive'];
const REGISTRY_PREFIX = 'docker://';

export interface SourceOptions {
  platform?: string;
  registry: RegistryOptions;
}

export async function openSource(source: string, options: SourceOptions): Promise<Image> {
  const archive: OpenArchiveOptions = {};
  if (options.platform) archive.platform = parsePlatform(options.platform);
  for (const kind of PREFIXES) {
    if (source.startsWith(`${kind}:`))
      return openArchive(source.slice(kind.length + 1), { ...archive, kind });
  }
  if (source.startsWith(REGISTRY_PREFIX)) return registryImage(source.slice(REGISTRY_PREFIX.length), options);
  if (existsSync(source) || looksLikePath(source)) return openArchive(source, archive);
  return registryImage(source, options);
}

function registryImage(reference: string, options: SourceOptions): Image {
  const registry = options.platform ? { ...options.registry, platform: options.platform } : options.registry;
  return new RegistryImage(reference, registry);
}

/** A reference never starts with `/` or `.`, nor ends in an archive suffix: say "no such file" for these. */
function looksLikePath(source: string): boolean {
  return /^(\/|\.{1,2}\/|~)/.test(source) || /\.(tar|tgz|tar\.gz|tar\.zst)$/.test(source);
}

/** Turn the <source> argument into an Image: `docker-archive:PATH`, `oci-archive:PATH` or a PATH. */
import {
  openArchive,
  parsePlatform,
  type ArchiveKind,
  type Image,
  type OpenArchiveOptions,
} from '@strata/image';

const PREFIXES: ArchiveKind[] = ['docker-archive', 'oci-archive'];

export async function openSource(source: string, platform?: string): Promise<Image> {
  const options: OpenArchiveOptions = {};
  if (platform) options.platform = parsePlatform(platform);
  for (const kind of PREFIXES) {
    if (source.startsWith(`${kind}:`))
      return openArchive(source.slice(kind.length + 1), { ...options, kind });
  }
  return openArchive(source, options);
}

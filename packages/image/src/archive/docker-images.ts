/**
 * The images a `docker save a b` / `podman save -m` archive holds: one per manifest.json entry,
 * named by its RepoTags; the platform comes from its config (a docker-archive has no index).
 */
import type { ImageConfig } from '../image.js';
import { formatPlatform } from '../platform.js';
import { readArchiveJson } from './blob-json.js';
import { manifestJsonEntries } from './docker-archive.js';
import type { ImageEntry } from './image-choice.js';
import type { TarIndex } from './tar-index.js';

export async function listDockerImages(index: TarIndex): Promise<ImageEntry[]> {
  const entries = manifestJsonEntries((await readArchiveJson<unknown>(index, 'manifest.json')).value);
  return Promise.all(
    entries.map(async (entry, i) => ({
      index: i,
      refs: entry.RepoTags ?? [],
      platforms: await configPlatform(index, entry.Config),
    })),
  );
}

/** Best effort: a listing must not fail on one image's unreadable config (choosing it will say why). */
async function configPlatform(index: TarIndex, name: string): Promise<string[]> {
  if (!index.has(name)) return [];
  const config = await readArchiveJson<ImageConfig>(index, name).catch(() => undefined);
  const { os, architecture, variant } = config?.value ?? {};
  if (typeof os !== 'string' || typeof architecture !== 'string') return [];
  return [formatPlatform(typeof variant === 'string' ? { os, architecture, variant } : { os, architecture })];
}

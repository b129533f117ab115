/**
 * The images a `docker save a b` / `podman save -m` archive holds: one per manifest.json entry,
 * named by its RepoTags; the platform comes from its config (a docker-archive has no index).
 */
import type { ImageConfig } from '../image.js';
import { formatPlatform } from '../platform.js';
import { parseManifestJsonEntries } from '../spec/docker-manifest-json.js';
import { parseImageConfig } from '../spec/image-config.js';
import type { ImageLimits } from '../spec/image-limits.js';
import { readArchiveBlob } from './blob-json.js';
import type { ImageEntry } from './image-choice.js';
import type { TarIndex } from './tar-index.js';

export async function listDockerImages(index: TarIndex, limits: ImageLimits): Promise<ImageEntry[]> {
  const entries = parseManifestJsonEntries(await readArchiveBlob(index, 'manifest.json'), limits);
  return Promise.all(
    entries.map(async (entry, i) => {
      const config = await readConfig(index, entry.Config, limits);
      const diffIds = config?.rootfs.diff_ids ?? [];
      const layers = entry.Layers.map((name, l) => ({
        id: diffIds[l] ?? name,
        size: index.resolve(name)?.size ?? 0,
      }));
      return { index: i, refs: entry.RepoTags, platforms: configPlatform(config), layers };
    }),
  );
}

/** Best effort: a listing must not fail on one image's unreadable config (choosing it will say why). */
async function readConfig(
  index: TarIndex,
  name: string,
  limits: ImageLimits,
): Promise<ImageConfig | undefined> {
  if (!index.has(name)) return undefined;
  return readArchiveBlob(index, name)
    .then((raw) => parseImageConfig(raw, name, limits))
    .catch(() => undefined);
}

function configPlatform(config: ImageConfig | undefined): string[] {
  const { os, architecture, variant } = config ?? {};
  if (typeof os !== 'string' || typeof architecture !== 'string') return [];
  return [formatPlatform(typeof variant === 'string' ? { os, architecture, variant } : { os, architecture })];
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withLock } from '../buildah/lock.js';
import { cacheDir } from '../buildah/paths.js';
import { writeBenchImage, type BenchImage, type BenchRecipe } from './bench-image';

/** Bump when the generators write different bytes for the same recipe: old archives then miss. */
export const GENERATOR_VERSION = 1;
/** Archives of other recipe versions are deleted once this old (a younger one may be in use). */
const PRUNE_AFTER_MS = 24 * 3600_000;

export const recipeHash = (recipe: BenchRecipe): string =>
  createHash('sha256')
    .update(JSON.stringify({ version: GENERATOR_VERSION, recipe }))
    .digest('hex')
    .slice(0, 16);

async function intact(listing: string): Promise<BenchImage | undefined> {
  if (!existsSync(listing)) return undefined;
  const image = JSON.parse(await readFile(listing, 'utf8')) as BenchImage & { bytes: number };
  const st = await stat(image.path).catch(() => undefined);
  return st?.size === image.bytes ? image : undefined;
}

/**
 * The archive of `recipe` from `$STRATA_CACHE_DIR/bench-images/` (outside the clone, shared by
 * worktrees and runs), generated under a lock when missing: `<name>-<hash>.oci.tar` plus a
 * `.json` beside it with digests and counts, written last (its presence means complete).
 */
export async function cachedBenchImage(name: string, recipe: BenchRecipe): Promise<BenchImage> {
  const dir = join(cacheDir(), 'bench-images');
  const base = `${name}-${recipeHash(recipe)}`;
  const listing = join(dir, `${base}.json`);
  const hit = await intact(listing);
  if (hit) return hit;
  await mkdir(join(dir, 'tmp'), { recursive: true });
  return withLock(join(dir, 'generate.lock'), async () => {
    const again = await intact(listing);
    if (again) return again;
    process.stderr.write(`strata testkit: generating bench image ${base} (not cached yet)\n`);
    const path = join(dir, `${base}.oci.tar`);
    const tmp = `${path}.tmp-${process.pid}`;
    try {
      const image = await writeBenchImage(recipe, tmp, join(dir, 'tmp'));
      await rename(tmp, path);
      const done = { ...image, path, bytes: (await stat(path)).size, recipe };
      await writeFile(listing, JSON.stringify(done, null, 2) + '\n');
      await pruneOlder(dir, name, base);
      return done;
    } finally {
      await rm(tmp, { force: true });
    }
  });
}

async function pruneOlder(dir: string, name: string, keep: string): Promise<void> {
  const re = new RegExp(`^${name.replace(/[^\w-]/g, '\\$&')}-[0-9a-f]{16}\\.(oci\\.tar|json)$`);
  for (const f of await readdir(dir)) {
    if (!re.test(f) || f.startsWith(`${keep}.`)) continue;
    const st = await stat(join(dir, f)).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > PRUNE_AFTER_MS) await rm(join(dir, f), { force: true });
  }
}

import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildah } from './buildah.js';
import { run } from './exec.js';
import { hashTree } from './hash.js';
import { withLock } from './lock.js';
import { cacheDir } from './paths.js';

export type ArchiveFormat = 'docker-archive' | 'oci-archive';

export interface BuildOptions {
  format: ArchiveFormat;
  /** Layer compression, oci-archive only (default gzip); docker-archive layers are always plain tar. */
  compress?: 'gzip' | 'zstd';
}

/** Archives of other recipe versions are deleted once this old (younger ones may be in use by another run). */
const PRUNE_AFTER_MS = 24 * 3600_000;

/**
 * Returns the path of an archive of the image that `recipeDir` describes (a Dockerfile, its
 * context, and an optional `prepare.sh STAGE_DIR` that adds generated files to the context),
 * building it with buildah only when no archive for the same recipe hash is cached.
 */
export async function buildCachedImage(recipeDir: string, opts: BuildOptions): Promise<string> {
  if (opts.format === 'docker-archive' && opts.compress) {
    throw new Error('docker-archive layers are always uncompressed: use oci-archive to choose compression');
  }
  const name = basename(recipeDir);
  const suffix = opts.format === 'docker-archive' ? 'docker' : `oci-${opts.compress ?? 'gzip'}`;
  const b = await buildah();
  const dir = cacheDir();
  await mkdir(join(dir, 'tmp'), { recursive: true });
  await mkdir(join(dir, 'images'), { recursive: true });

  const stage = await mkdtemp(join(dir, 'tmp', `${name}-`));
  try {
    await stageContext(recipeDir, stage);
    const hash = (await hashTree(stage, [b.version])).slice(0, 16);
    const archive = join(dir, 'images', `${name}-${hash}.${suffix}.tar`);
    if (existsSync(archive)) return archive;
    // One build at a time: the store is emptied after each one, and a parallel test file that
    // wants the same image waits here and then finds it built.
    await withLock(join(dir, 'buildah.lock'), async () => {
      if (existsSync(archive)) return;
      process.stderr.write(`strata testkit: building ${name} (${suffix}), not cached yet\n`);
      await buildAndPush(b.flags, stage, `strata-test/${name}:${hash}`, opts, archive);
      await pruneOlder(join(dir, 'images'), name, suffix, archive);
    });
    return archive;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function stageContext(recipeDir: string, stage: string): Promise<void> {
  await cp(recipeDir, stage, { recursive: true });
  if (existsSync(join(stage, 'prepare.sh'))) {
    await run('bash', [join(stage, 'prepare.sh'), stage], {
      cwd: stage,
      env: { ...process.env, STRATA_CACHE_DIR: cacheDir() },
    });
  }
}

async function buildAndPush(
  flags: string[],
  context: string,
  tag: string,
  opts: BuildOptions,
  archive: string,
): Promise<void> {
  const tmp = `${archive}.tmp-${process.pid}`;
  const push = opts.format === 'oci-archive' ? ['--compression-format', opts.compress ?? 'gzip'] : [];
  try {
    // chroot isolation: RUN needs no OCI runtime, network namespace or cgroups (none in CI/VMs).
    await run(
      'buildah',
      [...flags, 'bud', '--isolation', 'chroot', '--format', 'docker', '--layers', '-q'].concat([
        '-t',
        tag,
        context,
      ]),
    );
    await run('buildah', [...flags, 'push', '-q', ...push, tag, `${opts.format}:${tmp}`]);
    await rename(tmp, archive); // atomic: readers never see a half-written archive
  } finally {
    await rm(tmp, { force: true });
    // Empty the private store: the archive is the cache, and --layers' intermediate images
    // would otherwise grow the store with every recipe change.
    await run('buildah', [...flags, 'rm', '--all']).catch(() => undefined);
    await run('buildah', [...flags, 'rmi', '--all', '--force']).catch(() => undefined);
  }
}

async function pruneOlder(imagesDir: string, name: string, suffix: string, keep: string): Promise<void> {
  const esc = name.replace(/[^\w-]/g, '\\$&');
  const re = new RegExp(`^${esc}-[0-9a-f]{16}\\.${suffix}\\.tar$`);
  for (const f of await readdir(imagesDir)) {
    const p = join(imagesDir, f);
    if (!re.test(f) || p === keep) continue;
    const st = await stat(p).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > PRUNE_AFTER_MS) await rm(p, { force: true });
  }
}

/**
 * Put images into a test registry with the real tools: `skopeo copy` for single images (as
 * they are, or re-encoded as OCI with zstd layers), and `buildah manifest` for a
 * multi-platform index. buildah runs with its own temp storage root, so tests never touch
 * (or collide in) the machine's containers storage.
 */
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningRegistry } from './registry-server.js';
import { run } from './run.js';

/** A source image in containers/image transport syntax: `docker-archive:PATH`, `oci-archive:PATH`. */
export type ImageSource = `docker-archive:${string}` | `oci-archive:${string}`;

export interface SeedOptions {
  /** Re-encode as an OCI image with zstd-compressed layers. */
  zstd?: boolean;
  /** Manifest format to push (skopeo `--format`); default: as the source, with fallbacks. */
  format?: 'oci' | 'v2s2';
}

/**
 * skopeo and buildah remember which compressed variants of a layer a registry holds and reuse
 * them (a zstd blob in a v2s2 push fails; a gzip blob in a zstd push is silently kept), so
 * every seeding starts without that memory.
 */
const BLOB_INFO_CACHE = '/var/lib/containers/cache/blob-info-cache-v1.boltdb';

async function forgetPushedBlobs(): Promise<void> {
  await unlink(BLOB_INFO_CACHE).catch(() => undefined);
}

/** Copy `source` to `repo:tag` in the registry; returns the pushed manifest's digest. */
export async function seedImage(
  registry: RunningRegistry,
  source: ImageSource,
  repoTag: string,
  options: SeedOptions = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-seed-'));
  try {
    const digestFile = join(dir, 'digest');
    const args = [
      '--insecure-policy',
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      '--digestfile',
      digestFile,
    ];
    args.push(...destCreds('--dest-creds', registry));
    if (options.format) args.push('--format', options.format);
    if (options.zstd) {
      args.push('--dest-compress-format', 'zstd');
      if (!options.format) args.push('--format', 'oci');
    }
    await forgetPushedBlobs();
    await run('skopeo', [...args, source, `docker://${registry.host}/${repoTag}`]);
    return (await readFile(digestFile, 'utf8')).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Push an index of `sources` (one image per platform) to `repo:tag`; returns the index digest. */
export async function seedIndex(
  registry: RunningRegistry,
  sources: ImageSource[],
  repoTag: string,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-buildah-'));
  const buildah = (...args: string[]): Promise<unknown> =>
    run('buildah', [
      '--root',
      join(dir, 'root'),
      '--runroot',
      join(dir, 'run'),
      '--storage-driver',
      'vfs',
      ...args,
    ]);
  try {
    const list = 'strata-seed-list';
    await buildah('manifest', 'create', list);
    for (const source of sources) await buildah('manifest', 'add', list, source);
    const digestFile = join(dir, 'digest');
    const creds = destCreds('--creds', registry);
    await forgetPushedBlobs();
    await buildah(
      'manifest',
      'push',
      '--all',
      '--quiet',
      '--tls-verify=false',
      ...creds,
      '--digestfile',
      digestFile,
      list,
      `docker://${registry.host}/${repoTag}`,
    );
    return (await readFile(digestFile, 'utf8')).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function destCreds(flag: string, registry: RunningRegistry): string[] {
  const c = registry.credentials;
  return c ? [flag, `${c.username}:${c.password}`] : [];
}

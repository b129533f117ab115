import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.js';
import { cacheDir } from './paths.js';

export interface Buildah {
  /** Global flags that point buildah at Strata's own store. */
  flags: string[];
  /** `buildah --version` plus the storage driver: both can change the layers it writes. */
  version: string;
}

let found: Promise<Buildah> | undefined;

/** Locates buildah and picks a storage driver once per process. */
export function buildah(): Promise<Buildah> {
  found ??= detect().catch((e: unknown) => {
    found = undefined;
    throw e;
  });
  return found;
}

async function detect(): Promise<Buildah> {
  const version = (await run('buildah', ['--version']).catch(notInstalled)).trim();
  const driver = process.env.STRATA_BUILDAH_DRIVER || ((await works('overlay')) ? 'overlay' : 'vfs');
  return { flags: storeFlags(driver), version: `${version} driver=${driver}` };
}

/**
 * A private store (not /var/lib/containers) so that Strata's builds never touch images someone
 * keeps there, and so that emptying it after each build is safe. One store per driver: a store
 * created with one driver refuses to open with another.
 */
function storeFlags(driver: string): string[] {
  const base = join(cacheDir(), 'buildah', driver);
  return ['--root', join(base, 'root'), '--runroot', join(base, 'run'), '--storage-driver', driver];
}

/**
 * Native overlay works as root on ext4/xfs (as here) and is much faster than vfs, which copies
 * the whole rootfs for every layer. It fails on overlayfs-backed dirs (e.g. inside a container),
 * and `buildah info` initialises the driver, so it tells us.
 */
async function works(driver: string): Promise<boolean> {
  const flags = storeFlags(driver);
  await mkdir(flags[1]!, { recursive: true });
  return run('buildah', [...flags, 'info']).then(
    () => true,
    () => false,
  );
}

function notInstalled(e: unknown): never {
  throw new Error(`buildah is not usable (run: bash scripts/setup.sh): ${(e as Error).message}`);
}

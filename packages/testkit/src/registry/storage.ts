/**
 * Direct access to a test registry's filesystem storage, to corrupt what it serves
 * (layout of distribution's filesystem driver: `docker/registry/v2/blobs/<alg>/<xx>/<hex>/data`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningRegistry } from './registry-server.js';

export function blobDataPath(registry: RunningRegistry, digest: string): string {
  const [algorithm = '', hex = ''] = digest.split(':');
  return join(registry.storageDir, 'docker/registry/v2/blobs', algorithm, hex.slice(0, 2), hex, 'data');
}

/**
 * Overwrite a stored blob. By default every byte of the middle is flipped, keeping the size,
 * so the registry still serves the declared length and only the digest can tell.
 */
export async function tamperBlob(
  registry: RunningRegistry,
  digest: string,
  replacement?: Buffer,
): Promise<void> {
  const path = blobDataPath(registry, digest);
  const bytes = replacement ?? (await readFile(path));
  if (!replacement) {
    const from = Math.floor(bytes.length / 3);
    const to = Math.max(from + 1, Math.floor((2 * bytes.length) / 3));
    for (let i = from; i < to && i < bytes.length; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
  }
  await writeFile(path, bytes);
}

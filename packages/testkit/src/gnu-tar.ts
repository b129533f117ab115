/**
 * A test oracle independent of Strata's readers: a layer blob of a docker-archive or OCI archive,
 * and an entry of it, as GNU tar extracts them (compression by magic bytes).
 */
import { execFileSync } from 'node:child_process';

const MAX = 1 << 30;

/** The stored blob of layer `index` (manifest.json's Layers for docker archives, else index.json). */
export function layerBlob(archive: string, index: number): Buffer {
  const members = execFileSync('tar', ['-tf', archive], { encoding: 'utf8', maxBuffer: MAX }).split('\n');
  const path = members.includes('manifest.json')
    ? dockerLayerPath(archive, index)
    : ociLayerPath(archive, index);
  return execFileSync('tar', ['-xOf', archive, path], { maxBuffer: MAX });
}

/** `entry` (a path inside the layer, e.g. `etc/passwd`) of layer `index`; undefined when absent. */
export function layerEntryBytes(archive: string, index: number, entry: string): Buffer | undefined {
  const blob = layerBlob(archive, index);
  const flag =
    blob[0] === 0x1f && blob[1] === 0x8b ? ['-z'] : blob.readUInt32LE(0) === 0xfd2fb528 ? ['--zstd'] : [];
  try {
    return execFileSync('tar', ['-xO', ...flag, '-f', '-', entry], {
      input: blob,
      maxBuffer: MAX,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

function dockerLayerPath(archive: string, index: number): string {
  const manifest = json(archive, 'manifest.json') as Array<{ Layers: string[] }>;
  return manifest[0]?.Layers[index] ?? '';
}

function ociLayerPath(archive: string, index: number): string {
  const top = json(archive, 'index.json') as { manifests: Array<{ digest: string }> };
  const manifest = json(archive, blobPath(top.manifests[0]?.digest ?? '')) as {
    layers: Array<{ digest: string }>;
  };
  return blobPath(manifest.layers[index]?.digest ?? '');
}

function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

function json(archive: string, member: string): unknown {
  return JSON.parse(execFileSync('tar', ['-xOf', archive, member], { encoding: 'utf8', maxBuffer: MAX }));
}

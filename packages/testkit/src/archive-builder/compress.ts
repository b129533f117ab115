import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import type { Compression } from './types';

export interface Compressor {
  stream: NodeJS.ReadWriteStream;
  /** Settles when the compressor itself is done (the zstd process has exited cleanly). */
  done: Promise<void>;
}

/**
 * Node's gzip writes a fixed header (mtime 0, no file name, OS byte 3), so with a fixed level the
 * output is the same on every run with the same Node.
 */
function gzip(): Compressor {
  return { stream: createGzip({ level: constants.Z_DEFAULT_COMPRESSION }), done: Promise.resolve() };
}

/** The zstd CLI (single-threaded, default level) is deterministic too and is what skopeo users compare with. */
function zstd(): Compressor {
  const child = spawn('zstd', ['-q', '-c', '-3'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`zstd exited with ${code}`))));
  });
  return { stream: Duplex.from({ writable: child.stdin, readable: child.stdout }), done };
}

/** A compressing stage for the layer pipeline, or null for an uncompressed layer. */
export function compressor(kind: Compression): Compressor | null {
  if (kind === 'gzip') return gzip();
  if (kind === 'zstd') return zstd();
  return null;
}

export const OCI_LAYER_MEDIA_TYPES: Record<Compression, string> = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};

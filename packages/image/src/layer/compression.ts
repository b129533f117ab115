/**
 * Layer compression, detected by magic bytes, never by name or media type (a docker-archive
 * may hold gzip in a `.tar`, a registry may mislabel): gzip 1f 8b (estargz too), zstd 28 b5 2f fd.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

export function sniffCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** A decompressing transform for the given compression ('none' passes through). */
export function decompressor(kind: Compression): Transform {
  if (kind === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (kind === 'zstd') return new ZstdDecompress();
  return new Transform({ transform: (chunk, _enc, cb) => cb(null, chunk) });
}

/** fzstd's streaming decoder as a Node transform (pure JS: no native build needed). */
class ZstdDecompress extends Transform {
  private readonly decoder = new Decompress((data) => {
    if (data.length > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
  });

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      cb();
    } catch (err) {
      cb(asError(err));
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      cb();
    } catch (err) {
      cb(asError(err));
    }
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(`zstd: ${String(err)}`);
}

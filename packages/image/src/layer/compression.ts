/**
 * Layer compression, detected by magic bytes, never by name or media type (a docker-archive
 * may hold gzip in a `.tar`, a registry may mislabel): gzip 1f 8b (estargz too), zstd 28 b5 2f fd.
 * bzip2 (`BZh1`…`BZh9` + the block magic 31 41 59 26 53 59) and xz (fd 37 7a 58 5a 00) are
 * recognized only to say they are not supported (image-spec layer media types are tar, gzip, zstd).
 */
import { Transform, type Duplex } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { StrataError } from '../errors.js';
import { zstdDecompressor } from './zstd-decoder.js';

export type Compression = 'gzip' | 'zstd' | 'none';

const UNSUPPORTED: Array<{ name: string; magic: (head: Buffer) => boolean }> = [
  {
    name: 'bzip2',
    magic: (h) =>
      h.toString('latin1', 0, 3) === 'BZh' &&
      (h[3] as number) >= 0x31 &&
      (h[3] as number) <= 0x39 &&
      h.subarray(4, 10).equals(Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59])),
  },
  { name: 'xz', magic: (h) => h.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) },
];

/** The compression of a stream from its first bytes; throws UNSUPPORTED for bzip2 and xz. */
export function sniffCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  const other = UNSUPPORTED.find((c) => c.magic(head));
  if (other)
    throw new StrataError(
      'UNSUPPORTED',
      `${other.name}-compressed content is not supported (only gzip and zstd)`,
    );
  return 'none';
}

/**
 * A decompressing stream for the given compression ('none' passes through). Each pulls its
 * input as its output is consumed: zlib works in 256 KiB output steps, zstd one block at a time.
 */
export function decompressor(kind: Compression): Duplex {
  if (kind === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (kind === 'zstd') return zstdDecompressor();
  return new Transform({ transform: (chunk, _enc, cb) => cb(null, chunk) });
}

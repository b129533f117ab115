/**
 * Ranges of a layer's tar from a blob with random access: uncompressed, the range itself; gzip,
 * from the checkpoint before it; zstd (or gzip without checkpoints), decoded from the start.
 */
import type { Readable } from 'node:stream';
import { StrataError } from '../errors.js';
import type { Compression } from '../layer/compression.js';
import { decompressor } from '../layer/compression.js';
import type { GzipCheckpoint } from './gzip-index.js';
import { readGzipRange, type OpenAt } from './gzip-range.js';

export interface SeekableBlob {
  compression: Compression;
  openAt: OpenAt;
  checkpoints?: readonly GzipCheckpoint[];
}

export async function* readSeekable(
  blob: SeekableBlob,
  offset: number,
  size: number,
): AsyncGenerator<Buffer> {
  if (blob.compression === 'gzip') {
    yield* readGzipRange(blob.openAt, blob.checkpoints ?? [], offset, size);
    return;
  }
  const direct = blob.compression === 'none';
  const source = await blob.openAt(direct ? offset : 0);
  const stream: Readable = direct ? source : source.pipe(decompressor(blob.compression));
  let at = direct ? offset : 0;
  const end = offset + size;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const from = Math.max(offset - at, 0);
      const to = Math.min(end - at, chunk.length);
      at += chunk.length;
      if (to > from) yield chunk.subarray(from, to);
      if (at >= end) return;
    }
  } finally {
    stream.destroy();
    source.destroy();
  }
  if (at < end) throw new StrataError('CORRUPT', `the layer ends before byte ${end}`);
}

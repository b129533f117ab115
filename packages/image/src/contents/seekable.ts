/**
 * Ranges of a layer's tar from a blob with random access: uncompressed, the range itself; gzip,
 * from the checkpoint before it; zstd (or gzip without checkpoints), decoded from the start.
 */
import type { Readable } from 'node:stream';
import { byteWindow } from './byte-window.js';
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
  try {
    yield* byteWindow(stream, direct ? offset : 0, offset, size);
  } finally {
    stream.destroy();
    source.destroy();
  }
}

/**
 * Ranges of a layer's tar from a blob with random access: uncompressed, the range itself; gzip,
 * from the checkpoint before it; zstd (or gzip without checkpoints), decoded from the start.
 */
import type { Readable } from 'node:stream';
import { byteWindow } from './byte-window.js';
import type { Compression } from '../layer/compression.js';
import { decompressor } from '../layer/compression.js';
import type { GzipCheckpoint } from './gzip-index.js';
import type { ZstdFrame } from './zstd-frames.js';
import { readGzipRange, type OpenAt } from './gzip-range.js';

export interface SeekableBlob {
  compression: Compression;
  openAt: OpenAt;
  checkpoints?: readonly GzipCheckpoint[];
  /** zstd: frame starts (zstd-frames.ts); a read starts at the frame before the offset. */
  frames?: readonly ZstdFrame[];
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
  const frame = direct ? undefined : frameBefore(blob.frames ?? [], offset);
  const source = await blob.openAt(direct ? offset : (frame?.in ?? 0));
  const stream: Readable = direct ? source : source.pipe(decompressor(blob.compression));
  try {
    yield* byteWindow(stream, direct ? offset : (frame?.out ?? 0), offset, size);
  } finally {
    stream.destroy();
    source.destroy();
  }
}

function frameBefore(frames: readonly ZstdFrame[], offset: number): ZstdFrame | undefined {
  let found: ZstdFrame | undefined;
  for (const f of frames) {
    if (f.out > offset) break;
    found = f;
  }
  return found;
}

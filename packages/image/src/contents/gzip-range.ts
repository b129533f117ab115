/**
 * Bytes of a gzip blob's uncompressed content, read from the checkpoint before them (see
 * gzip-index.ts), as zran.c's extract does: open the blob at the checkpoint's byte, prime the
 * inflater with the leftover bits of the byte before, set the 32 KiB window as dictionary, inflate
 * raw, skip to the offset, stop after the range. Without a checkpoint before the offset (it is in
 * the first span), inflate from the start with Node's native gunzip.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { inflate, inflateEnd, inflateInit2, inflateSetDictionary, newZStream } from './pako-zlib.js';
import { StrataError } from '../errors.js';
import { byteWindow } from './byte-window.js';
import type { GzipCheckpoint } from './gzip-index.js';

/** The blob from a byte offset (a file read from there, an HTTP Range request). */
export type OpenAt = (start: number) => Promise<Readable>;

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;
const OUT_CHUNK = 256 * 1024;

export async function* readGzipRange(
  openAt: OpenAt,
  checkpoints: readonly GzipCheckpoint[],
  offset: number,
  length: number,
): AsyncGenerator<Buffer> {
  const cp = checkpointBefore(checkpoints, offset);
  const blob = await openAt(cp ? cp.in - (cp.bits ? 1 : 0) : 0);
  const output = cp ? primedInflate(blob, cp) : nativeGunzip(blob);
  try {
    yield* byteWindow(output, cp ? cp.out : 0, offset, length);
  } finally {
    await output.return(undefined);
    blob.destroy();
  }
}

async function* nativeGunzip(blob: Readable): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  blob.once('error', (err) => gunzip.destroy(err));
  blob.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } finally {
    gunzip.destroy();
  }
}

/** Raw inflate from a block boundary: zran's inflatePrime + inflateSetDictionary, with pako. */
async function* primedInflate(blob: Readable, cp: GzipCheckpoint): AsyncGenerator<Buffer> {
  const strm = newZStream();
  if (inflateInit2(strm, -15) !== Z_OK) throw new StrataError('INTERNAL', 'inflateInit2 failed');
  let first = cp.bits > 0;
  try {
    inflateSetDictionary(strm, cp.window);
    for await (const raw of blob as AsyncIterable<Buffer>) {
      let chunk: Uint8Array = raw;
      if (first && chunk.length > 0) {
        // pako has no inflatePrime; its state is zlib's inflate_state, so prime the bit buffer.
        const state = strm.state as { hold: number; bits: number };
        state.hold = (chunk[0] as number) >> (8 - cp.bits);
        state.bits = cp.bits;
        chunk = chunk.subarray(1);
        first = false;
      }
      strm.input = chunk;
      strm.next_in = 0;
      strm.avail_in = chunk.length;
      while (strm.avail_in > 0) {
        const out = new Uint8Array(OUT_CHUNK);
        strm.output = out;
        strm.next_out = 0;
        strm.avail_out = OUT_CHUNK;
        const ret = inflate(strm, 0);
        if (ret !== Z_OK && ret !== Z_STREAM_END && ret !== Z_BUF_ERROR)
          throw new StrataError('CORRUPT', `corrupt gzip stream: ${strm.msg || `inflate error ${ret}`}`);
        if (strm.next_out > 0) yield Buffer.from(out.buffer, 0, strm.next_out);
        if (ret === Z_STREAM_END) return;
      }
    }
  } finally {
    inflateEnd(strm);
  }
}

/** The last checkpoint at or before `offset` (binary search: they are in output order). */
export function checkpointBefore(
  checkpoints: readonly GzipCheckpoint[],
  offset: number,
): GzipCheckpoint | undefined {
  let lo = 0;
  let hi = checkpoints.length - 1;
  let found: GzipCheckpoint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cp = checkpoints[mid] as GzipCheckpoint;
    if (cp.out <= offset) {
      found = cp;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

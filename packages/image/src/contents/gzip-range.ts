/**
 * Bytes of a gzip blob's uncompressed content, read from the checkpoint before them (see
 * gzip-index.ts), as zran.c's extract does: open the blob at the checkpoint's byte, inflate raw
 * deflate with the checkpoint's 32 KiB window as dictionary (Node's native inflate), skip to the
 * offset, stop after the range. Without a checkpoint before the offset (it is in the first
 * span), gunzip from the start.
 *
 * A blob of several gzip members (RFC 1952 §2.2; eStargz writes one per file) ends its raw
 * deflate at the member's end: the read goes on with a gunzip from the next member, 8 bytes
 * (CRC32, ISIZE) after the deflate data.
 */
import type { Readable } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { wrapError } from '../errors.js';
import { byteWindow } from './byte-window.js';
import type { GzipCheckpoint } from './gzip-index.js';

/** The blob from a byte offset (a file read from there, an HTTP Range request). */
export type OpenAt = (start: number) => Promise<Readable>;

const OUT_CHUNK = 256 * 1024;
const GZIP_TRAILER = 8;

export async function* readGzipRange(
  openAt: OpenAt,
  checkpoints: readonly GzipCheckpoint[],
  offset: number,
  length: number,
): AsyncGenerator<Buffer> {
  const cp = checkpointBefore(checkpoints, offset);
  yield* byteWindow(cp ? fromCheckpoint(openAt, cp) : gunzipFrom(openAt, 0), cp?.out ?? 0, offset, length);
}

/** The output from a checkpoint on: its member's raw deflate, then any members after it. */
async function* fromCheckpoint(openAt: OpenAt, cp: GzipCheckpoint): AsyncGenerator<Buffer> {
  const blob = await openAt(cp.in);
  const inflate = createInflateRaw({ dictionary: cp.window, chunkSize: OUT_CHUNK });
  blob.once('error', (err) => inflate.destroy(err));
  blob.pipe(inflate);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw wrapError('corrupt gzip stream', err, 'CORRUPT');
  } finally {
    inflate.destroy();
    blob.destroy();
  }
  yield* gunzipFrom(openAt, cp.in + inflate.bytesWritten + GZIP_TRAILER);
}

async function* gunzipFrom(openAt: OpenAt, start: number): AsyncGenerator<Buffer> {
  const blob = await openAt(start);
  const gunzip = createGunzip({ chunkSize: OUT_CHUNK });
  blob.once('error', (err) => gunzip.destroy(err));
  blob.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw wrapError('corrupt gzip stream', err, 'CORRUPT');
  } finally {
    gunzip.destroy();
    blob.destroy();
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

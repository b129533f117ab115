/**
 * The decode pass's gunzip that also builds the layer's seek index (gzip-index.ts) in the same
 * inflate, so a later read of one file decodes at most one span (issue 11). A byte stream like
 * Node's gunzip: a written chunk is inflated a step (at most 1 MiB of output) at a time, each
 * step only when the reader wants more, so memory stays bounded and the decode pass's ratio
 * guard stops a bomb as it would Node's gunzip. Where Node's zlib engine cannot be driven that
 * way (sync-gunzip.ts) it is Node's own gunzip, without an index.
 */
import { Duplex } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { GzipIndexer, type GzipCheckpoint } from './gzip-index.js';
import { packSeekIndex } from './seek-index-pack.js';
import { SyncGunzip } from './sync-gunzip.js';

export interface IndexingGunzip {
  stream: Duplex;
  /** After the stream ended: the packed seek index (seek-index-pack.ts), undefined without one. */
  seekIndex(): Uint8Array | undefined;
}

let native: boolean | undefined;

export function indexingGunzip(): IndexingGunzip {
  native ??= SyncGunzip.available();
  if (!native) return { stream: createGunzip({ chunkSize: 256 * 1024 }), seekIndex: () => undefined };
  const stream = new IndexingStream();
  return {
    stream,
    seekIndex: () => (stream.checkpoints?.length ? packSeekIndex(stream.checkpoints) : undefined),
  };
}

class IndexingStream extends Duplex {
  checkpoints: GzipCheckpoint[] | undefined;
  private readonly indexer = new GzipIndexer();
  /** The output of the chunk being inflated, and the callback that asks for the next chunk. */
  private steps: Iterator<Uint8Array> | undefined;
  private written: ((err?: Error | null) => void) | undefined;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.steps = this.indexer.write(chunk);
    this.written = cb;
    this.pump();
  }

  override _read(): void {
    this.pump();
  }

  override _final(cb: (err?: Error | null) => void): void {
    try {
      this.checkpoints = this.indexer.finish(); // throws CORRUPT when the stream was cut short
      this.push(null);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.indexer.close();
    cb(err);
  }

  /** Steps until the reader has enough, or the chunk is used up (then the next one is asked for). */
  private pump(): void {
    while (this.steps) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = this.steps.next();
      } catch (err) {
        this.steps = undefined;
        this.finishWrite(err as Error);
        return;
      }
      if (next.done) {
        this.steps = undefined;
        this.finishWrite();
        return;
      }
      const out = next.value;
      if (!this.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength))) return;
    }
  }

  private finishWrite(err?: Error): void {
    const cb = this.written;
    this.written = undefined;
    cb?.(err ?? null);
  }
}

/**
 * The decode pass's gunzip that also builds the layer's seek index (gzip-index.ts) in the same
 * inflate, so a later read of one file decodes at most one span (issue 11). Output comes a step
 * at a time as the stream below asks for it (backpressure, and the decode pass's ratio guard,
 * work as with Node's gunzip). Where Node's zlib engine cannot be driven that way (sync-gunzip.ts)
 * it is Node's own gunzip, without an index.
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
  let checkpoints: GzipCheckpoint[] | undefined;
  const stream = Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    const indexer = new GzipIndexer();
    try {
      for await (const chunk of source)
        for (const out of indexer.write(chunk)) yield Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      checkpoints = indexer.finish(); // throws CORRUPT when the stream was cut short
    } finally {
      indexer.close();
    }
  });
  return { stream, seekIndex: () => (checkpoints?.length ? packSeekIndex(checkpoints) : undefined) };
}

/**
 * Measurements, not a test (run with STRATA_MEASURE=path/to/layer.tar.gz): the seek index's cost
 * in the decode pass against Node's gunzip over the same blob, and reading a small range at the
 * end of the layer against decoding the whole layer. Ratios, as the bench reports them.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, it } from 'vitest';
import { GzipIndexer } from './gzip-index.js';
import { readGzipRange } from './gzip-range.js';

const blob = process.env.STRATA_MEASURE ?? '';

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

describe.runIf(blob)('gzip seek index, measured', () => {
  it('index cost vs gunzip; one small read vs the whole layer', { timeout: 600_000 }, async () => {
    let total = 0;
    const gunzip = await time(() =>
      pipeline(
        createReadStream(blob, { highWaterMark: 1 << 20 }),
        createGunzip({ chunkSize: 256 * 1024 }),
        new Writable({
          write(c: Buffer, _e, cb) {
            total += c.length;
            cb();
          },
        }),
      ),
    );
    let indexer: GzipIndexer | undefined;
    const indexed = await time(async () => {
      indexer = new GzipIndexer(undefined, () => {});
      for await (const chunk of createReadStream(blob, { highWaterMark: 1 << 20 }))
        indexer.push(chunk as Buffer);
      indexer.finish();
    });
    const checkpoints = indexer?.checkpoints ?? [];
    const openAt = async (start: number) => createReadStream(blob, { start, highWaterMark: 1 << 20 });
    const read = await time(async () => {
      for await (const _ of readGzipRange(openAt, checkpoints, total - 4096, 4096)) void _;
    });
    const windows = checkpoints.length * 32 * 1024;
    console.log(
      JSON.stringify({
        blobBytes: (await stat(blob)).size,
        tarBytes: total,
        checkpoints: checkpoints.length,
        indexBytes: windows,
        gunzipMs: Math.round(gunzip),
        indexerMs: Math.round(indexed),
        indexerOverGunzip: +(indexed / gunzip).toFixed(2),
        readEndMs: Math.round(read),
        readEndOverGunzip: +(read / gunzip).toFixed(3),
      }),
    );
  });
});

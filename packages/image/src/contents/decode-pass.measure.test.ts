/**
 * Measurement, not a test (STRATA_MEASURE=layer.tar.gz): the decode pass over one layer, in this
 * thread, against Node's plain gunzip of the same blob; how many checkpoints the pass kept.
 */
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { describe, it } from 'vitest';
import { decodeLayer } from '../layer/decode-layer.js';
import { unpackSeekIndex } from './seek-index-pack.js';

const blob = process.env.STRATA_MEASURE ?? '';
const open = async () => createReadStream(blob, { highWaterMark: 1 << 20 });

async function gunzipMs(): Promise<number> {
  const t = performance.now();
  await pipeline(
    await open(),
    createGunzip({ chunkSize: 256 * 1024 }),
    new Writable({ write: (_c, _e, cb) => cb() }),
  );
  return performance.now() - t;
}

describe.runIf(blob)('the decode pass, measured', () => {
  it('decode pass vs gunzip', { timeout: 600_000 }, async () => {
    const rows = [];
    for (let i = 0; i < 3; i++) {
      const g = await gunzipMs();
      const t = performance.now();
      const index = await decodeLayer({ open, mediaType: 'gzip', size: 0 });
      const decode = performance.now() - t;
      const seek = (index as { seekIndex?: Uint8Array }).seekIndex;
      rows.push({
        gunzipMs: Math.round(g),
        decodeMs: Math.round(decode),
        seekIndexBytes: seek?.length ?? 0,
        checkpoints: seek ? (await unpackSeekIndex(seek)).length : 0,
      });
    }
    console.log(JSON.stringify(rows));
  });
});

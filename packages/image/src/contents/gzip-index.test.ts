import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildGzipIndex, GzipIndexer } from './gzip-index.js';
import { readGzipRange } from './gzip-range.js';

/** Text with repeats (back-references across checkpoints) and random runs (stored-like blocks). */
function sample(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < 400; i++) {
    parts.push(Buffer.from(`line ${i} ${'abcdefghij'.repeat(i % 50)}\n`.repeat(20)));
    if (i % 37 === 0) parts.push(randomBytes(20_000));
  }
  return Buffer.concat(parts);
}

function chunked(data: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return Readable.from(chunks);
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of gen) out.push(c);
  return Buffer.concat(out);
}

describe('gzip seek index', () => {
  for (const level of [1, 6, 9]) {
    it(`reads any range from its checkpoint exactly as gunzip does (level ${level})`, async () => {
      const plain = sample();
      const gz = gzipSync(plain, { level });
      const checkpoints = await buildGzipIndex(chunked(gz, 7777), 64 * 1024);
      expect(checkpoints.length).toBeGreaterThan(5);
      // every checkpoint's window is the output before it
      for (const cp of checkpoints)
        expect(Buffer.from(cp.window).equals(plain.subarray(cp.out - 32768, cp.out))).toBe(true);
      expect(new Set(checkpoints.map((c) => c.bits)).size).toBeGreaterThan(1); // mid-byte block starts occur
      const openAt = async (start: number): Promise<Readable> => chunked(gz.subarray(start), 5000);
      for (const [offset, length] of [
        [0, 100],
        [checkpoints[0]!.out, 10],
        [checkpoints[2]!.out - 1, 3],
        [plain.length - 50, 50],
        [Math.floor(plain.length / 2), 150_000],
      ] as const) {
        const got = await collect(readGzipRange(openAt, checkpoints, offset, length));
        expect(got.equals(plain.subarray(offset, offset + length)), `${offset}+${length}`).toBe(true);
      }
      // all of it, through the indexer's own output
      const out: Uint8Array[] = [];
      const indexer = new GzipIndexer(64 * 1024, (c) => out.push(c));
      indexer.push(gz);
      indexer.finish();
      expect(Buffer.concat(out).equals(gunzipSync(gz))).toBe(true);
    });
  }
});

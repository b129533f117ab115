/**
 * The seek index against independent computations: blobs made by the gzip CLI, expected bytes
 * from Node's gunzip of the whole blob (a different code path: one stream from the start).
 */
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateSample } from '@strata/testkit';
import { buildGzipIndex, GzipIndexer, WINDOW, type GzipCheckpoint } from './gzip-index.js';
import { readGzipRange } from './gzip-range.js';
import { packSeekIndex, unpackSeekIndex } from './seek-index-pack.js';

const sample = (seed = 1): Buffer => deflateSample(3 * 1024 * 1024, seed);

const gzipCli = (data: Buffer, level: number): Buffer =>
  execFileSync('gzip', [`-${level}`, '-c', '-n'], { input: data, maxBuffer: 1 << 28 });

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

const SPAN = 64 * 1024;

async function expectRanges(
  gz: Buffer,
  plain: Buffer,
  checkpoints: readonly GzipCheckpoint[],
  ranges: ReadonlyArray<readonly [number, number]>,
): Promise<void> {
  const openAt = async (start: number): Promise<Readable> => chunked(gz.subarray(start), 5000);
  for (const [offset, length] of ranges) {
    const got = await collect(readGzipRange(openAt, checkpoints, offset, length));
    expect(got.equals(plain.subarray(offset, offset + length)), `${offset}+${length}`).toBe(true);
  }
}

describe('gzip seek index', () => {
  for (const level of [1, 6, 9]) {
    it(`reads any range from its checkpoint exactly as a whole gunzip gives it (gzip -${level})`, async () => {
      const gz = gzipCli(sample(), level);
      const plain = gunzipSync(gz);
      const checkpoints = await buildGzipIndex(chunked(gz, 7777), SPAN);
      expect(checkpoints.length).toBeGreaterThanOrEqual(3);
      for (const [i, cp] of checkpoints.entries()) {
        // the window is the output before the checkpoint; spans are at least SPAN apart
        expect(Buffer.from(cp.window).equals(plain.subarray(cp.out - WINDOW, cp.out))).toBe(true);
        expect(cp.out - (checkpoints[i - 1]?.out ?? 0)).toBeGreaterThanOrEqual(SPAN);
      }
      const [a, b, c] = checkpoints as [GzipCheckpoint, GzipCheckpoint, GzipCheckpoint];
      await expectRanges(gz, plain, checkpoints, [
        [0, 100], // before the first checkpoint: from the start
        [a.out, 10], // exactly at a checkpoint
        [b.out - 1, 3], // across a checkpoint: begins in one span, ends in the next
        [b.out - 5000, c.out - b.out + 10_000], // a range spanning two checkpoints
        [plain.length - 50, 50], // the very end
        [Math.floor(plain.length / 2), 150_000],
      ]);
    });
  }

  // Seeds where, before stored blocks were tried past their end, a checkpoint was kept at a stored
  // final block that really began in the byte before: reads from it failed at the stream's end.
  for (const [seed, level] of [
    [5, 6],
    [10, 1],
    [12, 1],
  ] as const) {
    it(`every checkpoint reads to the end of the stream (sample ${seed}, gzip -${level})`, async () => {
      const gz = gzipCli(sample(seed), level);
      const plain = gunzipSync(gz);
      const checkpoints = await buildGzipIndex(chunked(gz, 65536), SPAN);
      expect(checkpoints.length).toBeGreaterThanOrEqual(3);
      await expectRanges(
        gz,
        plain,
        checkpoints,
        checkpoints.map((cp) => [cp.out, plain.length - cp.out] as const),
      );
    });
  }

  it('keeps at most so many checkpoints: every other one dropped, spans doubled', async () => {
    const gz = gzipCli(Buffer.concat([sample(1), sample(2), sample(3)]), 6);
    const plain = gunzipSync(gz);
    const all = await buildGzipIndex(chunked(gz, 65536), 16 * 1024);
    const few = await buildGzipIndex(chunked(gz, 65536), 16 * 1024, 4);
    expect(all.length).toBeGreaterThan(8);
    expect(few.length).toBeGreaterThanOrEqual(2);
    expect(few.length).toBeLessThan(4);
    // Each kept one is one the unbounded index has too, exactly.
    for (const cp of few) expect(all.some((a) => a.out === cp.out && a.in === cp.in)).toBe(true);
    await expectRanges(gz, plain, few, [
      [(few[1] as GzipCheckpoint).out - 10, 20],
      [plain.length - 100, 100],
    ]);
  });

  it('passes every output byte on, in order', () => {
    const gz = gzipCli(sample(), 6);
    const indexer = new GzipIndexer(SPAN);
    const out: Uint8Array[] = [];
    for (let i = 0; i < gz.length; i += 100_000) out.push(...indexer.write(gz.subarray(i, i + 100_000)));
    expect(indexer.finish().length).toBeGreaterThanOrEqual(3);
    expect(Buffer.concat(out).equals(gunzipSync(gz))).toBe(true);
  });

  it('reads across gzip members (a blob of concatenated members, as eStargz writes)', async () => {
    const parts = [sample(1), sample(2), sample(3)];
    const gz = Buffer.concat(parts.map((p) => gzipCli(p, 6)));
    const plain = Buffer.concat(parts);
    expect(gunzipSync(gz).equals(plain)).toBe(true);
    const checkpoints = await buildGzipIndex(chunked(gz, 65536), SPAN);
    const boundary = (parts[0] as Buffer).length;
    expect(checkpoints.some((cp) => cp.out > boundary)).toBe(true);
    await expectRanges(gz, plain, checkpoints, [
      [boundary - 1000, 2000],
      [boundary * 2 - 10, plain.length - boundary * 2 + 10],
    ]);
  });

  it('a cut-short blob is CORRUPT, as gunzip says', async () => {
    const gz = gzipCli(sample(), 6);
    await expect(buildGzipIndex(chunked(gz.subarray(0, gz.length - 100), 7777), SPAN)).rejects.toMatchObject({
      code: 'CORRUPT',
    });
  });

  it('packs and unpacks checkpoints exactly; another format is CORRUPT', async () => {
    const gz = gzipCli(sample(), 6);
    const checkpoints = await buildGzipIndex(chunked(gz, 65536), SPAN);
    const back = await unpackSeekIndex(packSeekIndex(checkpoints));
    expect(back.map((c) => [c.out, c.in])).toEqual(checkpoints.map((c) => [c.out, c.in]));
    for (const [i, c] of back.entries())
      expect(Buffer.from(c.window).equals(Buffer.from((checkpoints[i] as GzipCheckpoint).window))).toBe(true);
    await expect(unpackSeekIndex(gzipCli(Buffer.from('not an index'), 1))).rejects.toMatchObject({
      code: 'CORRUPT',
    });
  });
});

/** Inflating an archive compressed as a whole stops at its bounds, and its temp file goes. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '@strata/testkit';
import { StrataError } from '../errors.js';
import { openArchive } from './open-archive.js';

let dir: string;
let scratch: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-inflate-'));
  scratch = await mkdtemp(join(tmpdir(), 'strata-inflate-tmp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

const spec = { layers: [{ entries: [{ path: 'data.bin', content: { size: 300_000 } }] }] };

describe('a compressed archive', () => {
  it('inflates within its bounds', async () => {
    const { path } = await writeImageArchive(spec, join(dir, 'ok.tar.gz'), 'docker-legacy', {
      gzipWhole: true,
    });
    const image = await openArchive(path, { tmpDir: scratch, limits: { maxBytes: 10_000_000 } });
    expect(await readdir(scratch)).toHaveLength(1);
    expect(await image.layers()).toHaveLength(1);
    await image.close();
    expect(await readdir(scratch)).toEqual([]);
  });

  it('stops at the total bound while writing, and removes the temp file', async () => {
    const { path } = await writeImageArchive(spec, join(dir, 'big.tar.gz'), 'docker-legacy', {
      gzipWhole: true,
    });
    const err = await openArchive(path, { tmpDir: scratch, limits: { maxBytes: 100_000 } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StrataError);
    expect(err).toMatchObject({
      code: 'TOO_LARGE',
      message: 'decompressing the gzip archive: it inflates to more than 100000 bytes',
    });
    expect(await readdir(scratch)).toEqual([]);
  });

  it('stops at the ratio past the floor', async () => {
    const zeros = { layers: [{ entries: [{ path: 'zeros', content: Buffer.alloc(4_000_000) }] }] };
    const { path } = await writeImageArchive(zeros, join(dir, 'zeros.tar.gz'), 'docker-legacy', {
      gzipWhole: true,
    });
    const limits = { maxRatio: 10, ratioFloorBytes: 1_000_000 };
    const err = await openArchive(path, { tmpDir: scratch, limits }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('more than 10x its size'),
    });
    expect(await readdir(scratch)).toEqual([]);
  });

  it('stops when the job is cancelled while it inflates, and removes the temp file', async () => {
    const big = { layers: [{ entries: [{ path: 'big.bin', content: { size: 20_000_000 } }] }] };
    const { path } = await writeImageArchive(big, join(dir, 'cancel.tar.gz'), 'docker-legacy', {
      gzipWhole: true,
    });
    const controller = new AbortController();
    const opening = openArchive(path, { tmpDir: scratch, signal: controller.signal });
    setImmediate(() => controller.abort(new Error('cancelled by the test')));
    await expect(opening).rejects.toThrow('cancelled by the test');
    expect(await readdir(scratch)).toEqual([]);
  });
});

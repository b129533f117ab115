import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage } from '@strata/analysis';
import { diveFixture, writeImageArchive, type ArchiveFormat } from '@strata/testkit';
import { decodeLayer, type BlobSource } from '../layer/decode-layer.js';
import { loadImageInput } from '../load-image.js';
import { EarlyLayers } from './early-layers.js';
import { openArchive } from './open-archive.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-early-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An upload's pace: chunks that arrive a little apart, as over a network. */
async function* paced(path: string): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 7000 })) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    yield chunk as Buffer;
  }
}

/** Stream an archive through EarlyLayers as an upload would, then analyze it from disk. */
async function analyzeStreamed(path: string, pace = true) {
  const early = new EarlyLayers(decodeLayer);
  const source = pace ? paced(path) : createReadStream(path, { highWaterMark: 1 << 20 });
  await pipeline(source, early.writable());
  const late: string[] = [];
  const fallback = (layer: BlobSource, options: Parameters<typeof decodeLayer>[1]) => {
    late.push(layer.digest ?? '');
    return decodeLayer(layer, options);
  };
  const image = await openArchive(path);
  try {
    const input = await loadImageInput(image, { decoder: early.decoder(fallback) });
    return { report: analyzeImage(input, image.source).report, late };
  } finally {
    await image.close();
  }
}

async function analyzeNormally(path: string) {
  const image = await openArchive(path);
  try {
    return analyzeImage(await loadImageInput(image), image.source).report;
  } finally {
    await image.close();
  }
}

const spec = {
  layers: [
    {
      entries: [
        { path: 'a', content: { size: 50_000 } },
        { path: 'b', content: 'small' },
      ],
    },
    {
      compression: 'gzip' as const,
      entries: [
        { path: 'a', type: 'whiteout' as const },
        { path: 'c', content: { size: 9000 } },
      ],
    },
  ],
};

describe('EarlyLayers', () => {
  it.each([
    'test-docker-image.tar',
    'test-kaniko-image.tar',
    'test-oci-gzip-image.tar',
    'test-oci-zstd-image.tar',
  ])('%s: every layer is decoded while the archive streams, with the same result', async (fixture) => {
    const { report, late } = await analyzeStreamed(diveFixture(fixture));
    expect(late).toEqual([]);
    expect(report).toEqual(await analyzeNormally(diveFixture(fixture)));
  });

  it.each(['docker-legacy', 'docker25', 'podman', 'oci-layout', 'kaniko'] as ArchiveFormat[])(
    '%s archives too',
    async (format) => {
      const { path } = await writeImageArchive(spec, join(tmp, `${format}.tar`), format);
      const { report, late } = await analyzeStreamed(path);
      expect(late).toEqual([]);
      expect(report).toEqual(await analyzeNormally(path));
    },
  );

  it('never holds the upload back: what it cannot keep up with is decoded afterwards', async () => {
    const { path } = await writeImageArchive(
      {
        layers: Array.from({ length: 12 }, (_, i) => ({
          entries: [{ path: `f${i}`, content: { size: 20_000 } }],
        })),
      },
      join(tmp, 'many.tar'),
      'oci-layout',
    );
    const { report, late } = await analyzeStreamed(path, false);
    expect(report).toEqual(await analyzeNormally(path));
    expect(late.length).toBeLessThan(12);
  });

  it('leaves a whole-compressed archive to the normal path', async () => {
    const { path } = await writeImageArchive(spec, join(tmp, 'gz.tar'), 'oci-layout', { gzipWhole: true });
    const { report, late } = await analyzeStreamed(path);
    expect(late).toHaveLength(2);
    expect(report).toEqual(await analyzeNormally(path));
  });

  it('never serves a layer that does not match the config', async () => {
    const { path } = await writeImageArchive(spec, join(tmp, 'tampered.tar'), 'oci-layout', {
      tamper: 'diff-id',
    });
    await expect(analyzeStreamed(path)).rejects.toThrow(/diff_id/);
  });
});

describe('EarlyLayers under a slow decoder', () => {
  it('drops what falls behind without an unhandled error, and the normal path still reads it', async () => {
    // A decoder that waits before reading: the arriving bytes outrun it past the buffer budget.
    const slow = async (layer: BlobSource, options: Parameters<typeof decodeLayer>[1]) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return decodeLayer(layer, options);
    };
    const { path } = await writeImageArchive(
      { layers: [{ compression: 'none', entries: [{ path: 'big', content: { size: 40 * 1024 * 1024 } }] }] },
      join(tmp, 'big.tar'),
      'oci-layout',
    );
    const early = new EarlyLayers(slow);
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), early.writable());
    const image = await openArchive(path);
    try {
      const input = await loadImageInput(image, { decoder: early.decoder(decodeLayer) });
      expect(input.layers[0]?.size[0]).toBe(40 * 1024 * 1024);
    } finally {
      await image.close();
    }
  });
});

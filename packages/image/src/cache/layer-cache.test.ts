import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage } from '@strata/analysis';
import { diveFixture } from '@strata/testkit';
import { openArchive } from '../archive/open-archive.js';
import type { Image, Layer } from '../image.js';
import { decodeLayer } from '../layer/decode-layer.js';
import { loadImageInput } from '../load-image.js';
import { LayerCache } from './layer-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Count how many times layers are opened (bytes read from the source). */
function counting(image: Image): { image: Image; opened: string[] } {
  const opened: string[] = [];
  const wrap = (layer: Layer): Layer => ({
    digest: layer.digest,
    diffId: layer.diffId,
    size: layer.size,
    mediaType: layer.mediaType,
    open: () => {
      opened.push(layer.digest);
      return layer.open();
    },
  });
  return { image: { ...image, layers: async () => (await image.layers()).map(wrap) }, opened };
}

describe('LayerCache', () => {
  it('a second analysis reads no layer bytes and gives the same report', async () => {
    const cache = new LayerCache({ dir: join(dir, 'a') });
    const decoder = cache.decoder(decodeLayer);
    const run = async () => {
      const source = await openArchive(diveFixture('test-docker-image.tar'));
      const { image, opened } = counting(source);
      const report = analyzeImage(await loadImageInput(image, { decoder }), source.source).report;
      await source.close();
      return { report, opened };
    };
    const first = await run();
    expect(first.opened).toHaveLength(14);
    const second = await run();
    expect(second.opened).toEqual([]);
    expect(second.report).toEqual(first.report);
    expect(cache.hits).toHaveLength(14);
  });

  it('evicts the least recently used layers beyond its budget', async () => {
    const cache = new LayerCache({ dir: join(dir, 'b'), maxBytes: 1 });
    const source = await openArchive(diveFixture('test-docker-image.tar'));
    await loadImageInput(source, { decoder: cache.decoder(decodeLayer) });
    await source.close();
    expect(
      readdirSync(join(dir, 'b')).filter((n) => n.endsWith('.layer.json.gz')).length,
    ).toBeLessThanOrEqual(1);
  });

  it('ignores a torn cache file and decodes again', async () => {
    const cache = new LayerCache({ dir: join(dir, 'c') });
    const digest = 'sha256:' + 'a'.repeat(64);
    mkdirSync(join(dir, 'c'), { recursive: true });
    // What a crash mid-write would leave if rename were not atomic: half a gzip stream.
    writeFileSync(
      join(dir, 'c', `${digest.replace(':', '-')}.layer.json.gz`),
      gzipSync('{"v":1,"dig').subarray(0, 12),
    );
    expect(await cache.get(digest)).toBeUndefined();
    expect(await cache.get('not-a-digest')).toBeUndefined();
  });
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, tempDir } from '../archive-builder/test-helpers';
import { writeBenchImage, type BenchImage } from './bench-image';
import { cachedBenchImage, recipeHash } from './cached';
import { MILLION_FILES, THREE_GB } from './recipes';

// Small variants of the bench recipes (1,000 files; 3 x 4 MiB), checked with tar, gzip,
// sha256sum and skopeo rather than with our own reader.
const SMALL_MANY = { ...MILLION_FILES, files: 1000 };
const SMALL_BIG = {
  ...THREE_GB,
  layerBytes: 4 * 1024 * 1024,
  segmentBytes: 64 * 1024,
  smallFilesPerLayer: 2,
};

const sh = (script: string, ...args: string[]): Promise<string> =>
  must('bash', ['-c', `set -o pipefail; ${script}`, '_', ...args]);

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** Unpacks the archive and returns each layer blob's path, in manifest order. */
async function layerBlobs(image: BenchImage, into: string): Promise<string[]> {
  await must('mkdir', ['-p', into]);
  await must('tar', ['-xf', image.path, '-C', into]);
  const blob = (digest: string): string => join(into, 'blobs', 'sha256', digest.slice(7));
  const index = JSON.parse(await readFile(join(into, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  const manifest = JSON.parse(await readFile(blob(index.manifests[0]!.digest), 'utf8')) as {
    layers: { digest: string }[];
  };
  return manifest.layers.map((l) => blob(l.digest));
}

/** `tar -tv` of a gzip layer, one line per entry. */
const listing = async (blob: string): Promise<string[]> =>
  (await sh('gzip -dc "$1" | tar --utc -tv', blob)).trimEnd().split('\n');
const pathOf = (line: string): string => line.replace(/^.* \d\d:\d\d /, '').replace(/ -> .*$/, '');

describe('many-files bench image (1,000-file variant)', () => {
  let image: BenchImage;
  let blobs: string[];
  let lists: string[][];
  beforeAll(async () => {
    image = await writeBenchImage(SMALL_MANY, tmp.path('many.tar'), tmp.dir);
    blobs = await layerBlobs(image, tmp.path('many'));
    lists = await Promise.all(blobs.map(listing));
  });

  it('is an oci-archive skopeo reads, with our digests', async () => {
    const info = JSON.parse(await must('skopeo', ['inspect', `oci-archive:${image.path}`])) as {
      Layers: string[];
    };
    expect(info.Layers).toEqual(image.layers.map((l) => l.digest));
    for (const [l, blob] of blobs.entries()) {
      expect(`sha256:${(await sh('sha256sum "$1"', blob)).slice(0, 64)}`).toBe(image.layers[l]!.digest);
      expect(`sha256:${(await sh('gzip -dc "$1" | sha256sum', blob)).slice(0, 64)}`).toBe(
        image.layers[l]!.diffId,
      );
    }
  });

  it('holds the files, links and whiteouts it counted', () => {
    for (const [l, lines] of lists.entries()) {
      const s = image.layers[l]!.stats;
      const regular = lines.filter((x) => x.startsWith('-') && !pathOf(x).includes('/.wh.'));
      expect(lines).toHaveLength(s.entries);
      expect(regular).toHaveLength(s.files + s.overwrites);
      expect(lines.filter((x) => x.startsWith('d'))).toHaveLength(s.dirs);
      expect(lines.filter((x) => x.startsWith('l'))).toHaveLength(s.symlinks);
      expect(lines.filter((x) => pathOf(x).includes('/.wh.'))).toHaveLength(s.whiteouts);
    }
    expect(image.layers.reduce((n, l) => n + l.stats.files, 0)).toBe(1000);
  });

  it('overwrites and deletes only files alive below, 1% each per layer', () => {
    const alive = new Set<string>();
    for (const [l, lines] of lists.entries()) {
      const regular = lines.filter((x) => x.startsWith('-')).map(pathOf);
      const whiteouts = regular.filter((p) => p.includes('/.wh.')).map((p) => p.replace('/.wh.', '/'));
      const written = regular.filter((p) => !p.includes('/.wh.'));
      const rewritten = written.filter((p) => alive.has(p));
      expect(rewritten.length).toBe(Math.round(alive.size / 100));
      expect(whiteouts.length).toBe(Math.round(alive.size / 100));
      for (const p of whiteouts) expect(alive.has(p), `layer ${l} deletes ${p}`).toBe(true);
      for (const p of whiteouts) alive.delete(p);
      for (const p of written) alive.add(p);
    }
  });

  it('is the same bytes for the same recipe', async () => {
    const again = await writeBenchImage(SMALL_MANY, tmp.path('many-again.tar'), tmp.dir);
    expect(again.manifestDigest).toBe(image.manifestDigest);
  });
});

describe('big-layers bench image (3 x 4 MiB variant)', () => {
  it('has half-random, half-zero big files', async () => {
    const image = await writeBenchImage(SMALL_BIG, tmp.path('big.tar'), tmp.dir);
    const blobs = await layerBlobs(image, tmp.path('big'));
    expect(blobs).toHaveLength(3);
    const lines = await listing(blobs[0]!);
    const big = lines.filter((x) => x.includes('/blob-'));
    expect(big).toHaveLength(4);
    for (const x of big) expect(x).toMatch(/ 1048576 /);
    const file = pathOf(big[0]!);
    const nonZero = await sh('gzip -dc "$1" | tar -xO "$2" | tr -d "\\000" | wc -c', blobs[0]!, file);
    // Random bytes are zero 1/256 of the time, so "half" is half minus a little.
    expect(Number(nonZero)).toBeGreaterThan(524288 * 0.99);
    expect(Number(nonZero)).toBeLessThanOrEqual(524288);
  });
});

describe('cachedBenchImage', () => {
  it('generates once per recipe and then answers from the cache', async () => {
    const saved = process.env.STRATA_CACHE_DIR;
    process.env.STRATA_CACHE_DIR = tmp.path('cache');
    try {
      const first = await cachedBenchImage('small', SMALL_MANY);
      expect(first.path).toContain(recipeHash(SMALL_MANY));
      const { mtimeMs } = await stat(first.path);
      const second = await cachedBenchImage('small', SMALL_MANY);
      expect(second.path).toBe(first.path);
      expect((await stat(second.path)).mtimeMs).toBe(mtimeMs);
      const other = await cachedBenchImage('small', { ...SMALL_MANY, files: 999 });
      expect(other.path).not.toBe(first.path);
    } finally {
      if (saved === undefined) delete process.env.STRATA_CACHE_DIR;
      else process.env.STRATA_CACHE_DIR = saved;
    }
  });
});

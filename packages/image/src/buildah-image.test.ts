/**
 * A real image built with buildah (packages/testkit/recipes/multi-layer: several RUN layers, a
 * 3 MiB file deleted later, a chmod, a deleted-and-recreated directory, a multi-stage COPY --from),
 * read from its docker-archive and from its zstd OCI archive: the same analysis either way.
 */
import { describe, expect, it } from 'vitest';
import { analyzeImage, changeList, type Analysis } from '@strata/analysis';
import { buildCachedImage, recipeDir } from '@strata/testkit';
import { openArchive } from './archive/open-archive.js';
import { loadImageInput } from './load-image.js';

const isRoot = process.getuid?.() === 0;
const BIG = 3 * 1024 * 1024;
const NUMBERS = 108_894; // `seq 1 20000` output

async function analyzeRecipe(format: 'docker-archive' | 'oci-archive', compress?: 'zstd'): Promise<Analysis> {
  const path = await buildCachedImage(recipeDir('multi-layer'), compress ? { format, compress } : { format });
  const image = await openArchive(path);
  try {
    return analyzeImage(await loadImageInput(image), image.source);
  } finally {
    await image.close();
  }
}

const statusOf = (a: Analysis, layer: number, path: string) =>
  changeList(a.stack, layer).find((c) => c.path === path)?.status;

describe.skipIf(!isRoot)('a buildah-built multi-stage image', () => {
  it('maps 11 history entries to 7 layers and names each instruction', async () => {
    const { report } = await analyzeRecipe('docker-archive');
    expect(report.history).toHaveLength(11);
    expect(report.history.filter((h) => h.emptyLayer).map((h) => h.instruction.kind)).toEqual([
      'SHELL',
      'ENV',
      'LABEL',
      'CMD',
    ]);
    expect(report.layers.map((l) => l.instruction.kind)).toEqual([
      'COPY',
      'RUN',
      'RUN',
      'RUN',
      'RUN',
      'RUN',
      'COPY',
    ]);
    expect(report.layers[3]?.instruction.text).toBe('RUN chmod 0600 /data/hello.txt');
  });

  it('sees the deleted big file as waste and as recoverable bytes of the layer that wrote it', async () => {
    const a = await analyzeRecipe('docker-archive');
    expect(a.report.layers[4]?.removed).toEqual({ count: 1, bytes: BIG });
    expect(a.report.layers[2]?.shadowedBytes).toBeGreaterThanOrEqual(BIG);
    expect(a.report.inefficientFiles[0]).toMatchObject({
      path: '/data/big.bin',
      count: 2,
      bytes: BIG,
      layers: [2, 4],
    });
    expect(a.report.image.recoverableBytes).toBeGreaterThanOrEqual(BIG);
  });

  it('marks the chmod as a modification and the recreated directory’s old files as removed', async () => {
    const a = await analyzeRecipe('docker-archive');
    expect(statusOf(a, 3, '/data/hello.txt')).toBe('modified');
    expect(a.report.layers[3]?.modified).toEqual({ count: 1, bytes: 6 });
    expect(statusOf(a, 5, '/etc/conf.d/a')).toBe('removed');
    expect(statusOf(a, 5, '/etc/conf.d/c')).toBe('added');
    expect(a.stack.childNames('/etc/conf.d')).not.toContain('a');
  });

  it('adds the file copied from the build stage', async () => {
    const a = await analyzeRecipe('docker-archive');
    expect(statusOf(a, 6, '/numbers.txt')).toBe('added');
    expect(a.report.layers[6]?.added).toEqual({ count: 1, bytes: NUMBERS });
  });

  it('reads the same from its zstd OCI archive', async () => {
    const docker = (await analyzeRecipe('docker-archive')).report;
    const oci = (await analyzeRecipe('oci-archive', 'zstd')).report;
    // The config differs (OCI vs Docker schema) and so do names and blob sizes; the figures may not.
    const figures = (r: typeof docker) => ({
      ...r.image,
      source: '',
      digest: '',
      configDigest: '',
      names: [],
      compressedSizeBytes: 0,
    });
    expect(figures(oci)).toEqual(figures(docker));
    expect(oci.layers.map((l) => l.mediaType)).toEqual(
      Array(7).fill('application/vnd.oci.image.layer.v1.tar+zstd'),
    );
    // buildah writes the tars anew per push (other headers, other diff_ids); the content is the same.
    expect(oci.layers.map((l) => [l.sizeBytes, l.added, l.removed])).toEqual(
      docker.layers.map((l) => [l.sizeBytes, l.added, l.removed]),
    );
  });
});

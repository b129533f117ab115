/**
 * Measurement, not a test (STRATA_MEASURE_OWNERS=image.tar): what the owner column and package
 * table add to the browser model (packModel with and without the contents' findings, bytes raw
 * and gzipped as the server stores them), and what a "files of package X" layout costs next to
 * a plain one. Best of five each.
 */
import { gzipSync } from 'node:zlib';
import { describe, it } from 'vitest';
import { analyzeImage, Explorer, packModel, unpackModel } from '@strata/analysis';
import { openArchive } from './archive/open-archive.js';
import { loadImageInput } from './load-image.js';

const archive = process.env.STRATA_MEASURE_OWNERS ?? '';

function best(f: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return Math.round(min);
}

describe.runIf(archive)('the owner column, measured', () => {
  it('model and layout with and without packages', { timeout: 600_000 }, async () => {
    const image = await openArchive(archive);
    const input = await loadImageInput(image).finally(() => image.close());
    const analysis = analyzeImage(input, archive);
    const { findings: _, ...plain } = analysis;
    const withBytes = packModel(analysis);
    const withoutBytes = packModel(plain);
    const model = unpackModel(withBytes);
    const explorer = new Explorer(model);
    const layer = model.layers.length - 1;
    let next = 0;
    const count = model.packages?.length ?? 0;
    console.log(
      JSON.stringify({
        paths: model.paths.length,
        packages: count,
        owned: model.owner?.filter((o) => o > 0).length ?? 0,
        packModelMs: best(() => packModel(analysis)),
        packModelWithoutPackagesMs: best(() => packModel(plain)),
        modelBytes: withBytes.byteLength,
        modelBytesWithoutPackages: withoutBytes.byteLength,
        modelGzipBytes: gzipSync(withBytes, { level: 6 }).byteLength,
        modelGzipBytesWithoutPackages: gzipSync(withoutBytes, { level: 6 }).byteLength,
        layoutMs: best(() => explorer.layout({ layer, mode: 'layer' })),
        // A different package each time: the owner match is never the cached one.
        packageLayoutMs: best(() =>
          explorer.layout({ layer, mode: 'layer', packages: [1 + (next++ % count)] }),
        ),
      }),
    );
  });
});

/**
 * The public dive fixtures, read end to end, must give exactly the figures dive reports
 * (shared/fixtures/dive/EXPECTED.md, read at test time).
 */
import { describe, expect, it } from 'vitest';
import { analyzeImage, nodeName, type Analysis } from '@strata/analysis';
import {
  diveFixture,
  expectedDockerLayers,
  expectedFigures,
  expectedInefficientFiles,
} from '@strata/testkit';
import { openArchive } from './archive/open-archive.js';
import { loadImageInput } from './load-image.js';

async function analyzeFixture(file: string): Promise<Analysis> {
  const image = await openArchive(diveFixture(file));
  try {
    return analyzeImage(await loadImageInput(image), image.source);
  } finally {
    await image.close();
  }
}

describe.each(expectedFigures())('$fixture', (expected) => {
  it('gives dive its own figures', async () => {
    const { report } = await analyzeFixture(expected.fixture);
    expect(report.layers).toHaveLength(expected.layers);
    expect({
      files: report.image.files,
      sizeBytes: report.image.sizeBytes,
      userSizeBytes: report.image.userSizeBytes,
      wastedBytes: report.image.wastedBytes,
      wastedUserPercent: report.image.wastedUserPercent,
      efficiency: report.image.efficiency,
    }).toEqual({
      files: expected.files,
      sizeBytes: expected.sizeBytes,
      userSizeBytes: expected.userSizeBytes,
      wastedBytes: expected.wastedBytes,
      wastedUserPercent: expected.wastedUserPercent,
      efficiency: expected.efficiency,
    });
  });

  it('lists the inefficient files in dive order', async () => {
    const { report } = await analyzeFixture(expected.fixture);
    const want = expectedInefficientFiles()[expected.fixture.replace(/\.tar$/, '')] ?? [];
    expect(report.inefficientFiles.map(({ count, bytes, path }) => ({ count, bytes, path }))).toEqual(want);
  });
});

describe('test-docker-image', () => {
  it('has the exact Σmin / Σcumulative of EXPECTED.md', async () => {
    const { efficiency } = await analyzeFixture('test-docker-image.tar');
    expect([efficiency.minimumBytes, efficiency.cumulativeBytes, efficiency.pathCount]).toEqual([
      1214193, 1233408, 421,
    ]);
  });

  it('maps history to layers and shows the commands dive shows', async () => {
    const { report } = await analyzeFixture('test-docker-image.tar');
    const rows = expectedDockerLayers();
    expect(report.layers.map((l) => l.sizeBytes)).toEqual(rows.map((r) => r.sizeBytes));
    report.layers.forEach((layer, i) => {
      const [head, tail] = (rows[i]?.command as string).split('…');
      expect(layer.command.startsWith(head as string)).toBe(true);
      if (tail !== undefined) expect(layer.command.endsWith(tail)).toBe(true);
    });
    expect(report.history).toHaveLength(15);
    expect(report.history[1]).toMatchObject({
      emptyLayer: true,
      layerIndex: null,
      instruction: { kind: 'CMD' },
    });
    expect(report.layers[13]?.instruction).toMatchObject({
      kind: 'RUN',
      text: 'RUN chmod +x /root/saved.txt',
    });
    expect(report.layers[0]?.instruction.kind).toBe('ADD');
  });

  it('reports Strata’s own measures beside dive’s', async () => {
    const { report } = await analyzeFixture('test-docker-image.tar');
    // Overwritten or deleted later: somefile1 (twice), somefile2, somefile3, saved.txt before chmod.
    expect(report.image.recoverableBytes).toBe(5 * 6405);
    expect(report.image.compressedSizeBytes).toBe(
      report.layers.reduce((s, l) => s + l.compressedSizeBytes, 0),
    );
    expect(report.image.baseImage).toEqual({ layerCount: 1, source: 'layer0' });
    expect(report.layers[9]?.removed).toEqual({ count: 2, bytes: 12810 });
  });
});

describe('OCI fixtures', () => {
  it.each([
    [
      'test-oci-uncompressed-image.tar',
      'sha256:356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758',
    ],
    ['test-oci-gzip-image.tar', 'sha256:356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758'],
    ['test-oci-zstd-image.tar', 'sha256:356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758'],
    ['test-oci-estargz-image.tar', 'sha256:2b3dbfdf131b60e153f6c11e1781c35dcaab001dde8f65c5efaad5813817800e'],
  ])('%s holds README.md only, diff_id verified', async (file, diffId) => {
    const { report, stack } = await analyzeFixture(file);
    expect(report.layers[0]?.diffId).toBe(diffId);
    const layer0 = stack.layers[0]!;
    const top = [...Array(layer0.nodeCount).keys()].filter((v) => layer0.nodeParent[v] === 0);
    expect(top.map((v) => nodeName(layer0, v))).toEqual(['README.md']);
    expect(report.layers[0]?.instruction).toMatchObject({ kind: 'COPY', text: 'COPY README.md /README.md' });
    expect(report.image.platform).toBe('linux/arm64');
  });
});

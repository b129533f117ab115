/**
 * "Where dive is wrong, and Strata should not copy it" (shared/fixtures/dive/EXPECTED.md): each
 * case on a real archive written by our test builder, read through the whole pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage, changeList, type Analysis } from '@strata/analysis';
import { writeImageArchive, type ArchiveFormat, type LayerSpec } from '@strata/testkit';
import { openArchive } from './archive/open-archive.js';
import { loadImageInput } from './load-image.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-quirks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

async function analyzeLayers(layers: LayerSpec[], format: ArchiveFormat = 'oci-layout'): Promise<Analysis> {
  const { path } = await writeImageArchive({ layers }, join(tmp, `q-${n++}.tar`), format);
  const image = await openArchive(path);
  try {
    return analyzeImage(await loadImageInput(image), image.source);
  } finally {
    await image.close();
  }
}

const finalPaths = (a: Analysis, dir: string): string[] => a.stack.childNames(`/${dir}`).sort();

describe('where dive is wrong', () => {
  it('OCI archives without manifest.json: layers in the manifest’s order', async () => {
    // Order matters: layer 1 deletes what layer 0 wrote, layer 2 writes it again.
    const a = await analyzeLayers([
      { entries: [{ path: 'app/v', content: 'one' }] },
      { entries: [{ path: 'app/v', type: 'whiteout' }] },
      { entries: [{ path: 'app/v', content: 'three!' }] },
    ]);
    expect(a.report.layers.map((l) => [l.added.count, l.removed.count])).toEqual([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(a.report.image.fileCount).toBe(1);
    expect(a.stack.infoAt('/app/v')?.size).toBe(6);
  });

  it('opaque whiteouts hide everything below in that directory', async () => {
    const a = await analyzeLayers([
      {
        entries: [
          { path: 'cache', type: 'dir' },
          { path: 'cache/a', content: { size: 1000 } },
          { path: 'cache/b', content: { size: 3000 } },
        ],
      },
      {
        entries: [
          { path: 'cache', type: 'dir' },
          { path: 'cache', type: 'opaque' },
          { path: 'cache/c', content: 'c' },
        ],
      },
    ]);
    expect(finalPaths(a, 'cache')).toEqual(['c']);
    expect(a.report.layers[1]?.removed).toEqual({ count: 2, bytes: 4000 });
    expect(a.report.image.recoverableBytes).toBe(4000);
  });

  it('a whiteout of nothing is ignored alone; the rest of its layer still counts', async () => {
    const a = await analyzeLayers([
      { entries: [{ path: 'a', content: { size: 100 } }] },
      {
        entries: [
          { path: 'ghost', type: 'whiteout' },
          { path: 'a', content: { size: 100, seed: 2 } },
        ],
      },
    ]);
    // dive would stop at the ghost and never see the second /a.
    expect(a.report.inefficientFiles).toEqual([{ path: '/a', count: 2, bytes: 200, layers: [0, 1] }]);
    expect(a.report.image.efficiency).toBe(0.5);
    expect(a.efficiency.pathCount).toBe(1);
  });

  it('removed directories: dive’s wastedBytes misses the files, recoverableBytes counts them', async () => {
    const a = await analyzeLayers([
      { entries: [{ path: 'base', content: 'b' }] },
      {
        entries: [
          { path: 'build', type: 'dir' },
          { path: 'build/obj.o', content: { size: 7000 } },
          { path: 'build/lib.a', content: { size: 9000 } },
        ],
      },
      { entries: [{ path: 'build', type: 'whiteout' }] },
    ]);
    expect(a.report.image.wastedBytes).toBe(0);
    expect(a.report.image.recoverableBytes).toBe(16000);
    expect(a.report.layers[1]?.shadowedBytes).toBe(16000);
  });

  it('wastedBytes includes the copy you keep (dive #684); recoverableBytes does not', async () => {
    const a = await analyzeLayers([
      { entries: [{ path: 'base', content: 'b' }] },
      { entries: [{ path: 'data.bin', content: { size: 5000 } }] },
      { entries: [{ path: 'data.bin', content: { size: 5000 }, mode: 0o600 }] },
    ]);
    expect(a.report.image.wastedBytes).toBe(10000);
    expect(a.report.image.recoverableBytes).toBe(5000);
  });

  it('a retargeted symlink is modified', async () => {
    const a = await analyzeLayers(
      [
        {
          entries: [
            { path: 'lib', type: 'dir' },
            { path: 'lib/current', type: 'symlink', target: 'v1' },
          ],
        },
        { entries: [{ path: 'lib/current', type: 'symlink', target: 'v2' }] },
      ],
      'docker-legacy',
    );
    const change = changeList(a.stack, 1).find((c) => c.path === '/lib/current');
    expect(change?.status).toBe('modified');
    expect(a.report.layers[1]?.modified.count).toBe(1);
  });
});

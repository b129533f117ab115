/**
 * `strata diff` and `strata df` over a real `docker save a b c`-shaped bundle, checked against an
 * independent computation: GNU tar extracts each image's layers applying whiteouts, `tar -tvf`
 * gives the sizes, sha256sum the diff_ids (packages/testkit/src/rootfs). Never our own output.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiskUse, ImageDiff } from '@strata/analysis';
import {
  diffRootfs,
  extractDockerArchive,
  sampleBundleSpecs,
  writeImageBundle,
  type ExtractedImage,
} from '@strata/testkit';
import { runCli } from '../run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-diff-df-'));
const bundle = join(tmp, 'bundle.tar');
let images: ExtractedImage[];

beforeAll(async () => {
  await writeImageBundle(sampleBundleSpecs(), bundle, 'docker-legacy');
  images = [0, 1, 2].map((i) => extractDockerArchive(bundle, i, join(tmp, 'extracted')));
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sizeOf = (img: ExtractedImage): number => img.layers.reduce((s, l) => s + l.sizeBytes, 0);

function json<T>(args: string[]): { value: T; stdout: string; stderr: string; status: number | null } {
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}.json`);
  const r = runCli([...args, '--json', out]);
  const value =
    r.status === 0 || r.status === 1 ? (JSON.parse(readFileSync(out, 'utf8')) as T) : (undefined as T);
  return { value, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('strata diff', () => {
  it('lists what B adds, removes and changes, as tar extraction with whiteouts sees it', () => {
    const [a, b] = images as [ExtractedImage, ExtractedImage];
    const {
      value: diff,
      stdout,
      status,
    } = json<ImageDiff>(['diff', `docker-archive:${bundle}:app:1`, `${bundle}:@1`, '-q']);
    expect(status).toBe(0);
    expect(diff.files).toEqual(diffRootfs(a.files, b.files));
    // the sample's changes are all there (so the comparison above compares something)
    expect(diff.files.changed.map((f) => f.path)).toEqual([
      '/app/config.json',
      '/app/data/big.bin',
      '/app/version',
      '/bin/sh',
    ]);
    expect(diff.files.removed.map((f) => f.path)).toEqual(['/opt/old/x.txt', '/usr/share/doc/readme']);
    expect(diff.a).toEqual({
      source: `docker-archive:${bundle}:app:1`,
      digest: expect.any(String),
      sizeBytes: sizeOf(a),
    });
    expect(diff.b.sizeBytes).toBe(sizeOf(b));
    expect(diff.sizeDeltaBytes).toBe(sizeOf(b) - sizeOf(a));
    const bIds = new Set(b.layers.map((l) => l.diffId));
    expect(diff.sharedLayers).toEqual(a.layers.filter((l) => bIds.has(l.diffId)));
    expect(diff.sharedLayers).toHaveLength(2);
    // the human summary: the new layer, and the directories that grew
    expect(stdout).toMatch(/Layers only in B:\n\s+#2\s+\+\d[\d.]* kB\s+RUN \.\/upgrade\.sh/);
    expect(stdout).toMatch(/\+30 kB\s+\/usr\/lib\n/);
  });

  it('gates growth with --max-growth', () => {
    const args = ['diff', `${bundle}:@0`, `${bundle}:@1`, '-q'];
    const fail = runCli([...args, '--max-growth', '1kB']);
    expect(fail.status).toBe(1);
    expect(fail.stdout).toMatch(/FAIL: growth \+\d+ kB, allowed 1\.0 kB/);
    const pass = runCli([...args, '--max-growth', '150%']);
    expect(pass.status).toBe(0);
    expect(pass.stdout).toContain('PASS: growth');
    const shrink = runCli(['diff', `${bundle}:@1`, `${bundle}:@0`, '-q', '--max-growth', '0']);
    expect(shrink.status).toBe(0);
    expect(runCli([...args, '--max-growth', 'lots']).status).toBe(2);
  });
});

describe('strata df', () => {
  it('counts each distinct layer once, and reads each once', () => {
    const sources = [0, 1, 2].map((i) => `${bundle}:@${i}`);
    const { value: use, stderr, stdout, status } = json<DiskUse>(['df', ...sources]);
    expect(status).toBe(0);
    const distinct = new Map(
      images.flatMap((img) => img.layers.map((l) => [l.diffId, l.sizeBytes] as const)),
    );
    expect(use.totalBytes).toBe([...distinct.values()].reduce((s, n) => s + n, 0));
    expect(use.sumBytes).toBe(images.map(sizeOf).reduce((s, n) => s + n, 0));
    expect(use.layers).toHaveLength(distinct.size);
    const holders = (id: string): number[] =>
      images.flatMap((img, i) => (img.layers.some((l) => l.diffId === id) ? [i] : []));
    for (const layer of use.layers) {
      expect(layer.sizeBytes).toBe(distinct.get(layer.diffId));
      expect(layer.images).toEqual(holders(layer.diffId));
    }
    use.images.forEach((img, i) => {
      const own = images[i]!.layers;
      const unique = own.filter((l) => holders(l.diffId).length === 1).reduce((s, l) => s + l.sizeBytes, 0);
      expect(img).toMatchObject({
        sizeBytes: sizeOf(images[i]!),
        uniqueBytes: unique,
        sharedBytes: sizeOf(images[i]!) - unique,
      });
    });
    // 3 + 3 + 2 layers, 5 distinct: the shared ones are decoded once
    expect(stderr).toContain('df: 5 distinct layers read for 8 layers of 3 images');
    expect(stdout).toMatch(/Total \(each layer once\):/);
    expect(use.totalCompressedBytes).toBeLessThan(use.sumCompressedBytes);
  });
});

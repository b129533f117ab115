import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLayerBlob } from './layer-blob';
import { fileDigest, must, tempDir } from './test-helpers';
import type { LayerSpec } from './types';

const layer: LayerSpec = {
  entries: [
    { path: 'app', type: 'dir' },
    { path: 'app/data.bin', content: { size: 300_000, seed: 1 } },
    { path: 'app/readme', content: 'hello' },
  ],
};

/** sha256 of what a CLI decompressor makes of the blob: the independent check of our diff_id. */
async function decompressedDigest(cmd: 'gzip' | 'zstd', file: string): Promise<string> {
  const hex = await must('sh', ['-c', `${cmd} -dc '${file}' | sha256sum | cut -d' ' -f1`]);
  return `sha256:${hex.trim()}`;
}

describe('buildLayerBlob', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.cleanup());

  it('stores an uncompressed tar whose digest is its diff_id', async () => {
    const blob = await buildLayerBlob(layer, 'none', new Date(0), tmp.dir, 'none');
    expect(blob.digest).toBe(blob.diffId);
    expect(blob.digest).toBe(await fileDigest(blob.file));
    expect(blob.size).toBe(blob.uncompressedSize);
    expect(await must('tar', ['-tf', blob.file])).toBe('app/\napp/data.bin\napp/readme\n');
  });

  it.each(['gzip', 'zstd'] as const)(
    '%s: digest of the stored bytes, diff_id of the tar inside',
    async (kind) => {
      const plain = await buildLayerBlob(layer, 'none', new Date(0), tmp.dir, `plain-${kind}`);
      const blob = await buildLayerBlob(layer, kind, new Date(0), tmp.dir, kind);
      expect(blob.digest).toBe(await fileDigest(blob.file));
      expect(blob.diffId).toBe(plain.diffId);
      expect(blob.uncompressedSize).toBe(plain.size);
      expect(await decompressedDigest(kind, blob.file)).toBe(blob.diffId);
      const again = await buildLayerBlob(layer, kind, new Date(0), tmp.dir, `${kind}-again`);
      expect(again.digest).toBe(blob.digest);
    },
  );

  it('writes a gzip header without mtime or file name', async () => {
    const blob = await buildLayerBlob(layer, 'gzip', new Date(0), tmp.dir, 'header');
    const head = (await readFile(blob.file)).subarray(0, 10);
    expect(head[3]).toBe(0); // FLG: no FNAME, no FEXTRA
    expect(head.readUInt32LE(4)).toBe(0); // MTIME
  });
});

/**
 * `strata cat`'s reader on a real buildah image (packages/testkit/recipes/multi-layer), gzip OCI
 * layers: every byte equals what GNU tar extracts from the layer blob that holds the entry.
 */
import { describe, expect, it } from 'vitest';
import { analyzeImage, type Analysis } from '@strata/analysis';
import { buildCachedImage, layerEntryBytes, recipeDir } from '@strata/testkit';
import { openArchive } from '../archive/open-archive.js';
import type { Image, Layer } from '../image.js';
import { loadImageInput } from '../load-image.js';
import { openImageFile } from './image-file.js';

const isRoot = process.getuid?.() === 0;

interface Opened {
  path: string;
  image: Image;
  layers: Layer[];
  analysis: Analysis;
}

async function open(): Promise<Opened> {
  const path = await buildCachedImage(recipeDir('multi-layer'), { format: 'oci-archive', compress: 'gzip' });
  const image = await openArchive(path);
  const analysis = analyzeImage(await loadImageInput(image), image.source);
  return { path, image, layers: await image.layers(), analysis };
}

const tarBytes = (o: Opened, index: number, entry: string): Buffer =>
  layerEntryBytes(o.path, index, entry) as Buffer;

async function read(o: Opened, path: string, layer?: number): Promise<{ layer: number; bytes: Buffer }> {
  const last = o.analysis.stack.layers.length - 1;
  const file = await openImageFile(o.layers, o.analysis.stack.layers, path, layer ?? last);
  const chunks: Buffer[] = [];
  for await (const chunk of file.data) chunks.push(chunk);
  return { layer: file.layer, bytes: Buffer.concat(chunks) };
}

describe.skipIf(!isRoot)('files of a buildah image, read from their layer', () => {
  it('files, a chmod copy-up, a symlink, a hardlink and a file deleted later equal tar -xO', async () => {
    const o = await open();
    try {
      const busybox = await read(o, '/bin/busybox');
      expect(busybox.layer).toBe(0);
      expect(busybox.bytes.equals(tarBytes(o, 0, 'bin/busybox'))).toBe(true);
      expect(busybox.bytes.length).toBeGreaterThan(500_000);

      // /usr/bin/wc -> /bin/busybox (busybox --install -s): followed inside the image.
      const wc = await read(o, '/usr/bin/wc');
      expect(wc.layer).toBe(0);
      expect(wc.bytes.equals(busybox.bytes)).toBe(true);

      const hello = await read(o, 'data/hello.txt');
      expect(hello.layer).toBe(3); // the chmod layer's copy
      expect(hello.bytes.equals(tarBytes(o, 3, 'data/hello.txt'))).toBe(true);
      expect(hello.bytes.toString()).toBe('hello\n');

      const hardlink = await read(o, '/data/tool-hardlink');
      expect(hardlink.bytes.equals(tarBytes(o, hardlink.layer, 'data/tool'))).toBe(true);

      const numbers = await read(o, '/numbers.txt');
      expect(numbers.layer).toBe(6);
      expect(numbers.bytes.equals(tarBytes(o, 6, 'numbers.txt'))).toBe(true);

      // Deleted by layer 4: gone from the final view, readable at its own layer.
      await expect(read(o, '/data/big.bin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const big = await read(o, '/data/big.bin', 2);
      expect(big.layer).toBe(2);
      expect(big.bytes.length).toBe(3 * 1024 * 1024);
      expect(big.bytes.equals(tarBytes(o, 2, 'data/big.bin'))).toBe(true);

      // Hidden by the opaque directory of layer 5, there at layer 2.
      await expect(read(o, '/etc/conf.d/a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await read(o, '/etc/conf.d/a', 2)).bytes.toString()).toBe('a\n');
      await expect(read(o, '/data')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    } finally {
      await o.image.close();
    }
  });
});

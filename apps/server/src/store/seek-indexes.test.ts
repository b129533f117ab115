/**
 * Seek indexes of kept gzip layers: built in the decode pass, kept by blob digest, read through.
 * The expected bytes come from GNU tar (`tar -xO`) and from gunzip of the whole blob, the tar
 * offsets from Python's tarfile: none from our own reader.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSample } from '@strata/testkit';
import { packLayerIndex, unpackLayerIndex, type LayerIndex } from '@strata/analysis';
import { DEFAULT_SPAN, decodeLayer, readSeekable, unpackSeekIndex, type GzipCheckpoint } from '@strata/image';
import { BlobStore } from './blob-store.js';
import { SeekIndexes, type SeekIndexOptions } from './seek-indexes.js';

let dir: string;
let gz: string;
let tar: Buffer;
let digest: string;
let index: LayerIndex;
let store: BlobStore;
const MiB = 1024 * 1024;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-seek-'));
  const root = join(dir, 'root');
  await mkdir(root);
  // 6 MiB, then a 10 MiB file spanning checkpoints, then a small last file.
  await writeFile(join(root, 'a-first.bin'), deflateSample(6 * MiB));
  await writeFile(join(root, 'b-middle.bin'), deflateSample(10 * MiB));
  await writeFile(join(root, 'z-last.txt'), Buffer.from('the last file of the layer\n'.repeat(40)));
  execFileSync('sh', [
    '-c',
    `tar --sort=name -C '${root}' -cf '${dir}/layer.tar' . && gzip -6 -c '${dir}/layer.tar' > '${dir}/layer.tar.gz'`,
  ]);
  gz = join(dir, 'layer.tar.gz');
  tar = execFileSync('gzip', ['-dc', gz], { maxBuffer: 1 << 27 });
  store = await BlobStore.open(join(dir, 'data'), 1 << 30);
  digest = (await store.put(async () => createReadStream(gz), (await stat(gz)).size)) as string;
  index = await decodeLayer({ open: async () => createReadStream(gz), mediaType: 'gzip', size: 0 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Data offsets and sizes by Python's tarfile (an independent reader). */
function pythonOffsets(): Map<string, { offset: number; size: number }> {
  const script =
    'import sys,tarfile,json\nt=tarfile.open(sys.argv[1])\nprint(json.dumps({m.name:[m.offset_data,m.size] for m in t if m.isfile()}))';
  const out = JSON.parse(
    execFileSync('python3', ['-c', script, join(dir, 'layer.tar')], { encoding: 'utf8' }),
  ) as Record<string, [number, number]>;
  return new Map(
    Object.entries(out).map(([k, [offset, size]]) => [k.replace(/^\.\//, ''), { offset, size }]),
  );
}

async function read(seeks: SeekIndexes, offset: number, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of readSeekable(await seeks.seekable(digest, 'gzip'), offset, size)) chunks.push(c);
  return Buffer.concat(chunks);
}

async function open(name: string, options: SeekIndexOptions = {}): Promise<SeekIndexes> {
  return SeekIndexes.open(join(dir, name), store, options);
}

describe('seek indexes of kept gzip layers', () => {
  it('the decode pass builds it; reads through it equal tar -xO and gunzip, at span boundaries too', async () => {
    expect(index.seekIndex).toBeDefined();
    // Kept beside the blob, not in the packed layer index (which is stored per analysis).
    expect(unpackLayerIndex(packLayerIndex(index)).seekIndex).toBeUndefined();
    expect(packLayerIndex(index).length).toBeLessThan((index.seekIndex as Uint8Array).length);
    const seeks = await open('kept');
    await seeks.put(digest, index.seekIndex as Uint8Array);
    const checkpoints = (await seeks.seekable(digest, 'gzip')).checkpoints as GzipCheckpoint[];
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.every((cp, i) => cp.out - (checkpoints[i - 1]?.out ?? 0) >= DEFAULT_SPAN)).toBe(true);

    const offsets = pythonOffsets();
    for (const name of ['a-first.bin', 'b-middle.bin', 'z-last.txt']) {
      const { offset, size } = offsets.get(name) as { offset: number; size: number };
      const expected = execFileSync('tar', ['-xOf', join(dir, 'layer.tar'), `./${name}`], {
        maxBuffer: 1 << 27,
      });
      expect((await read(seeks, offset, size)).equals(expected), name).toBe(true);
    }
    // The middle file spans two checkpoints; the last file lies after the last one.
    const middle = offsets.get('b-middle.bin') as { offset: number; size: number };
    const inside = checkpoints.filter((cp) => cp.out > middle.offset && cp.out < middle.offset + middle.size);
    expect(inside.length).toBeGreaterThanOrEqual(1);
    expect((checkpoints.at(-1) as GzipCheckpoint).out).toBeLessThan(
      (offsets.get('z-last.txt') as { offset: number }).offset,
    );
    // Ranges at every checkpoint: from one byte before it, exactly at it, ending at it.
    for (const cp of checkpoints)
      for (const [offset, size] of [
        [cp.out - 1, 2],
        [cp.out, 1000],
        [cp.out - 1000, 1000],
      ] as const)
        expect(
          (await read(seeks, offset, size)).equals(tar.subarray(offset, offset + size)),
          `${offset}`,
        ).toBe(true);
  });

  it('a layer that came without one gets it in the background, from the decoder', async () => {
    const built: string[] = [];
    const seeks = await open('rebuilt', {
      rebuild: async (blob) => {
        built.push('decoded');
        return decodeLayer(blob);
      },
    });
    expect(await seeks.has(digest)).toBe(false);
    expect((await seeks.seekable(digest, 'gzip')).checkpoints).toBeUndefined();
    seeks.schedule(digest);
    seeks.schedule(digest); // queued once
    await seeks.idle();
    expect(built).toEqual(['decoded']);
    expect(await seeks.has(digest)).toBe(true);
    const { offset, size } = pythonOffsets().get('z-last.txt') as { offset: number; size: number };
    expect((await seeks.seekable(digest, 'gzip')).checkpoints?.length).toBeGreaterThanOrEqual(2);
    expect((await read(seeks, offset, size)).equals(tar.subarray(offset, offset + size))).toBe(true);
  });

  it('is bounded: memory by bytes of windows (least recently used out), disk by the kept blobs', async () => {
    // The same tar compressed otherwise: another blob, its own index.
    const other = join(dir, 'other.tar.gz');
    execFileSync('sh', ['-c', `gzip -1 -c '${join(dir, 'layer.tar')}' > '${other}'`]);
    const second = (await store.put(async () => createReadStream(other), (await stat(other)).size)) as string;
    const secondIndex = await decodeLayer({
      open: async () => createReadStream(other),
      mediaType: 'gzip',
      size: 0,
    });
    const firstCount = (await unpackSeekIndex(index.seekIndex as Uint8Array)).length;
    const seeks = await open('bounded', { memoryBytes: 32 * 1024 * firstCount }); // one layer's windows, not two
    await seeks.put(digest, index.seekIndex as Uint8Array);
    await seeks.put(second, secondIndex.seekIndex as Uint8Array);
    expect((await seeks.seekable(digest, 'gzip')).checkpoints?.length).toBeGreaterThan(0);
    expect(seeks.loadedCount).toBe(1);
    expect((await seeks.seekable(second, 'gzip')).checkpoints?.length).toBeGreaterThan(0);
    expect(seeks.loadedCount).toBe(1); // the first was evicted
    const { offset, size } = pythonOffsets().get('z-last.txt') as { offset: number; size: number };
    expect((await read(seeks, offset, size)).equals(tar.subarray(offset, offset + size))).toBe(true); // loaded again

    await seeks.sweep(new Set([second]));
    expect(await readdir(join(dir, 'bounded', 'seek-indexes'))).toEqual([
      `${second.slice('sha256:'.length)}.gz`,
    ]);
    expect(await seeks.has(digest)).toBe(false);
    expect((await seeks.seekable(digest, 'gzip')).checkpoints).toBeUndefined();
  });
});

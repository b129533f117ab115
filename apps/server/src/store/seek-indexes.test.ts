import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPath, type LayerIndex } from '@strata/analysis';
import { decodeLayer, readSeekable } from '@strata/image';
import { BlobStore } from './blob-store.js';
import { SeekIndexes } from './seek-indexes.js';

let dir: string;
let blob: string;
let index: LayerIndex;
let last: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-seek-'));
  const root = join(dir, 'root');
  await mkdir(root);
  // 12 MiB of half-random content first (3 checkpoint spans), then the small file to read.
  for (let i = 0; i < 6; i++)
    await writeFile(join(root, `big${i}.bin`), Buffer.concat([randomBytes(1 << 20), Buffer.alloc(1 << 20)]));
  last = Buffer.from('the last file of the layer\n'.repeat(40));
  await writeFile(join(root, 'zz-last.txt'), last);
  execFileSync('sh', ['-c', `tar -C '${root}' -cf - . | gzip -6 > '${join(dir, 'layer.tar.gz')}'`]);
  const path = join(dir, 'layer.tar.gz');
  const store = await BlobStore.open(join(dir, 'data'), 1 << 30);
  blob = (await store.put(async () => createReadStream(path), (await stat(path)).size)) as string;
  index = await decodeLayer({ open: async () => createReadStream(path), mediaType: 'gzip', size: 0 });
  seeks = new SeekIndexes(store);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let seeks: SeekIndexes;

async function read(e: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const blobAccess = seeks.seekable(blob, 'gzip');
  for await (const c of readSeekable(blobAccess, index.offset[e] as number, index.size[e] as number))
    chunks.push(c);
  return Buffer.concat(chunks);
}

describe('seek indexes of kept gzip layers', () => {
  it('the first read decodes from the start; later reads start at a checkpoint; the bytes are the file’s', async () => {
    const e = Array.from({ length: index.entryCount }, (_, i) => i).find(
      (i) => entryPath(index, i) === 'zz-last.txt',
    ) as number;
    expect(seeks.seekable(blob, 'gzip').checkpoints).toBeUndefined();
    expect(await read(e)).toEqual(last);
    await seeks.ready(blob);
    const checkpoints = seeks.seekable(blob, 'gzip').checkpoints ?? [];
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.at(-1)!.out).toBeLessThan(index.offset[e] as number);
    expect(await read(e)).toEqual(last);
    const big = Array.from({ length: index.entryCount }, (_, i) => i).find(
      (i) => entryPath(index, i) === 'big3.bin',
    ) as number;
    expect(await read(big)).toEqual(await readFile(join(dir, 'root', 'big3.bin')));
  });
});

/**
 * `strata cat`'s read after the decode pass: a file past several checkpoints of a gzip layer, read
 * through its seek index from a blob that can only be read from the start, equals GNU tar's
 * `tar -xO`; an uncompressed layer too.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSample } from '@strata/testkit';
import type { Layer } from '../image.js';
import { decodeLayer } from '../layer/decode-layer.js';
import { openImageFile } from './image-file.js';
import { layerSeekable } from './layer-seekable.js';
import { unpackSeekIndex } from './seek-index-pack.js';

let dir: string;
const MiB = 1024 * 1024;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-layer-seek-'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'a-big.bin'), deflateSample(14 * MiB));
  await writeFile(join(dir, 'root', 'z-last.txt'), Buffer.from('last\n'.repeat(300)));
  execFileSync('sh', [
    '-c',
    `tar --sort=name -C '${dir}/root' -cf '${dir}/l.tar' . && gzip -6 -c '${dir}/l.tar' > '${dir}/l.tar.gz'`,
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const layerOf = (file: string): Layer => ({
  digest: '',
  diffId: '',
  size: 0,
  mediaType: '',
  open: async () => createReadStream(join(dir, file)),
});

async function cat(file: string, path: string): Promise<Buffer> {
  const layer = layerOf(file);
  const index = await decodeLayer({ open: layer.open, mediaType: '', size: 0 });
  const opened = await openImageFile([layer], [index], path, 0, {
    seekable: () => layerSeekable(layer, index),
  });
  const chunks: Buffer[] = [];
  for await (const c of opened.data) chunks.push(c);
  return Buffer.concat(chunks);
}

const tarX = (name: string): Buffer =>
  execFileSync('tar', ['-xOf', join(dir, 'l.tar'), `./${name}`], { maxBuffer: 1 << 26 });

describe('layers read from the start, seeking by skipping', () => {
  it('gzip: from the checkpoint before the file, the bytes tar -xO gives', async () => {
    const layer = layerOf('l.tar.gz');
    const index = await decodeLayer({ open: layer.open, mediaType: '', size: 0 });
    expect((await unpackSeekIndex(index.seekIndex as Uint8Array)).length).toBeGreaterThanOrEqual(2);
    expect((await layerSeekable(layer, index))?.checkpoints?.length).toBeGreaterThanOrEqual(2);
    expect((await cat('l.tar.gz', '/z-last.txt')).equals(tarX('z-last.txt'))).toBe(true);
    expect((await cat('l.tar.gz', '/a-big.bin')).equals(tarX('a-big.bin'))).toBe(true);
  });

  it('uncompressed: skipped to the offset', async () => {
    expect((await cat('l.tar', '/z-last.txt')).equals(tarX('z-last.txt'))).toBe(true);
  });
});

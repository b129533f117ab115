/**
 * Hand-made docker-archives for the bad-input tests: whatever a hostile client could send,
 * written with tar-stream (outer archive, small layers) or by hand (a million tar headers,
 * a gzip bomb), so each test says exactly which bytes it sends.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarItem {
  name: string;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
  content?: Buffer | string;
  /** Stream the content from this file instead. */
  file?: string;
}

/** Write a tar of `items` to `out`, in order. */
export async function writeTar(out: string, items: TarItem[]): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createWriteStream(out));
  for (const item of items) await addItem(pack, item);
  pack.finalize();
  await done;
}

async function addItem(pack: tar.Pack, item: TarItem): Promise<void> {
  const type = item.type ?? 'file';
  if (item.file) {
    const { size } = await stat(item.file);
    const entry = pack.entry({ name: item.name, size, mtime: new Date(0) });
    await pipeline(createReadStream(item.file), entry);
    return;
  }
  const content = type === 'file' ? Buffer.from(item.content ?? '') : Buffer.alloc(0);
  await new Promise<void>((resolve, reject) =>
    pack.entry({ name: item.name, type, linkname: item.linkname, mtime: new Date(0) }, content, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
}

/** A tar in memory (small layers). */
export async function tarBuffer(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const item of items) await addItem(pack, item);
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export interface LayerBlob {
  /** Name inside the outer archive, e.g. `l0/layer.tar`. */
  name: string;
  content?: Buffer;
  file?: string;
  /** The config's diff_id for it; default sha256 of content (right for an uncompressed blob). */
  diffId?: string;
}

/**
 * A legacy docker-archive (manifest.json + config + layers). `extra` entries go first (links,
 * decoys); `layerNames` overrides what manifest.json names.
 */
export async function writeDockerArchive(
  out: string,
  layers: LayerBlob[],
  options: { extra?: TarItem[]; layerNames?: string[]; tag?: string } = {},
): Promise<void> {
  const diffIds = layers.map((l) => l.diffId ?? sha256(l.content ?? Buffer.alloc(0)));
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((_, i) => ({ created_by: `/bin/sh -c #(nop) ADD file:${i} in / ` })),
  });
  const manifest = JSON.stringify([
    {
      Config: 'config.json',
      RepoTags: [options.tag ?? 'hostile:1'],
      Layers: options.layerNames ?? layers.map((l) => l.name),
    },
  ]);
  await writeTar(out, [
    ...(options.extra ?? []),
    ...layers.map((l): TarItem =>
      l.file ? { name: l.name, file: l.file } : { name: l.name, content: l.content },
    ),
    { name: 'config.json', content: config },
    { name: 'manifest.json', content: manifest },
  ]);
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A gzipped layer of `count` empty files (`f/00000001`, …): headers only, checksums right. */
export async function writeManyEntriesLayer(out: string, count: number): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const done = pipeline(gzip, createWriteStream(out));
  const template = ustarHeader('f/00000000', 0);
  const batch = 4096;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const chunk = Buffer.alloc(n * 512);
    for (let j = 0; j < n; j++) {
      template.copy(chunk, j * 512);
      chunk.write(`f/${String(start + j).padStart(8, '0')}`, j * 512, 'latin1');
      setChecksum(chunk.subarray(j * 512, j * 512 + 512));
    }
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end(Buffer.alloc(1024)); // end-of-archive
  await done;
}

/**
 * A gzip bomb layer: one tar header announcing a `fileBytes` file, then its zeros as repeated
 * gzip members (a valid multi-member gzip stream) of a few KiB each per `memberBytes` inflated.
 */
export function gzipBombLayer(fileBytes: number, memberBytes = 16 * 1024 * 1024): Buffer {
  const header = gzipSync(ustarHeader('bomb', fileBytes));
  const zeros = gzipSync(Buffer.alloc(memberBytes), { level: 9 });
  const members = Math.ceil(fileBytes / memberBytes);
  return Buffer.concat([header, ...Array.from({ length: members }, () => zeros)]);
}

function ustarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'latin1');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\x0000', 257, 'latin1');
  setChecksum(h);
  return h;
}

function setChecksum(h: Buffer): void {
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i] as number;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
}

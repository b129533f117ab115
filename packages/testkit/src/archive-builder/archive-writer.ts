import { createReadStream, createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import type { Pack } from 'tar-stream';
import type { LayerBlob } from './layer-blob';
import { packEntry, writeTar } from './tar-pack';
import type { Tamper } from './types';

/** One member of the outer archive, as a format lays it out. */
export type Item =
  | { kind: 'file'; name: string; data: Buffer }
  | { kind: 'dir'; name: string }
  | { kind: 'symlink'; name: string; target: string }
  | { kind: 'blob'; name: string; blob: LayerBlob };

/** How a producer writes its members: permission bits and times differ between tools. */
export interface Style {
  fileMode: number;
  dirMode: number;
  symlinkMode: number;
}

export interface ArchiveOptions {
  style: Style;
  mtime: Date;
  gzipWhole: boolean;
  tamper?: Tamper;
  /** The blob 'layer-digest', 'missing-blob' and 'truncate' aim at. */
  target?: LayerBlob;
}

const BLOCK = 512;
const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

/** Streams a blob file, flipping the byte in its middle when asked (the digest was taken before). */
async function* blobChunks(blob: LayerBlob, corrupt: boolean): AsyncGenerator<Buffer> {
  const at = Math.floor(blob.size / 2);
  let pos = 0;
  for await (const chunk of createReadStream(blob.file) as AsyncIterable<Buffer>) {
    if (corrupt && at >= pos && at < pos + chunk.length) chunk[at - pos] = (chunk[at - pos] ?? 0) ^ 0xff;
    pos += chunk.length;
    yield chunk;
  }
}

/**
 * Writes the items in order and returns where the target blob's data starts in the (uncompressed)
 * archive. Offsets are computed, not measured: every outer name is short, so each member is one
 * 512-byte header plus its data padded to 512.
 */
async function writeItems(pack: Pack, items: Item[], opts: ArchiveOptions): Promise<number | undefined> {
  let offset = 0;
  let targetOffset: number | undefined;
  const { style, mtime } = opts;
  for (const item of items) {
    if (Buffer.byteLength(item.name) > 100) throw new Error(`outer tar name too long: ${item.name}`);
    if (item.kind === 'dir') {
      await packEntry(pack, { name: item.name, type: 'directory', mode: style.dirMode, mtime });
    } else if (item.kind === 'symlink') {
      const header = { name: item.name, type: 'symlink' as const, linkname: item.target, mtime };
      await packEntry(pack, { ...header, mode: style.symlinkMode });
    } else if (item.kind === 'file') {
      await packEntry(pack, { name: item.name, mode: style.fileMode, mtime }, item.data);
    } else {
      const isTarget = item.blob === opts.target;
      if (isTarget && opts.tamper === 'missing-blob') continue;
      if (isTarget) targetOffset = offset + BLOCK;
      const header = { name: item.name, mode: style.fileMode, mtime, size: item.blob.size };
      await packEntry(pack, header, blobChunks(item.blob, isTarget && opts.tamper === 'layer-digest'));
    }
    offset += BLOCK + (item.kind === 'file' ? padded(item.data.length) : 0);
    offset += item.kind === 'blob' ? padded(item.blob.size) : 0;
  }
  return targetOffset;
}

/** Writes the outer archive (optionally gzipped as a whole) and applies a 'truncate' tamper. */
export async function writeArchive(out: string, items: Item[], opts: ArchiveOptions): Promise<void> {
  let targetOffset: number | undefined;
  const fill = async (pack: Pack): Promise<void> => {
    targetOffset = await writeItems(pack, items, opts);
  };
  const stages: [NodeJS.WritableStream] = [createWriteStream(out)];
  if (opts.gzipWhole) await writeTar([createGzip(), ...stages], fill);
  else await writeTar(stages, fill);
  if (opts.tamper === 'truncate') {
    if (targetOffset === undefined || !opts.target) throw new Error('truncate: no layer blob to cut');
    await truncate(out, await cutPoint(out, targetOffset + Math.floor(opts.target.size / 2), items, opts));
  }
}

/**
 * The middle of the target blob. For a gzipped archive, the same fraction of the compressed file:
 * compressed positions cannot be mapped exactly, but any cut inside the stream breaks it.
 */
async function cutPoint(out: string, tarPos: number, items: Item[], opts: ArchiveOptions): Promise<number> {
  if (!opts.gzipWhole) return tarPos;
  const tarSize = items.reduce(
    (sum, i) => sum + BLOCK + padded(i.kind === 'file' ? i.data.length : i.kind === 'blob' ? i.blob.size : 0),
    2 * BLOCK,
  );
  const { size } = await stat(out);
  return Math.max(1, Math.min(size - 1, Math.floor((tarPos / tarSize) * size)));
}

/**
 * Go's filepath.Walk order (what `docker save` and skopeo's oci-archive produce from a temp dir):
 * lexical per directory, a directory's children right after it.
 */
export function walkOrder(items: Item[]): Item[] {
  const parts = (i: Item): string[] => i.name.replace(/\/$/, '').split('/');
  return [...items].sort((a, b) => {
    const [pa, pb] = [parts(a), parts(b)];
    for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
      const [x, y] = [pa[k] ?? '', pb[k] ?? ''];
      if (x !== y) return x < y ? -1 : 1;
    }
    return pa.length - pb.length;
  });
}

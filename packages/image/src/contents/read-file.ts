/**
 * Reads one entry's bytes out of a layer blob: decompress, parse tar headers until the entry,
 * stream its data, stop (the rest of the blob is never decoded). With the entry's data offset in
 * the uncompressed tar (the layer index records it), headers are not parsed at all.
 */
import { cleanPath } from '@strata/analysis';
import type { Readable } from 'node:stream';
import { StrataError } from '../errors.js';
import type { Layer } from '../image.js';
import { decompressor, sniffCompression } from '../layer/compression.js';
import type { TarHeader } from '../tar/tar-header.js';
import { TarParser } from '../tar/tar-parser.js';
import { byteWindow } from './byte-window.js';

export interface ReadFileOptions {
  /** Byte offset of the entry's data in the uncompressed tar, with its size: skips header parsing. */
  at?: { offset: number; size: number };
  signal?: AbortSignal;
}

/** The tar header of an entry found by name: a hardlink's bytes are its target's. */
export interface FoundEntry {
  header: TarHeader;
  /** The entry's data, streamed; empty for anything but a regular file. */
  data: AsyncGenerator<Buffer>;
}

/** The uncompressed tar of a layer, as a stream of chunks. */
export async function openTar(layer: Layer, signal?: AbortSignal): Promise<Readable> {
  const blob = await layer.open();
  const head = await firstChunk(blob);
  const tar = decompressor(sniffCompression(head));
  const onAbort = (): void => void tar.destroy(new StrataError('INTERNAL', 'cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  tar.once('close', () => {
    signal?.removeEventListener('abort', onAbort);
    blob.destroy();
  });
  blob.once('error', (err) => tar.destroy(err));
  tar.write(head);
  blob.pipe(tar);
  return tar;
}

/** Bytes `[offset, offset + size)` of the uncompressed tar. */
export async function* readTarRange(
  layer: Layer,
  offset: number,
  size: number,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const tar = await openTar(layer, signal);
  try {
    yield* byteWindow(tar, 0, offset, size);
  } finally {
    tar.destroy();
  }
}

/**
 * The first entry named `path` (cleaned, relative: `etc/passwd`) and its data. The generator must
 * be consumed or returned; NOT_FOUND when the layer has no such entry.
 */
export async function findEntry(
  layer: Layer,
  path: string,
  options: ReadFileOptions = {},
): Promise<FoundEntry> {
  const tar = await openTar(layer, options.signal);
  const iterator = (tar as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const want = cleanPath(path);
  let header: TarHeader | undefined;
  let done = false;
  const queue: Buffer[] = [];
  const parser = new TarParser({
    entry(h) {
      if (header || cleanPath(h.name) !== want) return undefined;
      header = h;
      return (chunk) => queue.push(chunk);
    },
    entryEnd() {
      if (header) done = true;
    },
  });
  // Parse until the header is found (its data may begin in the same chunk).
  while (!header) {
    const next = await iterator.next();
    if (next.done || parser.ended) {
      tar.destroy();
      throw new StrataError('NOT_FOUND', `no entry ${want} in layer ${layer.digest}`);
    }
    parser.write(next.value);
  }
  async function* data(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        while (queue.length > 0) yield queue.shift() as Buffer;
        if (done) return;
        const next = await iterator.next();
        if (next.done) throw new StrataError('CORRUPT', `the layer ends inside ${want}`);
        parser.write(next.value);
      }
    } finally {
      tar.destroy();
    }
  }
  return { header, data: data() };
}

async function firstChunk(blob: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const onReadable = (): void => {
      const chunk = blob.read() as Buffer | null;
      if (chunk === null) return;
      cleanup();
      resolve(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      reject(new StrataError('CORRUPT', 'the layer blob is empty'));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      blob.off('readable', onReadable);
      blob.off('end', onEnd);
      blob.off('error', onError);
    };
    blob.on('readable', onReadable);
    blob.once('end', onEnd);
    blob.once('error', onError);
  });
}

/**
 * Index an archive file once (entry name -> offset, size) by reading headers only and seeking
 * over data, so a multi-gigabyte `docker save` is indexed in a few reads. Blobs are then read
 * by range. Symlink and hardlink entries are resolved (buildah writes `<id>/layer.tar` as a link).
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { cleanPath } from '@strata/analysis';
import { StrataError, wrapError } from '../errors.js';
import {
  BLOCK,
  DEFAULT_TAR_LIMITS,
  applyExtensions,
  checkExtension,
  checksumMatches,
  emptyExtensions,
  decodeHeader,
  isExtension,
  isZeroBlock,
  paddedSize,
  readExtension,
  type Extensions,
  type TarType,
} from '../tar/tar-header.js';

export interface IndexedEntry {
  name: string;
  type: TarType;
  offset: number;
  size: number;
  linkname: string;
}

export const MAX_OUTER_ENTRIES = 100_000;

export class TarIndex {
  private constructor(
    readonly path: string,
    readonly entries: Map<string, IndexedEntry>,
  ) {}

  static async build(
    path: string,
    handle: FileHandle,
    fileSize: number,
    signal?: AbortSignal,
  ): Promise<TarIndex> {
    const entries = new Map<string, IndexedEntry>();
    const ext: Extensions = emptyExtensions();
    const block = Buffer.alloc(BLOCK);
    for (let at = 0; at + BLOCK <= fileSize;) {
      await readExactly(handle, block, at);
      if (isZeroBlock(block)) break;
      signal?.throwIfAborted();
      const header = headerAt(block, at);
      at += BLOCK;
      if (at + header.size > fileSize)
        throw new StrataError('CORRUPT', `the archive is truncated inside ${header.name}`);
      if (isExtension(header.type)) {
        checkExtension(header, ext, DEFAULT_TAR_LIMITS);
        if (at + header.size > fileSize)
          throw new StrataError('CORRUPT', 'the archive is truncated inside an extended header');
        const data = Buffer.alloc(header.size);
        await readExactly(handle, data, at);
        readExtension(ext, header.type, data);
      } else {
        const entry = applyExtensions(header, ext);
        const name = cleanPath(entry.name);
        if (name)
          entries.set(name, {
            name,
            type: entry.type,
            offset: at,
            size: entry.size,
            linkname: entry.linkname,
          });
        if (entries.size > MAX_OUTER_ENTRIES)
          throw new StrataError('TOO_LARGE', `more than ${MAX_OUTER_ENTRIES} entries`);
      }
      at += paddedSize(header.size);
    }
    if (entries.size === 0) throw new StrataError('NOT_AN_IMAGE', 'not a tar archive (no entries)');
    return new TarIndex(path, entries);
  }

  has(name: string): boolean {
    return this.resolve(name) !== undefined;
  }

  /** Follow links (at most 16 hops) to the regular entry holding the bytes. */
  resolve(name: string): IndexedEntry | undefined {
    let entry = this.entries.get(cleanPath(name));
    for (let hops = 0; entry && hops < 16; hops++) {
      if (entry.type === 'symlink')
        entry = this.entries.get(cleanPath(posix.join(posix.dirname(entry.name), entry.linkname)));
      else if (entry.type === 'hardlink') entry = this.entries.get(cleanPath(entry.linkname));
      else return entry.type === 'file' ? entry : undefined;
    }
    return undefined;
  }

  open(name: string): Readable {
    const entry = this.require(name);
    if (entry.size === 0) return Readable.from([]);
    return createReadStream(this.path, {
      start: entry.offset,
      end: entry.offset + entry.size - 1,
      highWaterMark: 1 << 20,
    });
  }

  require(name: string): IndexedEntry {
    const entry = this.resolve(name);
    if (!entry) throw new StrataError('MISSING_BLOB', `the archive has no file ${name}`);
    return entry;
  }

  /** Top-level names, for "what did we find instead" messages. */
  topLevel(): string[] {
    return [...new Set([...this.entries.keys()].map((n) => n.split('/')[0] as string))].sort();
  }
}

/** The first header tells a tar from something else; a bad one later means a damaged tar. */
function headerAt(block: Buffer, at: number): ReturnType<typeof decodeHeader> {
  try {
    return decodeHeader(block);
  } catch (err) {
    if (at === 0 && !checksumMatches(block))
      throw new StrataError('NOT_AN_IMAGE', 'not a tar archive (and not gzip or zstd compressed)');
    throw wrapError(`the archive is corrupt at byte ${at}`, err);
  }
}

async function readExactly(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
  if (bytesRead !== buffer.length) throw new StrataError('CORRUPT', 'unexpected end of the archive');
}

/**
 * Turns tar headers into the analysis's LayerEntry records, hashing file content on the way
 * (dive hashes content too, to tell a modified file from an unmodified one).
 */
import { createHash, type Hash } from 'node:crypto';
import { cleanPath, type EntryType, type LayerEntry } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { TarEntryHandler } from '../tar/tar-parser.js';
import type { TarHeader, TarType } from '../tar/tar-header.js';

export interface EntryLimits {
  maxEntries: number;
  maxPathBytes: number;
}

export const DEFAULT_ENTRY_LIMITS: EntryLimits = { maxEntries: 2_000_000, maxPathBytes: 64 * 1024 };

const ENTRY_TYPES: Partial<Record<TarType, EntryType>> = {
  file: 'file',
  hardlink: 'hardlink',
  symlink: 'symlink',
  char: 'char',
  block: 'block',
  dir: 'dir',
  fifo: 'fifo',
};

/** sha1 is plenty to tell contents apart here and is the fastest of OpenSSL's digests on these machines. */
const CONTENT_HASH = 'sha1';

export class EntryCollector implements TarEntryHandler {
  readonly entries: LayerEntry[] = [];
  private current: LayerEntry | undefined;
  private hash: Hash | undefined;

  constructor(private readonly limits: EntryLimits = DEFAULT_ENTRY_LIMITS) {}

  entry(header: TarHeader): ((chunk: Buffer) => void) | undefined {
    if (header.name.length > this.limits.maxPathBytes) {
      throw new StrataError(
        'TOO_LARGE',
        `a path of ${header.name.length} bytes exceeds ${this.limits.maxPathBytes}`,
      );
    }
    const path = cleanPath(header.name);
    if (path === '') return undefined;
    if (this.entries.length >= this.limits.maxEntries) {
      throw new StrataError('TOO_LARGE', `more than ${this.limits.maxEntries} entries in one layer`);
    }
    const type = ENTRY_TYPES[header.type] ?? 'other';
    this.current = {
      path,
      type,
      size: header.size,
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      linkTarget: header.linkname,
      contentHash: '',
    };
    this.entries.push(this.current);
    if (type !== 'file' || header.size === 0) return undefined;
    const hash = createHash(CONTENT_HASH);
    this.hash = hash;
    return (chunk) => hash.update(chunk);
  }

  entryEnd(): void {
    if (this.current?.type === 'file')
      this.current.contentHash = this.hash ? this.hash.digest('base64') : EMPTY_HASH;
    this.hash = undefined;
    this.current = undefined;
  }
}

const EMPTY_HASH = createHash(CONTENT_HASH).digest('base64');

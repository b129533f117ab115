/**
 * Turns tar headers into the layer index as the tar is parsed, hashing file content on the way
 * (dive hashes content too, to tell a modified file from an unmodified one). No object per entry
 * survives the entry.
 */
import { LayerIndexBuilder, type EntryType } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { TarEntryHandler } from '../tar/tar-parser.js';
import type { TarHeader, TarType } from '../tar/tar-header.js';
import { contentHasher, emptyHash, type ContentHasher } from './content-hash.js';

export interface EntryLimits {
  maxEntries: number;
  maxPathBytes: number;
}

export const DEFAULT_ENTRY_LIMITS: EntryLimits = { maxEntries: 2_000_000, maxPathBytes: 64 * 1024 };

const ENTRY_TYPES: Record<TarType, EntryType> = {
  file: 'file',
  hardlink: 'hardlink',
  symlink: 'symlink',
  char: 'char',
  block: 'block',
  dir: 'dir',
  fifo: 'fifo',
  pax: 'other',
  'pax-global': 'other',
  'gnu-long-name': 'other',
  'gnu-long-link': 'other',
  other: 'other',
};

export class IndexCollector implements TarEntryHandler {
  readonly builder = new LayerIndexBuilder();
  private current = -1;
  private hasher: ContentHasher | undefined;
  private readonly empty = emptyHash();

  constructor(private readonly limits: EntryLimits = DEFAULT_ENTRY_LIMITS) {}

  entry(header: TarHeader, dataOffset: number): ((chunk: Buffer) => void) | undefined {
    if (header.name.length > this.limits.maxPathBytes) {
      throw new StrataError(
        'TOO_LARGE',
        `a path of ${header.name.length} bytes exceeds ${this.limits.maxPathBytes}`,
      );
    }
    if (this.builder.entryCount >= this.limits.maxEntries) {
      throw new StrataError('TOO_LARGE', `more than ${this.limits.maxEntries} entries in one layer`);
    }
    const type = ENTRY_TYPES[header.type];
    const e = this.builder.add({ ...header, type, offset: dataOffset });
    this.current = type === 'file' ? e : -1;
    if (e < 0 || type !== 'file') return undefined;
    if (header.size === 0) {
      this.builder.setHash(e, ...this.empty);
      return undefined;
    }
    const hasher = contentHasher(header.size);
    this.hasher = hasher;
    return (chunk) => hasher.update(chunk);
  }

  entryEnd(): void {
    if (this.current >= 0 && this.hasher) this.builder.setHash(this.current, ...this.hasher.digest());
    this.hasher = undefined;
    this.current = -1;
  }
}

/**
 * Turns tar headers into the layer index as the tar is parsed, hashing file content on the way
 * (dive hashes content too, to tell a modified file from an unmodified one). No object per entry
 * survives the entry.
 */
import { cleanPath, LayerIndexBuilder, TYPE_CODE } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { TarEntryHandler } from '../tar/tar-parser.js';
import type { TarHeader, TarType } from '../tar/tar-header.js';
import { ContentTap } from '../contents/content-tap.js';
import { contentHasher, emptyHash, type ContentHasher } from './content-hash.js';

export interface EntryLimits {
  maxEntries: number;
  maxPathBytes: number;
}

export const DEFAULT_ENTRY_LIMITS: EntryLimits = { maxEntries: 2_000_000, maxPathBytes: 64 * 1024 };

/** Tar types as the layer index's type codes. */
const ENTRY_TYPES: Record<TarType, number> = {
  file: TYPE_CODE.file,
  hardlink: TYPE_CODE.hardlink,
  symlink: TYPE_CODE.symlink,
  char: TYPE_CODE.char,
  block: TYPE_CODE.block,
  dir: TYPE_CODE.dir,
  fifo: TYPE_CODE.fifo,
  pax: TYPE_CODE.other,
  'pax-global': TYPE_CODE.other,
  'gnu-long-name': TYPE_CODE.other,
  'gnu-long-link': TYPE_CODE.other,
  other: TYPE_CODE.other,
};
const FILE = TYPE_CODE.file;

export class IndexCollector implements TarEntryHandler {
  readonly builder = new LayerIndexBuilder();
  private current = -1;
  private hasher: ContentHasher | undefined;
  private readonly empty = emptyHash();
  /** The content analyzers (packages, secrets) see the entries they ask for, in this same pass. */
  private readonly tap = new ContentTap();
  private tapped: ((chunk: Buffer) => void) | undefined;

  constructor(private readonly limits: EntryLimits = DEFAULT_ENTRY_LIMITS) {
    this.builder.contentScanned = true;
  }

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
    const { name, size, mode, uid, gid, linkname } = header;
    const path = cleanPath(name);
    const e = this.builder.addCleanEntry(path, type, size, mode, uid, gid, linkname, dataOffset);
    this.current = type === FILE ? e : -1;
    if (e < 0 || type !== FILE) return undefined;
    if (header.size === 0) {
      this.builder.setHash(e, ...this.empty);
      return undefined;
    }
    const hasher = contentHasher(header.size);
    this.hasher = hasher;
    const tapped = this.tap.start(path, 'file', size);
    this.tapped = tapped;
    if (!tapped) return (chunk) => hasher.update(chunk);
    return (chunk) => {
      hasher.update(chunk);
      tapped(chunk);
    };
  }

  entryEnd(): void {
    if (this.current >= 0 && this.hasher) this.builder.setHash(this.current, ...this.hasher.digest());
    if (this.tapped) {
      this.tap.end();
      this.tapped = undefined;
    }
    this.hasher = undefined;
    this.current = -1;
  }

  /** Move what the analyzers found onto the index being built. */
  finishContent(): void {
    this.builder.findings.push(...this.tap.findings);
  }
}

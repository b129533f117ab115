/**
 * Streaming tar parser for layer blobs: fed decompressed chunks, it calls back per entry and
 * passes entry data through without copying. It stops at the end-of-archive marker (a zero
 * header block), as Go's archive/tar does: whatever follows (an estargz TOC) is not content.
 */
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
  type TarHeader,
  type TarLimits,
  type TarType,
} from './tar-header.js';

export interface TarEntryHandler {
  /**
   * A real entry begins; return a sink for its data, or undefined to skip the data. `dataOffset`
   * is where its data starts in the tar stream (file reads seek there later).
   */
  entry(header: TarHeader, dataOffset: number): ((chunk: Buffer) => void) | undefined;
  /** The entry's data is complete. */
  entryEnd(): void;
}

type State = 'header' | 'data' | 'extension' | 'padding';

export class TarParser {
  /** The end-of-archive marker was read; later bytes are ignored. */
  ended = false;
  private state: State = 'header';
  private readonly block = Buffer.alloc(BLOCK);
  private filled = 0;
  private remaining = 0;
  private padding = 0;
  private sink: ((chunk: Buffer) => void) | undefined;
  private extension: { type: TarType; data: Buffer; filled: number } | undefined;
  private readonly ext: Extensions = emptyExtensions();
  private sawHeader = false;
  /** Bytes of the tar consumed: messages, and each entry's data offset. */
  private offset = 0;
  private headerStart = 0;

  constructor(
    private readonly handler: TarEntryHandler,
    private readonly limits: TarLimits = DEFAULT_TAR_LIMITS,
  ) {}

  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      const from = at;
      if (this.state === 'header') at = this.readHeader(chunk, at);
      else if (this.state === 'data') at = this.readData(chunk, at);
      else if (this.state === 'extension') at = this.readExtensionData(chunk, at);
      else at = this.skipPadding(chunk, at);
      this.offset += at - from;
    }
  }

  /** The input ended: fine at an entry boundary, an error inside an entry. */
  finish(): void {
    if (this.ended) return;
    if (this.state !== 'header' || this.filled !== 0) {
      const where = this.sawHeader ? 'inside a tar entry' : 'before the first tar header ended';
      throw new StrataError('CORRUPT', `unexpected EOF ${where} (the tar is truncated)`);
    }
    if (!this.sawHeader) throw new StrataError('CORRUPT', 'empty tar stream');
  }

  private readHeader(chunk: Buffer, at: number): number {
    if (this.filled === 0) this.headerStart = this.offset;
    const n = Math.min(BLOCK - this.filled, chunk.length - at);
    chunk.copy(this.block, this.filled, at, at + n);
    this.filled += n;
    if (this.filled < BLOCK) return at + n;
    this.filled = 0;
    if (isZeroBlock(this.block)) {
      this.ended = true;
      return at + n;
    }
    this.startEntry(this.decode(), this.headerStart + BLOCK);
    this.sawHeader = true;
    return at + n;
  }

  /** A bad first header means this is no tar at all; a bad later one, a damaged tar. */
  private decode(): TarHeader {
    try {
      return decodeHeader(this.block);
    } catch (err) {
      if (!this.sawHeader && !checksumMatches(this.block))
        throw new StrataError('CORRUPT', 'not a tar archive (its first header is invalid)');
      throw wrapError(`corrupt tar at byte ${this.headerStart}`, err);
    }
  }

  private startEntry(header: TarHeader, dataOffset: number): void {
    this.padding = paddedSize(header.size) - header.size;
    this.remaining = header.size;
    if (isExtension(header.type)) {
      checkExtension(header, this.ext, this.limits);
      this.extension = { type: header.type, data: Buffer.alloc(header.size), filled: 0 };
      this.state = 'extension';
      return;
    }
    const entry = applyExtensions(header, this.ext);
    this.padding = paddedSize(entry.size) - entry.size;
    this.remaining = entry.size;
    this.sink = this.handler.entry(entry, dataOffset);
    this.state = 'data';
    if (this.remaining === 0) this.endData();
  }

  private readData(chunk: Buffer, at: number): number {
    const n = Math.min(this.remaining, chunk.length - at);
    this.sink?.(chunk.subarray(at, at + n));
    this.remaining -= n;
    if (this.remaining === 0) this.endData();
    return at + n;
  }

  private endData(): void {
    this.handler.entryEnd();
    this.sink = undefined;
    this.state = this.padding > 0 ? 'padding' : 'header';
  }

  private readExtensionData(chunk: Buffer, at: number): number {
    const ext = this.extension as { type: TarType; data: Buffer; filled: number };
    const n = Math.min(ext.data.length - ext.filled, chunk.length - at);
    chunk.copy(ext.data, ext.filled, at, at + n);
    ext.filled += n;
    if (ext.filled === ext.data.length) {
      readExtension(this.ext, ext.type, ext.data);
      this.extension = undefined;
      this.state = this.padding > 0 ? 'padding' : 'header';
    }
    return at + n;
  }

  private skipPadding(chunk: Buffer, at: number): number {
    const n = Math.min(this.padding, chunk.length - at);
    this.padding -= n;
    if (this.padding === 0) this.state = 'header';
    return at + n;
  }
}

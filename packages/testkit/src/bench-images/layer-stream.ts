import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { LayerBlob } from '../archive-builder/layer-blob';
import { HashStream } from '../archive-builder/hash-stream';
import { BLOCK, paddingOf, writeHeader, type TarHeader } from './ustar';

/** Headers and small bodies are gathered into chunks this big before they go to gzip. */
const CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(2 * BLOCK);

/**
 * A layer tar written straight into gzip and a file, one pass, bounded memory: the tar bytes are
 * hashed on the way in (diff_id), the gzip bytes on the way out (blob digest). Producers add
 * entries synchronously and `await stream.room()` now and then, which waits for gzip to drain.
 */
export class LayerStream {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private readonly tarHash = createHash('sha256');
  private tarSize = 0;
  private readonly gzip;
  private readonly blobHash = new HashStream();
  private readonly done: Promise<void>;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly file: string,
    level: number,
  ) {
    this.gzip = createGzip({ level });
    this.done = pipeline(this.gzip, this.blobHash, createWriteStream(file));
    // A failed pipeline rejects `done`; `finish` awaits it, and this keeps it from being unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  /** One entry with its (small, in-memory) body. */
  add(header: TarHeader, body?: Buffer): void {
    const size = body?.length ?? 0;
    if (header.type === 'file' && header.size !== undefined && header.size !== size)
      throw new Error(`tar: ${header.path}: header says ${header.size} bytes, body has ${size}`);
    this.reserve(BLOCK);
    writeHeader(this.chunk, this.pos, { ...header, size });
    this.pos += BLOCK;
    if (body && size > 0) {
      this.bytes(body);
      this.end(size);
    }
  }

  /** A header whose `size` bytes of data follow through `data()` calls (big files). */
  begin(header: TarHeader & { size: number }): void {
    this.reserve(BLOCK);
    writeHeader(this.chunk, this.pos, header);
    this.pos += BLOCK;
  }

  /** Body bytes of the entry opened by `begin`; call `end(size)` after the last one. */
  data(bytes: Buffer): void {
    this.bytes(bytes);
  }

  end(size: number): void {
    this.bytes(ZEROS.subarray(0, paddingOf(size)));
  }

  /** Resolves when gzip can take more; call it between entries. */
  async room(): Promise<void> {
    if (this.pending) await this.pending;
  }

  /** Writes the end-of-archive blocks, flushes, and describes the blob. */
  async finish(): Promise<LayerBlob> {
    this.bytes(ZEROS);
    this.flush();
    await this.room();
    this.gzip.end();
    await this.done;
    const diffId = `sha256:${this.tarHash.digest('hex')}`;
    return {
      file: this.file,
      compression: 'gzip',
      diffId,
      uncompressedSize: this.tarSize,
      digest: this.blobHash.digest(),
      size: this.blobHash.size,
    };
  }

  private bytes(bytes: Buffer): void {
    if (bytes.length >= CHUNK / 4) {
      // Big pieces skip the copy: flush what is gathered, then hand the piece over as it is.
      this.flush();
      this.push(bytes);
      return;
    }
    this.reserve(bytes.length);
    bytes.copy(this.chunk, this.pos);
    this.pos += bytes.length;
  }

  private reserve(n: number): void {
    if (this.pos + n > CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pos === 0) return;
    const full = this.chunk.subarray(0, this.pos);
    // zlib keeps a reference to what it was given until it has read it: never reuse it.
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    this.push(full);
  }

  private push(bytes: Buffer): void {
    this.tarHash.update(bytes);
    this.tarSize += bytes.length;
    if (!this.gzip.write(bytes) && !this.pending) {
      this.pending = new Promise<void>((resolve) =>
        this.gzip.once('drain', () => {
          this.pending = null;
          resolve();
        }),
      );
    }
  }
}

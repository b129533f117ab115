/**
 * Layer blobs as stored (still compressed), content-addressed by the sha256 of their bytes
 * (`blobs/sha256/<hex>`), shared by every analysis that has the layer. Bounded: a blob that does
 * not fit the budget is not kept; `sweep` drops blobs no kept analysis references.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform, type Writable } from 'node:stream';

export interface BlobWriter {
  sink: Writable;
  commit(): Promise<string>;
  abort(): Promise<void>;
}

export class BlobStore {
  private readonly sizes = new Map<string, number>();
  /** Bytes promised to writers still running (they count against the budget). */
  private pending = 0;

  private constructor(
    private readonly dir: string,
    private readonly tmpDir: string,
    readonly maxBytes: number,
  ) {}

  static async open(dataDir: string, maxBytes: number): Promise<BlobStore> {
    const store = new BlobStore(join(dataDir, 'blobs', 'sha256'), join(dataDir, 'tmp'), maxBytes);
    await mkdir(store.dir, { recursive: true });
    for (const name of await readdir(store.dir)) {
      if (!/^[0-9a-f]{64}$/.test(name)) {
        await rm(join(store.dir, name), { force: true });
        continue;
      }
      store.sizes.set(`sha256:${name}`, (await stat(join(store.dir, name))).size);
    }
    return store;
  }

  get totalBytes(): number {
    let sum = 0;
    for (const n of this.sizes.values()) sum += n;
    return sum;
  }

  has(digest: string): boolean {
    return this.sizes.has(digest);
  }

  open(digest: string): Readable {
    return createReadStream(this.pathOf(digest));
  }

  /**
   * The blob from byte `start` on (a seek into a layer): read in 1 MiB pieces, since a read from a
   * checkpoint takes up to a span's compressed bytes (stored blocks: all of it) in one go.
   */
  openAt(digest: string, start: number): Readable {
    return createReadStream(this.pathOf(digest), { start, highWaterMark: 1 << 20 });
  }

  /**
   * Stores a stream of `size` bytes; resolves to its digest, or undefined when it would not fit.
   * Written beside the upload in tmp/ and renamed in, so a reader never sees half a blob.
   */
  async put(source: () => Promise<Readable>, size: number): Promise<string | undefined> {
    const writer = await this.writer(size);
    if (!writer) return undefined;
    try {
      await pipeline(await source(), writer.sink);
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return writer.commit();
  }

  /**
   * A sink that hashes and stores what is written to it (a tee of a stream read anyway, such as a
   * registry blob while it is decoded); `commit` once it has ended, `abort` on failure.
   */
  async writer(size: number): Promise<BlobWriter | undefined> {
    if (this.totalBytes + this.pending + size > this.maxBytes) return undefined;
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `blob-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const hash = createHash('sha256');
    let bytes = 0;
    this.pending += size;
    const release = (() => {
      let done = false;
      return () => {
        if (!done) this.pending -= size;
        done = true;
      };
    })();
    const file = createWriteStream(tmp);
    const sink = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    sink.pipe(file);
    const written = new Promise<void>((resolve, reject) => {
      file.once('finish', resolve);
      file.once('error', reject);
    });
    return {
      sink,
      commit: async () => {
        try {
          await written;
          const digest = `sha256:${hash.digest('hex')}`;
          if (!this.sizes.has(digest)) await rename(tmp, this.pathOf(digest));
          this.sizes.set(digest, bytes);
          return digest;
        } finally {
          release();
          await rm(tmp, { force: true });
        }
      },
      abort: async () => {
        release();
        sink.destroy();
        file.destroy();
        await rm(tmp, { force: true });
      },
    };
  }

  /** Drop every blob not in `keep`. */
  async sweep(keep: ReadonlySet<string>): Promise<void> {
    for (const digest of [...this.sizes.keys()]) {
      if (keep.has(digest)) continue;
      this.sizes.delete(digest);
      await rm(this.pathOf(digest), { force: true });
    }
  }

  private pathOf(digest: string): string {
    const hex = digest.slice('sha256:'.length);
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
    return join(this.dir, hex);
  }
}

/**
 * Random access into kept layer blobs for the file API (issue 11; DESIGN.md "The data's way
 * through" 5: a file read decodes at most one checkpoint span). A gzip blob's seek index (zran.c
 * style checkpoints, built in the decode pass: @strata/image contents/gzip-index.ts) is stored
 * beside the blob store by the blob's digest (`seek-indexes/<hex>.gz`), shared by every analysis
 * that has the layer, dropped when its blob is. A layer whose index came without one (from the
 * layer cache) gets it built in the background after its analysis: the blob decoded once more
 * by the decoder (the worker pool in production, off the main thread), one blob at a time, a
 * bounded queue; reads until then decode from the start. Loaded indexes stay in memory within
 * a byte budget (a 1 GiB layer has about 256 checkpoints, 8 MiB of windows), least recently used
 * evicted.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeLayer,
  unpackSeekIndex,
  type BlobDecoder,
  type GzipCheckpoint,
  type SeekableBlob,
} from '@strata/image';
import type { BlobStore } from './blob-store.js';

export interface SeekIndexOptions {
  /** Decodes a blob for an index the decode pass did not leave; this thread by default. */
  rebuild?: BlobDecoder;
  /** Bytes of windows kept in memory. */
  memoryBytes?: number;
  /** Blobs waiting for a background build, at most. */
  queueMax?: number;
}

const MEMORY_BYTES = 64 * 1024 * 1024;
const QUEUE_MAX = 32;

export class SeekIndexes {
  private readonly loaded = new Map<string, GzipCheckpoint[]>();
  private loadedBytes = 0;
  private readonly queue: string[] = [];
  private building: Promise<void> | undefined;
  private readonly rebuild: BlobDecoder;
  private readonly memoryBytes: number;
  private readonly queueMax: number;

  private constructor(
    private readonly dir: string,
    private readonly blobs: BlobStore,
    options: SeekIndexOptions,
  ) {
    this.rebuild = options.rebuild ?? decodeLayer;
    this.memoryBytes = options.memoryBytes ?? MEMORY_BYTES;
    this.queueMax = options.queueMax ?? QUEUE_MAX;
  }

  static async open(dataDir: string, blobs: BlobStore, options: SeekIndexOptions = {}): Promise<SeekIndexes> {
    const indexes = new SeekIndexes(join(dataDir, 'seek-indexes'), blobs, options);
    await mkdir(indexes.dir, { recursive: true });
    return indexes;
  }

  /** Keeps a blob's packed seek index (from the decode pass). */
  async put(digest: string, packed: Uint8Array): Promise<void> {
    const path = this.pathOf(digest);
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, packed);
    await rename(tmp, path);
    this.forget(digest);
  }

  async has(digest: string): Promise<boolean> {
    return stat(this.pathOf(digest)).then(
      () => true,
      () => false,
    );
  }

  /** Random access to a kept blob; a gzip blob seeks once its index exists. */
  async seekable(digest: string, compression: SeekableBlob['compression']): Promise<SeekableBlob> {
    const blob: SeekableBlob = { compression, openAt: async (start) => this.blobs.openAt(digest, start) };
    if (compression !== 'gzip') return blob;
    const checkpoints = await this.load(digest);
    return checkpoints ? { ...blob, checkpoints } : blob;
  }

  /** Builds a kept gzip blob's index in the background (after the analysis that kept it). */
  schedule(digest: string): void {
    if (this.queue.includes(digest) || this.queue.length >= this.queueMax) return;
    this.queue.push(digest);
    this.building ??= this.drain().finally(() => (this.building = undefined));
  }

  /** Resolves when no background build is queued or running (tests, the bench). */
  async idle(): Promise<void> {
    while (this.building) await this.building;
  }

  /** Drops the index of every blob not in `keep`. */
  async sweep(keep: ReadonlySet<string>): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const digest = /^([0-9a-f]{64})\.gz$/.exec(name)?.[1];
      if (digest && keep.has(`sha256:${digest}`)) continue;
      if (digest) this.forget(`sha256:${digest}`);
      await rm(join(this.dir, name), { force: true });
    }
  }

  private async drain(): Promise<void> {
    for (let digest = this.queue[0]; digest; this.queue.shift(), digest = this.queue[0]) {
      if (!this.blobs.has(digest) || (await this.has(digest))) continue;
      const index = await this.rebuild(
        {
          open: async () => this.blobs.open(digest),
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          size: 0,
        },
        {},
      ).catch(() => undefined); // not decodable after all: reads decode from the start, as before
      if (index?.seekIndex && this.blobs.has(digest)) await this.put(digest, index.seekIndex);
    }
  }

  private async load(digest: string): Promise<GzipCheckpoint[] | undefined> {
    const hit = this.loaded.get(digest);
    if (hit) {
      this.loaded.delete(digest);
      this.loaded.set(digest, hit); // most recently used last
      return hit;
    }
    const packed = await readFile(this.pathOf(digest)).catch(() => undefined);
    const checkpoints = packed ? await unpackSeekIndex(packed).catch(() => undefined) : undefined;
    if (!checkpoints) return undefined;
    this.loaded.set(digest, checkpoints);
    this.loadedBytes += windowBytes(checkpoints);
    for (const [old] of this.loaded) {
      if (this.loadedBytes <= this.memoryBytes || old === digest) break;
      this.forget(old);
    }
    return checkpoints;
  }

  /** How many indexes are in memory (tests: the budget holds). */
  get loadedCount(): number {
    return this.loaded.size;
  }

  private forget(digest: string): void {
    const checkpoints = this.loaded.get(digest);
    if (!checkpoints) return;
    this.loaded.delete(digest);
    this.loadedBytes -= windowBytes(checkpoints);
  }

  private pathOf(digest: string): string {
    const hex = digest.slice('sha256:'.length);
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
    return join(this.dir, `${hex}.gz`);
  }
}

const windowBytes = (checkpoints: readonly GzipCheckpoint[]): number =>
  checkpoints.reduce((n, cp) => n + cp.window.length, 0);

/**
 * Random access into kept gzip layer blobs for the file API (DESIGN.md "The data's way through"
 * 5: a file read decodes at most one checkpoint span). The checkpoints (zran.c style, every
 * 4 MiB of output with the 32 KiB window) are built once per blob digest on its first read, in
 * the background of that read's own decode, and kept for the next reads; building them costs a
 * few gunzips of the layer (a JS inflater that can stop at block boundaries), which is why the
 * decode pass does not do it for every layer.
 */
import { buildGzipIndex, type GzipCheckpoint, type SeekableBlob } from '@strata/image';
import type { BlobStore } from './blob-store.js';

/** Layers whose checkpoints stay in memory (a 1 GB layer's take about 8 MB). */
const KEPT = 16;

export class SeekIndexes {
  private readonly built = new Map<string, GzipCheckpoint[]>();
  private readonly building = new Map<string, Promise<void>>();

  constructor(private readonly blobs: BlobStore) {}

  /** Random access to a kept blob; gzip blobs seek once their checkpoints exist. */
  seekable(digest: string, compression: SeekableBlob['compression']): SeekableBlob {
    const blob: SeekableBlob = { compression, openAt: async (start) => this.blobs.openAt(digest, start) };
    if (compression !== 'gzip') return blob;
    const checkpoints = this.built.get(digest);
    if (checkpoints) return { ...blob, checkpoints };
    this.build(digest);
    return blob;
  }

  /** Wait for a blob's checkpoints (tests, the bench). */
  async ready(digest: string): Promise<void> {
    await this.building.get(digest);
  }

  private build(digest: string): void {
    if (this.building.has(digest)) return;
    const work = buildGzipIndex(this.blobs.open(digest))
      .then((checkpoints) => {
        this.built.set(digest, checkpoints);
        if (this.built.size > KEPT) this.built.delete(this.built.keys().next().value as string);
      })
      .catch(() => {}) // not seekable after all: reads decode from the start, as before
      .finally(() => this.building.delete(digest));
    this.building.set(digest, work);
  }
}

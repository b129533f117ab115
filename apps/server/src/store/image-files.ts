/**
 * What serving an analysed image's files needs, kept beside its result: each layer's index
 * (`contents/<id>.json.gz` names the layers; `contents/<id>.<i>.index.gz` is layer i's packed
 * index, which says where every entry's data is in its tar) and its blob in the BlobStore
 * (`contents/<id>.blobs.json` lists them). Dropped when the result is evicted or deleted (`sweep`).
 */
import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { unpackLayerIndex, type LayerIndex } from '@strata/analysis';
import {
  openImageFile,
  StrataError,
  type BlobDecoder,
  type Image,
  type ImageFile,
  type Layer,
} from '@strata/image';
import type { BlobStore } from './blob-store.js';
import { SeekIndexes } from './seek-indexes.js';
import { teeBlobs, type TeedImage } from './blob-tee.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** What keeping a layer's seek index needs from its decoded index (taken before it is packed). */
export type LayerSeek = Pick<LayerIndex, 'compression' | 'seekIndex'>;

interface StoredLayer {
  /** sha256 of the stored blob in the BlobStore; null when it did not fit. */
  blob: string | null;
  mediaType: string;
  size: number;
}

interface Loaded {
  layers: Array<Layer | undefined>;
  trees: LayerIndex[];
}

const LOADED_MAX = 4;

export class ImageFiles {
  private readonly refs = new Map<string, string[]>();
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private constructor(
    private readonly dir: string,
    private readonly blobs: BlobStore,
    /** gzip checkpoints of the kept blobs, by blob digest (built in the decode pass). */
    readonly seeks: SeekIndexes,
  ) {}

  /** `rebuild` decodes a kept blob whose seek index the decode pass did not leave (the worker pool). */
  static async open(dataDir: string, blobs: BlobStore, rebuild?: BlobDecoder): Promise<ImageFiles> {
    const seeks = await SeekIndexes.open(dataDir, blobs, rebuild ? { rebuild } : {});
    const files = new ImageFiles(join(dataDir, 'contents'), blobs, seeks);
    await mkdir(files.dir, { recursive: true });
    for (const name of await readdir(files.dir)) {
      const id = /^(.+)\.blobs\.json$/.exec(name)?.[1];
      if (!id) continue;
      const refs = JSON.parse(await readFile(join(files.dir, name), 'utf8')) as unknown;
      if (Array.isArray(refs))
        files.refs.set(
          id,
          refs.filter((r): r is string => typeof r === 'string'),
        );
    }
    return files;
  }

  /**
   * Keeps the blobs and entries (each layer index packed) of an image just analysed as `id`, and
   * each gzip layer's seek index from its decode pass (`seeks`, by layer), by blob digest.
   */
  async keep(
    id: string,
    image: Image,
    packedLayers: readonly Uint8Array[],
    seeks: readonly LayerSeek[] = [],
  ): Promise<void> {
    const layers = await image.layers();
    const stored: StoredLayer[] = [];
    for (const [i, layer] of layers.entries()) {
      const blob = this.blobs.has(layer.digest)
        ? layer.digest
        : await this.blobs.put(() => layer.open(), layer.size);
      stored.push({ blob: blob ?? null, mediaType: layer.mediaType, size: layer.size });
      await this.write(`${id}.${i}.index.gz`, await gzipAsync(packedLayers[i] as Uint8Array));
      const seek = seeks[i];
      if (blob && seek) await this.keepSeekIndex(blob, seek);
    }
    const refs = stored.flatMap((l) => (l.blob ? [l.blob] : []));
    await this.write(`${id}.json.gz`, await gzipAsync(JSON.stringify({ layers: stored })));
    await this.write(`${id}.blobs.json`, JSON.stringify(refs));
    this.refs.set(id, refs);
    this.loaded.delete(id);
  }

  /** The decode pass's seek index by blob digest; without one, built in the background. */
  private async keepSeekIndex(blob: string, seek: LayerSeek): Promise<void> {
    if (seek.compression !== 'gzip') return;
    if (seek.seekIndex) await this.seeks.put(blob, seek.seekIndex);
    else if (!(await this.seeks.has(blob))) this.seeks.schedule(blob);
  }

  /** The image with its layer streams teed into the blob store (see blob-tee.ts). */
  tee(image: Image): TeedImage {
    return teeBlobs(image, this.blobs);
  }

  has(id: string): boolean {
    return this.refs.has(id);
  }

  /** A file as layer `layer` (default: the last) shows it. */
  async openFile(
    id: string,
    path: string,
    layer: number | undefined,
  ): Promise<ImageFile & { layerCount: number }> {
    const { layers, trees } = await this.load(id);
    const upTo = layer ?? trees.length - 1;
    const readable = layers.map(
      (l, i): Layer =>
        l ?? {
          digest: '',
          diffId: '',
          size: 0,
          mediaType: '',
          open: () =>
            Promise.reject(
              new StrataError('NOT_FOUND', `the bytes of layer ${i} were not kept (storage budget)`),
            ),
        },
    );
    const seekable = async (i: number) => {
      const kept = layers[i];
      const index = trees[i];
      return kept && index ? this.seeks.seekable(kept.digest, index.compression) : undefined;
    };
    return { ...(await openImageFile(readable, trees, path, upTo, { seekable })), layerCount: trees.length };
  }

  /** Forget every image whose result is gone, then every blob no kept image references. */
  async sweep(liveIds: ReadonlySet<string>): Promise<void> {
    for (const id of [...this.refs.keys()]) {
      if (liveIds.has(id)) continue;
      this.refs.delete(id);
      this.loaded.delete(id);
      const layers = await this.layerCount(id);
      await rm(join(this.dir, `${id}.json.gz`), { force: true });
      await rm(join(this.dir, `${id}.blobs.json`), { force: true });
      for (let i = 0; i < layers; i++) await rm(join(this.dir, `${id}.${i}.index.gz`), { force: true });
    }
    const kept = new Set([...this.refs.values()].flat());
    await this.blobs.sweep(kept);
    await this.seeks.sweep(kept);
  }

  private load(id: string): Promise<Loaded> {
    let loading = this.loaded.get(id);
    if (!loading) {
      loading = this.read(id);
      loading.catch(() => this.loaded.delete(id));
      this.loaded.set(id, loading);
      if (this.loaded.size > LOADED_MAX) this.loaded.delete(this.loaded.keys().next().value as string);
    }
    return loading;
  }

  private async read(id: string): Promise<Loaded> {
    if (!this.refs.has(id)) throw new StrataError('NOT_FOUND', `the files of analysis ${id} were not kept`);
    const raw = await readFile(join(this.dir, `${id}.json.gz`));
    const { layers } = JSON.parse((await gunzipAsync(raw)).toString('utf8')) as { layers: StoredLayer[] };
    const trees = await Promise.all(
      layers.map(async (_, i) =>
        unpackLayerIndex(
          new Uint8Array(await gunzipAsync(await readFile(join(this.dir, `${id}.${i}.index.gz`)))),
        ),
      ),
    );
    return { trees, layers: layers.map((l) => (l.blob ? this.blobLayer(l.blob, l) : undefined)) };
  }

  /** How many layer index files an image kept (0 when its list is gone). */
  private async layerCount(id: string): Promise<number> {
    try {
      const raw = await readFile(join(this.dir, `${id}.json.gz`));
      return (JSON.parse((await gunzipAsync(raw)).toString('utf8')) as { layers: unknown[] }).layers.length;
    } catch {
      return 0;
    }
  }

  private blobLayer(blob: string, l: StoredLayer): Layer {
    return {
      digest: blob,
      diffId: '',
      size: l.size,
      mediaType: l.mediaType,
      open: async () => {
        if (!this.blobs.has(blob)) throw new StrataError('NOT_FOUND', `layer blob ${blob} is no longer kept`);
        return this.blobs.open(blob);
      },
    };
  }

  private async write(name: string, data: Buffer | string): Promise<void> {
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(this.dir, name));
  }
}

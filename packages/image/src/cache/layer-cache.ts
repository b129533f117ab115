/**
 * Decoded layers cached on disk by blob digest (DESIGN.md "Layer index"): an image that shares
 * base layers with one seen before downloads and decodes only its new layers. Content-addressed
 * files written atomically (temp + rename), so concurrent readers and writers are safe; a size
 * budget evicts the least recently used (reads refresh a file's mtime).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { packLayerIndex, unpackLayerIndex, type LayerIndex } from '@strata/analysis';
import { isDigest } from '../spec/digest.js';
import type { Layer } from '../image.js';
import type { DecodeOptions } from '../layer/decode-layer.js';
import type { LayerDecoder } from '../layer/worker-decoder.js';

// Async zlib: compressing an index of a million entries must not block a server's event loop.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const SUFFIX = '.layer-index.gz';

export interface LayerCacheOptions {
  dir: string;
  /** Evict least recently used layers beyond this many bytes (default 1 GiB). */
  maxBytes?: number;
}

export class LayerCache {
  readonly hits: string[] = [];
  private readonly maxBytes: number;

  constructor(private readonly options: LayerCacheOptions) {
    this.maxBytes = options.maxBytes ?? 1024 ** 3;
  }

  async get(digest: string): Promise<LayerIndex | undefined> {
    const path = this.pathOf(digest);
    if (!path) return undefined;
    try {
      const index = unpackLayerIndex(new Uint8Array(await gunzipAsync(await readFile(path))));
      const now = new Date();
      await utimes(path, now, now).catch(() => {});
      return index.digest === digest ? index : undefined;
    } catch {
      return undefined; // missing, from another version, or torn by a crash: decode again
    }
  }

  async put(layer: LayerIndex): Promise<void> {
    const path = this.pathOf(layer.digest);
    if (!path) return;
    await mkdir(this.options.dir, { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, await gzipAsync(packLayerIndex(layer), { level: 1 }));
    await rename(temp, path);
    await this.evict();
  }

  /** Wrap a decoder: cached layers are not read at all (no bytes transferred). */
  decoder(inner: LayerDecoder): LayerDecoder {
    return async (layer: Layer, options: DecodeOptions) => {
      const cached = await this.get(layer.digest);
      if (cached) {
        this.hits.push(layer.digest);
        options.onBytes?.(layer.size);
        return cached;
      }
      const decoded = await inner(layer, options);
      await this.put(decoded);
      return decoded;
    };
  }

  private pathOf(digest: string): string | undefined {
    return isDigest(digest) ? join(this.options.dir, `${digest.replace(':', '-')}${SUFFIX}`) : undefined;
  }

  private async evict(): Promise<void> {
    const names = (await readdir(this.options.dir)).filter((n) => n.endsWith(SUFFIX));
    const files = await Promise.all(
      names.map(async (n) => ({
        path: join(this.options.dir, n),
        ...(await stat(join(this.options.dir, n)).catch(() => undefined)),
      })),
    );
    const live = files.filter(
      (f): f is typeof f & { size: number; mtimeMs: number } => typeof f.size === 'number',
    );
    let total = live.reduce((sum, f) => sum + f.size, 0);
    for (const file of live.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
      if (total <= this.maxBytes) break;
      await rm(file.path, { force: true });
      total -= file.size;
    }
  }
}

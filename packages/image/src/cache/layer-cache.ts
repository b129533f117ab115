/**
 * Decoded layers cached on disk by blob digest (DESIGN.md "Layer index"): an image that shares
 * base layers with one seen before downloads and decodes only its new layers. Content-addressed
 * files written atomically (temp + rename), so concurrent readers and writers are safe; a size
 * budget evicts the least recently used (reads refresh a file's mtime).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { LayerInput } from '@strata/analysis';
import { isDigest } from '../spec/digest.js';
import type { Layer } from '../image.js';
import type { DecodeOptions } from '../layer/decode-layer.js';
import type { LayerDecoder } from '../layer/worker-decoder.js';
import { decodeLayerDocument, encodeLayer, type LayerDocument } from './layer-codec.js';

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

  async get(digest: string): Promise<LayerInput | undefined> {
    const path = this.pathOf(digest);
    if (!path) return undefined;
    try {
      const doc = JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as LayerDocument;
      const now = new Date();
      await utimes(path, now, now).catch(() => {});
      return doc.v === 1 && doc.digest === digest ? decodeLayerDocument(doc) : undefined;
    } catch {
      return undefined; // missing, or torn by a crash: decode again
    }
  }

  async put(layer: LayerInput): Promise<void> {
    const path = this.pathOf(layer.digest);
    if (!path) return;
    await mkdir(this.options.dir, { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, gzipSync(JSON.stringify(encodeLayer(layer)), { level: 1 }));
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
        return { ...cached, diffId: layer.diffId, mediaType: layer.mediaType };
      }
      const decoded = await inner(layer, options);
      await this.put(decoded);
      return decoded;
    };
  }

  private pathOf(digest: string): string | undefined {
    return isDigest(digest) ? join(this.options.dir, `${digest.replace(':', '-')}.layer.json.gz`) : undefined;
  }

  private async evict(): Promise<void> {
    const names = (await readdir(this.options.dir)).filter((n) => n.endsWith('.layer.json.gz'));
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

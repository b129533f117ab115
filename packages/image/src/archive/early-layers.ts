/**
 * Decode layers while an archive is still arriving (an upload): the bytes pass through a
 * streaming tar parser on their way to disk, and every blob that looks like a layer is decoded
 * as it streams. When the whole archive is there and its manifest and config are read, each
 * layer is matched to an early result by content (blob digest, or diff_id), so nothing is
 * trusted that was not verified, and the result is ready soon after the last byte.
 *
 * It never slows the upload: a blob whose decoding falls too far behind the arriving bytes, or
 * that finds too many blobs already waiting for a worker, is left to be decoded after the upload,
 * as is everything in a compressed archive (`docker save | gzip`).
 */
import { PassThrough, Writable } from 'node:stream';
import type { LayerIndex } from '@strata/analysis';
import type { Layer } from '../image.js';
import type { DecodeOptions } from '../layer/decode-layer.js';
import type { BlobDecoder, BlobSource } from '../layer/decode-layer.js';
import type { LayerDecoder } from '../layer/worker-decoder.js';
import { sniffCompression } from '../layer/compression.js';
import type { TarHeader } from '../tar/tar-header.js';
import { TarParser, type TarEntryHandler } from '../tar/tar-parser.js';

/** Tiny files are never layers (the smallest gzipped empty tar is over 32 bytes); JSON is skipped by its first byte. */
const MIN_LAYER_BYTES = 32;
const JSON_START = 0x7b; // '{'
/** Bytes received but not yet taken by a decoder (all blobs together) before a blob is left for later. */
const MAX_BUFFERED = 16 * 1024 * 1024;

export class EarlyLayers {
  private readonly results: Array<Promise<LayerIndex | undefined>> = [];
  private parser: TarParser | undefined;
  private current: PassThrough | undefined;
  private followed = true;
  /** Blobs whose decoding has not finished, with what they still buffer. */
  private readonly feeds = new Set<PassThrough>();

  constructor(
    private readonly decode: BlobDecoder,
    private readonly options: Pick<DecodeOptions, 'limits' | 'signal'> = {},
  ) {}

  /** Where the arriving bytes go, beside the file; it never fails the upload. */
  writable(): Writable {
    return new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _enc, cb) => this.take(chunk, cb),
      final: (cb) => {
        this.current?.end();
        cb();
      },
      destroy: (err, cb) => {
        this.current?.destroy();
        cb(err);
      },
    });
  }

  /** A decoder that serves layers decoded early and decodes the others with `fallback`. */
  decoder(fallback: LayerDecoder): LayerDecoder {
    return async (layer, options) => {
      const early = await this.find(layer);
      if (!early) return fallback(layer, options);
      options.onBytes?.(layer.size);
      return early;
    };
  }

  private take(chunk: Buffer, cb: (err?: Error | null) => void): void {
    if (!this.followed) return cb();
    if (!this.parser) this.start(chunk);
    try {
      this.parser?.write(chunk);
    } catch {
      this.stop(); // not a tar we can follow: the normal path will say what is wrong
    }
    cb();
  }

  private start(first: Buffer): void {
    if (compressed(first)) {
      this.followed = false;
      return;
    }
    this.parser = new TarParser(this.handler());
  }

  private handler(): TarEntryHandler {
    return {
      entry: (header: TarHeader) =>
        header.type === 'file' && header.size >= MIN_LAYER_BYTES ? this.blob(header) : undefined,
      entryEnd: () => {
        this.current?.end();
        this.current = undefined;
      },
    };
  }

  /** A sink for one blob: decoding starts at its first byte, unless that byte opens a JSON document. */
  private blob(header: TarHeader): (chunk: Buffer) => void {
    let decided = false;
    return (chunk) => {
      if (!decided) {
        decided = true;
        if (chunk[0] === JSON_START || this.buffered() > MAX_BUFFERED) return;
        this.current = new PassThrough({ highWaterMark: 1 << 20 });
        // A blob left behind is destroyed, maybe before a decoder listens: that must not crash.
        this.current.on('error', () => {});
        this.results.push(this.decodeBlob(this.current, header.size));
      }
      const feed = this.current;
      if (!feed || feed.destroyed) return;
      if (this.buffered() > MAX_BUFFERED) feed.destroy(new Error('decoding fell behind the upload'));
      else feed.write(chunk);
    };
  }

  private decodeBlob(feed: PassThrough, size: number): Promise<LayerIndex | undefined> {
    // What the blob is becomes known only when the manifest arrives: find() matches by what was measured.
    const blob: BlobSource = { size, mediaType: '', open: async () => feed };
    this.feeds.add(feed);
    // Not a layer after all, or left behind: the layer is decoded after the upload instead.
    return this.decode(blob, this.options)
      .catch(() => undefined)
      .finally(() => this.feeds.delete(feed));
  }

  private buffered(): number {
    let total = 0;
    for (const feed of this.feeds) total += feed.writableLength + feed.readableLength;
    return total;
  }

  private stop(): void {
    this.followed = false;
    this.current?.end();
    this.current = undefined;
  }

  /** Verified by the caller (verifyLayer) like any decoded layer. */
  private async find(layer: Layer): Promise<LayerIndex | undefined> {
    const decoded = (await Promise.all(this.results)).filter((r): r is LayerIndex => r !== undefined);
    return decoded.find((r) => r.digest === layer.digest) ?? decoded.find((r) => r.diffId === layer.diffId);
  }
}

/** A compressed (or unsupported, e.g. bzip2) archive is not followed: the normal path reads or refuses it. */
function compressed(head: Buffer): boolean {
  try {
    return sniffCompression(head) !== 'none';
  } catch {
    return true;
  }
}

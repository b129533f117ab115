/**
 * Keeps layer blobs while the analysis reads them: each layer's `open()` stream is teed into the
 * BlobStore, so a registry blob is downloaded once (for the decode pass) and its bytes stay for
 * the file API. A layer the decoder never opens (its result came from the layer cache) is not teed.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { Image, Layer } from '@strata/image';
import type { BlobStore, BlobWriter } from './blob-store.js';

export interface TeedImage {
  image: Image;
  /** Blob digests kept by layer digest, once each tee has ended. */
  settled(): Promise<Map<string, string>>;
}

export function teeBlobs(image: Image, blobs: BlobStore): TeedImage {
  const kept = new Map<string, string>();
  const running: Array<Promise<void>> = [];
  const wrap = (layer: Layer): Layer => ({
    digest: layer.digest,
    diffId: layer.diffId,
    size: layer.size,
    mediaType: layer.mediaType,
    open: async () => {
      const source = await layer.open();
      if (blobs.has(layer.digest)) return source;
      const writer = await blobs.writer(layer.size);
      if (!writer) return source;
      const out = new PassThrough({ highWaterMark: 1 << 20 });
      running.push(
        settle(source, out, writer).then((digest) => void (digest && kept.set(layer.digest, digest))),
      );
      return out;
    },
  });
  const teed: Image = {
    source: image.source,
    digest: () => image.digest(),
    manifest: () => image.manifest(),
    config: () => image.config(),
    names: () => image.names(),
    close: () => image.close(),
    layers: async () => (await image.layers()).map(wrap),
  };
  return { image: teed, settled: async () => (await Promise.all(running), kept) };
}

/** Source → consumer and store; the blob is committed only if the whole stream went through. */
function settle(source: Readable, out: PassThrough, writer: BlobWriter): Promise<string | undefined> {
  return new Promise((resolve) => {
    let failed = false;
    const fail = (err?: Error): void => {
      if (failed) return;
      failed = true;
      out.destroy(err);
      source.destroy();
      void writer.abort().then(() => resolve(undefined));
    };
    source.once('error', fail);
    out.once('close', () => {
      if (!source.readableEnded) fail();
    });
    writer.sink.once('error', fail);
    source.pipe(out);
    source.pipe(writer.sink);
    source.once('end', () => {
      if (failed) return;
      void writer.commit().then(resolve, () => resolve(undefined));
    });
  });
}

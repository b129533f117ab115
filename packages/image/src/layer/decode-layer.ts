/**
 * Read one layer blob end to end in a single pass: hash the stored bytes (blob digest), sniff
 * and decompress, hash the tar (diff_id), parse its entries into the layer index. Nothing is held
 * but the index. The decoder measures; `verifyLayer` (in loadImageInput) compares.
 */
import { createHash } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LayerIndex } from '@strata/analysis';
import { StrataError, wrapError } from '../errors.js';
import type { Layer } from '../image.js';
import { TarParser } from '../tar/tar-parser.js';
import { indexingGunzip } from '../contents/indexing-gunzip.js';
import { loadContentHash } from './content-hash.js';
import { decompressor, sniffCompression, type Compression } from './compression.js';
import { DEFAULT_ENTRY_LIMITS, IndexCollector, type EntryLimits } from './index-collector.js';

export interface DecodeOptions {
  limits?: Partial<EntryLimits & { maxRatio: number; ratioFloorBytes: number }>;
  /** Called with the stored bytes read so far. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

interface Counts {
  stored: number;
  tar: number;
}

/** What a layer is expected to be, from the manifest and config. */
export type LayerIdentity = Pick<Layer, 'digest' | 'diffId' | 'mediaType'>;

/** A blob to decode; what it is (digest, diff_id) may not be known yet (a blob of an arriving upload). */
export type BlobSource = Pick<Layer, 'open' | 'mediaType' | 'size'> & { digest?: string };
export type BlobDecoder = (blob: BlobSource, options: DecodeOptions) => Promise<LayerIndex>;

/** Decode in this thread (tests, small images); see worker-decoder.ts for the parallel path. */
export async function decodeLayer(blob: BlobSource, options: DecodeOptions = {}): Promise<LayerIndex> {
  try {
    return await decodeStream(await blob.open(), blob.mediaType, options);
  } catch (err) {
    throw layerError(blob, err);
  }
}

export function layerError(blob: { digest?: string }, err: unknown): Error {
  return wrapError(`reading layer ${blob.digest ?? '(an uploaded blob)'}`, err, 'CORRUPT');
}

/** Decode a blob stream into its layer index, with the digests it measured. */
export async function decodeStream(
  source: AsyncIterable<Buffer>,
  mediaType: string,
  options: DecodeOptions,
): Promise<LayerIndex> {
  await loadContentHash();
  const { first, rest } = await peek(source);
  const compression = sniffCompression(first);
  const storedHash = createHash('sha256');
  const tarHash = createHash('sha256');
  const counts: Counts = { stored: 0, tar: 0 };
  const collector = new IndexCollector({ ...DEFAULT_ENTRY_LIMITS, ...options.limits });
  const parser = new TarParser(collector);
  const ratio = ratioGuard(options, counts);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      storedHash.update(chunk);
      counts.stored += chunk.length;
      options.onBytes?.(counts.stored);
      cb(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      try {
        tarHash.update(chunk);
        counts.tar += chunk.length;
        ratio();
        parser.write(chunk);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
  // gzip: the same inflate also builds the layer's seek index (issue 11: one decode pass).
  const gunzip = compression === 'gzip' ? indexingGunzip() : undefined;
  const streams = [
    Readable.from(rest(), { objectMode: false }),
    tap,
    gunzip?.stream ?? decompressor(compression),
    sink,
  ] as const;
  await pipeline(...streams, options.signal ? { signal: options.signal } : {}).catch((err: unknown) => {
    throw describeStreamError(err, compression);
  });
  parser.finish();
  collector.finishContent();
  const identity = {
    digest: `sha256:${storedHash.digest('hex')}`,
    diffId: `sha256:${tarHash.digest('hex')}`,
    compressedSize: counts.stored,
    mediaType,
  };
  const index = collector.builder.finish(identity, compression);
  const seekIndex = gunzip?.seekIndex();
  if (seekIndex) index.seekIndex = seekIndex;
  return index;
}

/** Read the first chunk (to sniff compression) and hand back an iterator over all chunks. */
async function peek(
  source: AsyncIterable<Buffer>,
): Promise<{ first: Buffer; rest: () => AsyncGenerator<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await iterator.next();
  if (head.done || head.value.length === 0) throw new StrataError('CORRUPT', 'the layer blob is empty');
  const first = head.value;
  async function* rest(): AsyncGenerator<Buffer> {
    yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { first, rest };
}

/** A decompression bomb guard: the tar may not outgrow the stored bytes by more than maxRatio. */
function ratioGuard(options: DecodeOptions, counts: Counts): () => void {
  const maxRatio = options.limits?.maxRatio ?? 250;
  const floor = options.limits?.ratioFloorBytes ?? 256 * 1024 * 1024;
  return () => {
    if (counts.tar > floor && counts.tar > counts.stored * maxRatio) {
      throw new StrataError(
        'TOO_LARGE',
        `decompresses to more than ${maxRatio}x its stored size (a decompression bomb?)`,
      );
    }
  };
}

/**
 * The one check of a decoded layer against what the manifest and config say it is, whichever
 * way it was decoded (here, in a worker, early during an upload, or from the layer cache).
 */
export function verifyLayer(expected: LayerIdentity, measured: LayerIndex): void {
  if (expected.diffId.startsWith('sha256:') && measured.diffId !== expected.diffId) {
    throw new StrataError(
      'DIGEST_MISMATCH',
      `uncompressed content has digest ${measured.diffId}, but the config's diff_id is ${expected.diffId}`,
    );
  }
  // A docker-archive names its layers by diff_id only; a compressed blob there has no digest to check.
  const digestKnown = measured.compression === 'none' || expected.digest !== expected.diffId;
  if (digestKnown && expected.digest.startsWith('sha256:') && measured.digest !== expected.digest) {
    throw new StrataError(
      'DIGEST_MISMATCH',
      `content has digest ${measured.digest}, expected ${expected.digest}`,
    );
  }
}

function describeStreamError(err: unknown, compression: Compression): unknown {
  if (err instanceof StrataError || !(err instanceof Error)) return err;
  const raw = (err as NodeJS.ErrnoException).code;
  const code = typeof raw === 'string' ? raw : '';
  if (code.startsWith('Z_') || compression === 'zstd') {
    const what = compression === 'gzip' ? 'gzip stream' : 'zstd stream';
    return new StrataError('CORRUPT', `corrupt ${what}: ${err.message}`, { cause: err });
  }
  return err;
}

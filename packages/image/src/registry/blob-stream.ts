/**
 * A blob as a byte stream that verifies itself: it counts and hashes what passes through and
 * fails at the end (or as soon as too many bytes arrive) with DIGEST_MISMATCH naming the blob,
 * so nothing downstream can trust unverified bytes. When the connection drops mid-blob it asks
 * again with `Range: bytes=N-` (distribution-spec "Pulling blobs", RFC 9110 section 14) and
 * carries on; a registry that ignores Range answers 200 and we skip what we already had.
 */
import { Readable } from 'node:stream';
import { StrataError } from '../errors.js';
import type { Descriptor } from '../image.js';
import { Digester } from '../spec/digest.js';
import { backoffMs, pause, type RetryPolicy } from './retry.js';
import { isTransient, TransientError } from './transient.js';
import { describeNetworkError } from './transport.js';

export interface BlobResponse {
  body: Readable;
  /** Offset of the body's first byte in the blob: 0, or the start of a 206's Content-Range. */
  start: number;
  url: URL;
}

export interface BlobStreamOptions {
  /** Names the blob in errors, e.g. `layer sha256:… of localhost:5000/a:b`. */
  label: string;
  retry: RetryPolicy;
  redact: (err: unknown) => StrataError;
}

type FetchFrom = (offset: number) => Promise<BlobResponse>;

/** Opens the first response now (so a missing blob fails here), the rest lazily. */
export async function openVerifiedBlob(
  fetchFrom: FetchFrom,
  descriptor: Descriptor,
  options: BlobStreamOptions,
): Promise<Readable> {
  const first = await fetchFrom(0);
  return Readable.from(verifiedChunks(first, fetchFrom, descriptor, options), { objectMode: false });
}

async function* verifiedChunks(
  first: BlobResponse,
  fetchFrom: FetchFrom,
  descriptor: Descriptor,
  options: BlobStreamOptions,
): AsyncGenerator<Buffer> {
  const digester = new Digester(descriptor.digest);
  let offset = 0;
  let failures = 0;
  let next: BlobResponse | undefined = first;
  try {
    while (offset < descriptor.size || next) {
      const current: BlobResponse = next ?? (await fetchFrom(offset));
      next = undefined;
      try {
        for await (const chunk of fromOffset(current, offset)) {
          offset += chunk.length;
          if (offset > descriptor.size)
            throw mismatch(options.label, `more than the ${descriptor.size} bytes expected`);
          digester.update(chunk);
          failures = 0;
          yield chunk;
        }
        if (offset < descriptor.size) throw new TransientError(`the stream ended after ${offset} bytes`);
      } catch (err) {
        const e = describeNetworkError(err, current.url);
        if (!isTransient(e) || failures >= options.retry.retries) throw e;
        await pause(backoffMs(failures++, options.retry), options.retry.signal);
      } finally {
        current.body.destroy();
      }
    }
    const actual = digester.digest();
    if (actual !== descriptor.digest) throw mismatch(options.label, `the content has digest ${actual}`);
  } catch (err) {
    const e = options.redact(err);
    throw e.message.includes(options.label) ? e : new StrataError(e.code, `${options.label}: ${e.message}`);
  }
}

/** The body's chunks from blob offset `offset` on (skipping what a 200 repeats). */
async function* fromOffset(res: BlobResponse, offset: number): AsyncGenerator<Buffer> {
  let skip = offset - res.start;
  if (skip < 0)
    throw new StrataError('CORRUPT', `the registry answered from byte ${res.start}, not ${offset}`);
  for await (const raw of res.body as AsyncIterable<Buffer>) {
    const chunk = skip > 0 ? raw.subarray(Math.min(skip, raw.length)) : raw;
    skip -= raw.length - chunk.length;
    if (chunk.length > 0) yield chunk;
  }
}

function mismatch(label: string, why: string): StrataError {
  return new StrataError('DIGEST_MISMATCH', `${label} does not match its digest: ${why}`);
}

/**
 * Per-file content hashes: xxhash64, as dive uses xxhash (a content hash only tells a modified
 * file from an unmodified one; the blob digest and diff_id stay SHA-256 and are verified).
 * Small files arrive whole in one chunk and are hashed in one call; big ones stream.
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';

let api: XXHashAPI | undefined;

/** Load the WebAssembly module once per thread before the first hash. */
export async function loadContentHash(): Promise<void> {
  api ??= await xxhash();
}

/** One-call hashing for data up to this size (h64Raw copies its input; streaming pays per call). */
const ONE_CALL_MAX = 64 * 1024;

export interface ContentHasher {
  update(chunk: Uint8Array): void;
  /** The hash as two 32-bit words, high first. */
  digest(): [number, number];
}

export function contentHasher(size: number): ContentHasher {
  const xx = loaded();
  if (size <= ONE_CALL_MAX) return new SmallHasher(xx, size);
  const state = xx.create64();
  return {
    update: (chunk) => void state.update(chunk),
    digest: () => words(state.digest()),
  };
}

const EMPTY = new Uint8Array(0);

export function emptyHash(): [number, number] {
  return words(loaded().h64Raw(EMPTY));
}

/** Collects a small file (usually one subarray of one chunk) and hashes it in one call. */
class SmallHasher implements ContentHasher {
  private first: Uint8Array | undefined;
  private parts: Uint8Array[] | undefined;

  constructor(
    private readonly xx: XXHashAPI,
    private readonly size: number,
  ) {}

  update(chunk: Uint8Array): void {
    if (!this.first) this.first = chunk;
    else (this.parts ??= [this.first]).push(chunk);
  }

  digest(): [number, number] {
    if (!this.parts) return words(this.xx.h64Raw(this.first ?? EMPTY));
    const whole = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      whole.set(part, at);
      at += part.length;
    }
    return words(this.xx.h64Raw(whole.subarray(0, at)));
  }
}

function loaded(): XXHashAPI {
  if (!api) throw new Error('content hash used before loadContentHash()');
  return api;
}

function words(h: bigint): [number, number] {
  return [Number(h >> 32n), Number(h & 0xffffffffn)];
}

/** Bytes per generated chunk: a multiple of 4 so chunking never changes the byte sequence. */
const CHUNK = 64 * 1024;

/**
 * mulberry32: tiny, fast and good enough for test data. Incompressible output keeps
 * compressed layer sizes realistic, and the same (size, seed) always gives the same bytes.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function fill(buf: Buffer, next: () => number): void {
  const words = Math.floor(buf.length / 4);
  for (let i = 0; i < words; i++) buf.writeUInt32LE(next(), i * 4);
  const rest = buf.length - words * 4;
  if (rest > 0) {
    const last = Buffer.alloc(4);
    last.writeUInt32LE(next(), 0);
    last.copy(buf, words * 4, 0, rest);
  }
}

/** `size` deterministic pseudo-random bytes for `seed`, streamed in 64 KiB chunks. */
export function* randomChunks(size: number, seed: number): Generator<Buffer> {
  const next = mulberry32(seed);
  for (let done = 0; done < size; done += CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size - done));
    fill(chunk, next);
    yield chunk;
  }
}

/** `size` deterministic pseudo-random bytes for `seed` (the concatenation of `randomChunks`). */
export function randomContent(size: number, seed = 0): Buffer {
  return Buffer.concat([...randomChunks(size, seed)], size);
}

/** FNV-1a of a string: the default seed of a file, so different paths get different bytes. */
export function seedFromPath(path: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(path)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

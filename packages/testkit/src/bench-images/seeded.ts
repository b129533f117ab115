import { createCipheriv, createHash, type Cipher } from 'node:crypto';

/** A seeded source of choices and bytes: the same parts always give the same sequence. */
export interface Seeded {
  /** Uniform in [0, 1). */
  rand(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** `n` incompressible bytes (AES-256-CTR keystream: about a GB/s, far faster than gzip). */
  bytes(n: number): Buffer;
}

/** mulberry32: small, fast, and good enough to pick names, sizes and offsets. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seeded(...parts: unknown[]): Seeded {
  const key = createHash('sha256').update(JSON.stringify(parts)).digest();
  const rand = mulberry32(key.readUInt32LE(0));
  let cipher: Cipher | undefined;
  return {
    rand,
    int: (n) => Math.floor(rand() * n),
    bytes: (n) => {
      cipher ??= createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
      return cipher.update(Buffer.alloc(n));
    },
  };
}

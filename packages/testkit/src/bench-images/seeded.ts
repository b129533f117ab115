import { createCipheriv, createHash, type Cipher } from 'node:crypto';
import { mulberry32 } from '../archive-builder/random-content';

/** A seeded source of choices and bytes: the same parts always give the same sequence. */
export interface Seeded {
  /** Uniform in [0, 1). */
  rand(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** `n` incompressible bytes (AES-256-CTR keystream: about a GB/s, far faster than gzip). */
  bytes(n: number): Buffer;
}

export function seeded(...parts: unknown[]): Seeded {
  const key = createHash('sha256').update(JSON.stringify(parts)).digest();
  const next = mulberry32(key.readUInt32LE(0));
  const rand = (): number => next() / 4294967296;
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

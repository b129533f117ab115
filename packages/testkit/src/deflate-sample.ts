/**
 * Bytes for seek-index tests: text of words in a seeded random order (deflate makes many blocks
 * of it, with back-references across any checkpoint) and, after every 64 KiB of it, 32 KiB of
 * random bytes (gzip stores those as they are: a block after a stored block starts on a byte).
 * The same seed gives the same bytes (the random runs are AES-256-CTR keyed by it).
 */
import { createCipheriv, createHash } from 'node:crypto';

export function deflateSample(bytes: number, seed = 1): Buffer {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const words = Array.from({ length: 300 }, (_, i) => `w${(i * 7919) % 1000}x${'abcdefgh'.slice(0, i % 8)}`);
  const key = createHash('sha256').update(`deflate-sample ${seed}`).digest();
  const random = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const parts: Buffer[] = [];
  for (let n = 0; n < bytes; n += 96 * 1024) {
    const text: string[] = [];
    for (let length = 0; length < 64 * 1024; length += (text.at(-1) as string).length + 1)
      text.push(words[next() % words.length] as string);
    parts.push(Buffer.from(text.join(' ')).subarray(0, 64 * 1024), random.update(Buffer.alloc(32 * 1024)));
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

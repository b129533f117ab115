import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, sha256, toHex } from './sha256.js';

describe('sha256', () => {
  it('equals OpenSSL for every length across the padding boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const data = randomBytes(n);
      expect(toHex(sha256(data)), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('a fingerprint is the first 8 hex digits of the value hash', () => {
    expect(fingerprint('hunter2')).toBe(createHash('sha256').update('hunter2').digest('hex').slice(0, 8));
  });
});

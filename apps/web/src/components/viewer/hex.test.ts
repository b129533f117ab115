import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hexLines } from './hex.js';

describe('hex view', () => {
  it('matches hexdump -C (offset, two groups of eight bytes, |ascii|)', () => {
    const bytes = new Uint8Array(Array.from({ length: 70 }, (_, i) => (i * 37) % 256));
    const ref = execFileSync('hexdump', ['-C'], { input: bytes, encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(0, -1);
    expect(hexLines(bytes)).toEqual(ref);
  });
});

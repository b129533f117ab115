import { describe, expect, it } from 'vitest';
import { randomChunks, randomContent, seedFromPath } from './random-content';

describe('randomContent', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(randomContent(1000, 7).equals(randomContent(1000, 7))).toBe(true);
    expect(randomContent(1000, 7).equals(randomContent(1000, 8))).toBe(false);
    expect(randomContent(10, 7).toString('hex')).toBe(randomContent(10, 7).toString('hex'));
  });

  it('streams the same bytes it returns whole, for sizes that are not multiples of 4', () => {
    const size = 200_003;
    const streamed = Buffer.concat([...randomChunks(size, 3)]);
    expect(streamed.length).toBe(size);
    expect(streamed.equals(randomContent(size, 3))).toBe(true);
    expect(randomContent(0, 1).length).toBe(0);
  });

  it('is a prefix-stable sequence, so a bigger file starts like a smaller one', () => {
    expect(randomContent(50, 9).equals(randomContent(53, 9).subarray(0, 50))).toBe(true);
  });

  it('seeds differ by path', () => {
    expect(seedFromPath('a')).not.toBe(seedFromPath('b'));
  });
});

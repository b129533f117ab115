import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter.js';

describe('parseFilter', () => {
  it('is no filter when empty, a substring by default', () => {
    expect(parseFilter({ text: '', regex: true })).toEqual({ ok: true, filter: undefined });
    expect(parseFilter({ text: '.txt', regex: false })).toEqual({ ok: true, filter: '.txt' });
  });

  it('compiles a regex without the g flag (test() must not keep state between paths)', () => {
    const parsed = parseFilter({ text: 'somefile[13]\\.txt$', regex: true });
    if (!parsed.ok || !(parsed.filter instanceof RegExp)) throw new Error('expected a RegExp');
    expect(parsed.filter.flags).toBe('');
    expect(
      ['/a/somefile1.txt', '/a/somefile1.txt', '/a/somefile2.txt'].map((p) =>
        (parsed.filter as RegExp).test(p),
      ),
    ).toEqual([true, true, false]);
  });

  it('reports an invalid regex instead of throwing', () => {
    const parsed = parseFilter({ text: '[', regex: true });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^Not a valid regular expression/);
  });
});

import { describe, expect, it } from 'vitest';
import { globSource, parseFilter } from './filter.js';

const matcher = (text: string, extra: { regex?: boolean; matchCase?: boolean } = {}) => {
  const parsed = parseFilter({ text, regex: false, ...extra });
  if (!parsed.ok || parsed.filter === undefined) throw new Error('expected a filter');
  const f = parsed.filter;
  return (p: string) => (typeof f === 'string' ? p.includes(f) : f.test(p));
};

describe('parseFilter', () => {
  it('is no filter when empty; a case-insensitive substring by default, exact with match case', () => {
    expect(parseFilter({ text: '', regex: true })).toEqual({ ok: true, filter: undefined });
    expect(parseFilter({ text: '.txt', regex: false, matchCase: true })).toEqual({
      ok: true,
      kind: 'substring',
      filter: '.txt',
    });
    const m = matcher('readme.MD');
    expect(['/app/README.md', '/app/readmeXmd'].map(m)).toEqual([true, false]);
  });

  it('compiles a regex without the g flag (test() must not keep state between paths)', () => {
    const parsed = parseFilter({ text: 'somefile[13]\\.txt$', regex: true, matchCase: true });
    if (!parsed.ok || !(parsed.filter instanceof RegExp)) throw new Error('expected a RegExp');
    expect(parsed.filter.flags).toBe('');
    expect(
      ['/a/somefile1.txt', '/a/somefile1.txt', '/a/somefile2.txt'].map((p) =>
        (parsed.filter as RegExp).test(p),
      ),
    ).toEqual([true, true, false]);
  });

  it('matches globs: * within a name, ** across folders, ? and classes; / anchors', () => {
    const deb = matcher('*.deb');
    expect(['/var/cache/apt/archives/curl.deb', '/x.debian', '/a/B.DEB'].map(deb)).toEqual([
      true,
      false,
      true,
    ]);
    const conf = matcher('/etc/*.conf');
    expect(['/etc/a.conf', '/etc/x/a.conf', '/usr/etc/a.conf'].map(conf)).toEqual([true, false, false]);
    const deep = matcher('/usr/**/libc.so.?');
    expect(['/usr/lib/x86_64/libc.so.6', '/usr/libc.so.66'].map(deep)).toEqual([true, false]);
    const cls = matcher('somefile[13].txt', { matchCase: true });
    expect(['/r/somefile1.txt', '/r/somefile2.txt'].map(cls)).toEqual([true, false]);
    expect(globSource('a[!b]')).toBe('(?:^|/)a[^b]$');
  });

  it('reports an invalid regex instead of throwing', () => {
    const parsed = parseFilter({ text: '[', regex: true });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^Not a valid regular expression/);
  });
});

import { describe, expect, it } from 'vitest';
import { walkOrder, type Item } from './archive-writer';
import { goJson, goTime, sortKeys } from './go-json';
import { chainIds } from './legacy-ids';
import { qualifiedName, splitTag } from './repo-tags';

describe('walkOrder', () => {
  it('sorts like Go filepath.Walk: per directory, children right after their directory', () => {
    const item = (name: string): Item => ({ kind: 'file', name, data: Buffer.alloc(0) });
    const names = ['abc.json', 'abc/layer.tar', 'abc/', 'abc/VERSION', 'manifest.json', 'ab/'];
    expect(walkOrder(names.map(item)).map((i) => i.name)).toEqual([
      'ab/',
      'abc/',
      'abc/VERSION',
      'abc/layer.tar',
      'abc.json',
      'manifest.json',
    ]);
  });
});

describe('goJson', () => {
  it('escapes like Go encoding/json and formats times like Go', () => {
    expect(goJson({ a: '<b> & \u2028' })).toBe('{"a":"\\u003cb\\u003e \\u0026 \\u2028"}');
    expect(goTime(new Date(0))).toBe('1970-01-01T00:00:00Z');
    expect(Object.keys(sortKeys({ b: 1, a: 2, C: 3 }))).toEqual(['C', 'a', 'b']);
  });
});

describe('chainIds', () => {
  it('follows docker layer.CreateChainID', () => {
    const [a, b] = ['sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)];
    const chains = chainIds([a, b]);
    expect(chains[0]).toBe(a);
    expect(chains[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(chains[1]).not.toBe(b);
  });
});

describe('repo tags', () => {
  it('splits at the tag colon, not a registry port', () => {
    expect(splitTag('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: 'latest' });
    expect(splitTag('localhost:5000/app:2')).toEqual({ name: 'localhost:5000/app', tag: '2' });
  });

  it('qualifies names the way containers/image does', () => {
    expect(qualifiedName('app')).toBe('docker.io/library/app');
    expect(qualifiedName('team/app')).toBe('docker.io/team/app');
    expect(qualifiedName('example.com/app')).toBe('example.com/app');
    expect(qualifiedName('localhost/app')).toBe('localhost/app');
  });
});

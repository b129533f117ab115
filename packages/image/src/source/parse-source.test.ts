import { describe, expect, it } from 'vitest';
import { parseSource } from './parse-source.js';

const files = new Set(['img.tar', 'a:b.tar', 'layout', 'nginx']);
const exists = (p: string): boolean => files.has(p);

describe('parseSource (skopeo syntax)', () => {
  it.each([
    ['docker-archive:img.tar', { kind: 'archive', transport: 'docker-archive', path: 'img.tar' }],
    [
      'docker-archive:img.tar:app:1',
      { kind: 'archive', transport: 'docker-archive', path: 'img.tar', image: 'app:1' },
    ],
    [
      'docker-archive:img.tar:@2',
      { kind: 'archive', transport: 'docker-archive', path: 'img.tar', image: '@2' },
    ],
    ['oci-archive:img.tar:v1', { kind: 'archive', transport: 'oci-archive', path: 'img.tar', image: 'v1' }],
    ['oci:layout:latest', { kind: 'archive', transport: 'oci', path: 'layout', image: 'latest' }],
    ['oci:layout', { kind: 'archive', transport: 'oci', path: 'layout' }],
    // an existing path with a colon is taken whole; a missing one splits at the first colon, as skopeo does
    ['docker-archive:a:b.tar', { kind: 'archive', transport: 'docker-archive', path: 'a:b.tar' }],
    [
      'docker-archive:missing.tar:x:1',
      { kind: 'archive', transport: 'docker-archive', path: 'missing.tar', image: 'x:1' },
    ],
    ['img.tar', { kind: 'archive', path: 'img.tar' }],
    ['img.tar:@1', { kind: 'archive', path: 'img.tar', image: '@1' }],
    ['layout:@0', { kind: 'archive', path: 'layout', image: '@0' }],
    ['./missing.tar', { kind: 'archive', path: './missing.tar' }],
    ['docker://nginx:1.27', { kind: 'registry', reference: 'nginx:1.27' }],
    ['nginx:1.27', { kind: 'registry', reference: 'nginx:1.27' }], // a directory named nginx does not capture it
    ['localhost:5000/a/b:c', { kind: 'registry', reference: 'localhost:5000/a/b:c' }],
  ])('%s', (text, expected) => {
    expect(parseSource(text, exists)).toEqual(expected);
  });
});

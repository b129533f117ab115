import { describe, expect, it } from 'vitest';
import { indexFromEntries } from '../layer-index/from-entries.js';
import { dir, file, opaque, symlink, whiteout } from '../test-entries.js';
import { locatePath } from './locate.js';

const trees = [
  [
    dir('etc'),
    file('etc/ssl/certs/ca.crt', 10),
    symlink('usr/lib/ssl/cert.pem', '/etc/ssl/certs/ca.crt'),
    file('opt/a/x', 1),
  ],
  [
    symlink('opt/link', '../opt/a'),
    symlink('loop/a', 'b'),
    symlink('loop/b', 'a'),
    file('etc/ssl/certs/ca.crt', 20),
  ],
  [whiteout('opt/a'), opaque('etc/ssl'), file('etc/ssl/new', 3), symlink('abs', '/../../etc/ssl/new')],
].map((entries, i) =>
  indexFromEntries(entries, {
    digest: `sha256:l${i}`,
    diffId: `sha256:d${i}`,
    compressedSize: 1,
    mediaType: 'x',
  }),
);

describe('locatePath', () => {
  it('follows absolute and relative links through directories, inside the image', () => {
    expect(locatePath(trees, '/usr/lib/ssl/cert.pem', 1)).toMatchObject({
      found: true,
      layer: 1,
      path: 'etc/ssl/certs/ca.crt',
    });
    expect(locatePath(trees, 'opt/link/x', 1)).toMatchObject({ found: true, layer: 0, path: 'opt/a/x' });
    // `..` above the root stays at the root, as in a chroot.
    expect(locatePath(trees, 'abs', 2)).toMatchObject({ found: true, layer: 2, path: 'etc/ssl/new' });
  });

  it('whiteouts and opaque directories hide what is below them, not at the layers before', () => {
    expect(locatePath(trees, 'opt/a/x', 2)).toMatchObject({ found: false, reason: 'missing' });
    expect(locatePath(trees, 'etc/ssl/certs/ca.crt', 2)).toMatchObject({ found: false, reason: 'missing' });
    expect(locatePath(trees, 'etc/ssl/certs/ca.crt', 0)).toMatchObject({ found: true, layer: 0 });
  });

  it('a link loop ends after 40 links; a directory is found with its info', () => {
    expect(locatePath(trees, 'loop/a', 1)).toMatchObject({ found: false, reason: 'loop' });
    expect(locatePath(trees, 'etc', 0)).toMatchObject({ found: true, layer: 0, info: { type: 'dir' } });
    // A directory a layer only implies (it holds etc/ssl/new) has no entry of its own.
    expect(locatePath(trees, 'etc', 2)).toEqual({
      found: true,
      layer: 2,
      path: 'etc',
      info: undefined,
      entry: -1,
    });
  });
});

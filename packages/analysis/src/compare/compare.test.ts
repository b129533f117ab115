import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { dir, file, imageOf, opaque, symlink, whiteout } from '../test-entries.js';
import type { ImageInput } from '../types.js';
import { diffCompared, diffImages } from './diff-images.js';
import { diskUse } from './disk-use.js';
import { packFinalFiles, unpackFinalFiles } from './final-files-codec.js';
import { finalFiles } from './final-files.js';

/** imageOf names layer i `sha256:diff<i>` in every image: give each its own diff_ids. */
function withDiffIds(input: ImageInput, ids: string[]): ImageInput {
  return { ...input, layers: input.layers.map((l, i) => ({ ...l, diffId: ids[i] ?? l.diffId })) };
}

const baseLayer = [file('etc/a', 10), file('etc/b', 20)];
const a = analyzeImage(
  withDiffIds(imageOf([baseLayer, [file('app/v', 1, { contentHash: 'one' })]]), ['sha256:base', 'sha256:x']),
  'a',
);
const b = analyzeImage(
  withDiffIds(
    imageOf([
      baseLayer,
      [file('app/v', 1, { contentHash: 'two' }), file('etc/b', 20, { mode: 0o600 }), file('usr/new', 5)],
    ]),
    ['sha256:base', 'sha256:y'],
  ),
  'b',
);

describe('comparing analyses', () => {
  it('walks the final file system without recursion, every non-directory once', () => {
    expect([...finalFiles(b)].map((f) => f.path).sort()).toEqual(['/app/v', '/etc/a', '/etc/b', '/usr/new']);
  });

  it('gives the same diff from stored final files as from the analyses', () => {
    const fromStore = diffCompared(
      { report: a.report, files: unpackFinalFiles(packFinalFiles(a).slice()) },
      { report: b.report, files: unpackFinalFiles(packFinalFiles(b).slice()) },
    );
    const direct = diffImages(a, b);
    expect(fromStore).toEqual(direct);
    expect(direct.files).toEqual({
      added: [{ path: '/usr/new', bytes: 5 }],
      removed: [],
      changed: [
        { path: '/app/v', bytesA: 1, bytesB: 1 },
        { path: '/etc/b', bytesA: 20, bytesB: 20 },
      ],
    });
    expect(direct.sharedLayers).toEqual([{ diffId: 'sha256:base', sizeBytes: 30 }]);
    expect(direct.commonPrefixLayers).toBe(1);
  });

  it('counts a layer shared by two images once in the disk use', () => {
    const use = diskUse([a.report, b.report]);
    expect(use).toMatchObject({ sumBytes: 31 + 56, totalBytes: 30 + 1 + 26 });
    expect(use.images.map((i) => [i.sharedBytes, i.uniqueBytes])).toEqual([
      [30, 1],
      [30, 26],
    ]);
  });

  it('stores the final files as the stack shows them: types, modes, owners, links, hashes', () => {
    const layered = analyzeImage(
      imageOf([
        [
          dir('etc', { mode: 0o750 }),
          file('etc/a', 3, { uid: 7, gid: 8, mode: 0o4755 }),
          symlink('etc/l', 'a'),
        ],
        [whiteout('etc/a'), opaque('srv'), file('srv/x', 5, { contentHash: 'abc' }), file('deep/er/f', 1)],
        [{ ...file('etc/h', 0), type: 'hardlink', linkTarget: 'etc/l' }, file('etc/a', 9)],
      ]),
      'x',
    );
    const stored = [...unpackFinalFiles(packFinalFiles(layered).slice())];
    expect(stored).toEqual([...finalFiles(layered)]);
    expect(stored.map((f) => f.path)).toEqual(
      expect.arrayContaining(['/etc/a', '/etc/l', '/etc/h', '/deep/er/f']),
    );
  });
});

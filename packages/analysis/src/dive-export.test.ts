import { describe, expect, it } from 'vitest';
import { analyzeImage } from './analyze.js';
import { diveExportJson, toDiveExport } from './dive-export.js';
import { dir, file, imageOf, opaque, symlink, whiteout } from './test-entries.js';

describe("dive's export", () => {
  const analysis = analyzeImage(
    imageOf([
      [dir('etc'), file('etc/a', 3), symlink('etc/l', 'a'), file('z/deep/f', 1)],
      [whiteout('etc/a'), opaque('z'), file('b', 2)],
    ]),
    'test',
  );

  it('written a layer at a time is the same document as written whole', () => {
    expect([...diveExportJson(analysis)].join('')).toBe(JSON.stringify(toDiveExport(analysis)));
  });

  it('lists each layer’s own tree children first, whiteouts by their .wh. names, implied parents empty', () => {
    const [, l1] = toDiveExport(analysis).layer;
    // As dive does: a directory the layer only implies has an empty FileInfo (path '').
    expect(l1?.fileList.map((f) => f.path)).toEqual(['b', 'etc/.wh.a', '', '']);
  });
});

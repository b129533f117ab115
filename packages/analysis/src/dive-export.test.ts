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

  it('written in pieces is the same document as written whole', () => {
    expect([...diveExportJson(analysis)].join('')).toBe(JSON.stringify(toDiveExport(analysis)));
  });

  it('cuts a big layer into pieces and still writes the same document (an empty layer too)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => file(`d${i % 7}/f${i}`, i));
    const big = analyzeImage(imageOf([many, [], [file('x', 1)]]), 'test');
    const pieces = [...diveExportJson(big)];
    expect(pieces.length).toBeGreaterThan(6);
    expect(JSON.parse(pieces.join(''))).toEqual(toDiveExport(big));
    expect(pieces.join('')).toBe(JSON.stringify(toDiveExport(big)));
  });

  it('lists each layer’s own tree children first, whiteouts by their .wh. names, implied parents empty', () => {
    const [, l1] = toDiveExport(analysis).layer;
    // As dive does: a directory the layer only implies has an empty FileInfo (path '').
    expect(l1?.fileList.map((f) => f.path)).toEqual(['b', 'etc/.wh.a', '', '']);
  });
});

import { describe, expect, it } from 'vitest';
import { nodePath } from './layer-index.js';
import { LayerIndexBuilder } from './index-builder.js';
import { FILE } from './entry-types.js';

const add = (b: LayerIndexBuilder, path: string): number =>
  b.addCleanEntry(path, FILE, 1, 0o644, 0, 0, '', 0);
const identity = { digest: 'sha256:d', diffId: 'sha256:d', mediaType: '', compressedSize: 0 };

describe('LayerIndexBuilder', () => {
  it('places entries in the tree whatever order their directories come in', () => {
    const b = new LayerIndexBuilder();
    for (const p of ['a/b/c/f1', 'x/y', 'a/b/f2', 'a/b/c/f3', 'a/f4', 'x/z/w']) add(b, p);
    const index = b.finish(identity, 'none');
    const paths = Array.from(index.entryNode, (node) => nodePath(index, node));
    expect(paths).toEqual(['a/b/c/f1', 'x/y', 'a/b/f2', 'a/b/c/f3', 'a/f4', 'x/z/w']);
    // a, a/b, a/b/c, x, x/z and the six leaves, plus the root: each directory once.
    expect(index.nodeCount).toBe(1 + 5 + 6);
  });

  it('takes a name 30,000 levels deep (no recursion on the way down)', () => {
    const b = new LayerIndexBuilder();
    const deep = Array.from({ length: 30_000 }, () => 'a').join('/');
    expect(add(b, `${deep}/f`)).toBe(0);
    expect(add(b, `${deep}/g`)).toBe(1);
    const index = b.finish(identity, 'none');
    expect(index.nodeCount).toBe(1 + 30_000 + 2);
    expect(nodePath(index, index.entryNode[1] as number)).toBe(`${deep}/g`);
  });
});

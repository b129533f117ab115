import { describe, expect, it } from 'vitest';
import { alignLayers, buildDiffTree } from './diff-tree.js';
import { layerGrid } from './layer-grid.js';
import { parseSetPage, setPageUrl } from './set-pages.js';

const ID_A = `sha256-${'a'.repeat(64)}`;
const ID_B = `sha256-${'b'.repeat(64)}`;

describe('set pages in the URL', () => {
  it('reads and writes compare and shared links, dropping what is not an id', () => {
    expect(parseSetPage(`?compare=${ID_A},${ID_B}`)).toEqual({ kind: 'compare', ids: [ID_A, ID_B] });
    expect(parseSetPage(`?shared=${ID_A},<script>,${ID_B}`)).toEqual({ kind: 'shared', ids: [ID_A, ID_B] });
    expect(parseSetPage('?compare')).toEqual({ kind: 'compare', ids: [] });
    expect(parseSetPage(`?analysis=${ID_A}`)).toBeUndefined();
    expect(setPageUrl({ kind: 'shared', ids: [ID_A, ID_B] })).toBe(`/?shared=${ID_A},${ID_B}`);
  });
});

describe('the diff tree', () => {
  it('nests changes under their directories with net deltas and a shared status', () => {
    const rows = buildDiffTree({
      added: [{ path: '/usr/lib/new.so', bytes: 300 }],
      removed: [{ path: '/usr/share/doc/readme', bytes: 8 }],
      changed: [{ path: '/app/big', bytesA: 100, bytesB: 150 }],
    });
    expect(rows.map((r) => [r.path, r.depth, r.status, r.deltaBytes])).toEqual([
      ['/app', 0, 'modified', 50],
      ['/app/big', 1, 'modified', 50],
      ['/usr', 0, 'modified', 292],
      ['/usr/lib', 1, 'added', 300],
      ['/usr/lib/new.so', 2, 'added', 300],
      ['/usr/share', 1, 'removed', -8],
      ['/usr/share/doc', 2, 'removed', -8],
      ['/usr/share/doc/readme', 3, 'removed', -8],
    ]);
  });

  it('aligns layers by their shared bottom', () => {
    const l = (diffId: string) => ({ diffId });
    expect(alignLayers([l('x'), l('y'), l('a')], [l('x'), l('y'), l('b'), l('c')])).toEqual([
      { a: l('x'), b: l('x'), shared: true },
      { a: l('y'), b: l('y'), shared: true },
      { a: l('a'), b: l('b'), shared: false },
      { b: l('c'), shared: false },
    ]);
  });
});

describe('the shared-layers grid', () => {
  it('spans a layer over neighbouring columns that hold it at the same height', () => {
    const c = (diffId: string) => ({ diffId, command: `RUN ${diffId}` });
    const sizes = new Map([
      ['base', { sizeBytes: 10, holders: 3 }],
      ['mid', { sizeBytes: 5, holders: 2 }],
    ]);
    const rows = layerGrid(
      [
        [c('base'), c('mid'), c('a')],
        [c('base'), c('mid')],
        [c('base'), c('s')],
      ],
      sizes,
    );
    expect(rows.map((r) => r.map((cell) => [cell.diffId, cell.column, cell.span, cell.holders]))).toEqual([
      [['base', 0, 3, 3]],
      [
        ['mid', 0, 2, 2],
        ['s', 2, 1, 1],
      ],
      [['a', 0, 1, 1]],
    ]);
  });
});

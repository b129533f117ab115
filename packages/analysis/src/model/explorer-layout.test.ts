/**
 * The explorer's incremental layout (cached layer states, rows per subtree, rows found by index)
 * against a straightforward full recomputation written here from the documented rules: for every
 * node its events up to the layer, dive's roll-up (filetree/file_node.go `deriveDiffType`), the
 * directory sizes, and a recursive depth-first walk in name or size order. Random images go
 * through the real stacker (analyzeImage) so removals, re-additions and implied folders occur.
 */
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import type { ChangeStatus } from '../stack.js';
import { dir, file, imageOf, symlink, whiteout } from '../test-entries.js';
import type { LayerEntry } from '../types.js';
import { encodeModel, STATUSES, TYPES, type CompactModel } from './compact-model.js';
import { Explorer, type ViewOptions } from './explorer.js';

interface RefRow {
  path: string;
  depth: number;
  status: ChangeStatus;
  rolledUp: boolean;
  type: string;
  size: number;
  hasChildren: boolean;
  collapsed: boolean;
}

/** Every row of a view, recomputed from scratch with plain recursion over the model. */
function referenceRows(model: CompactModel, o: ViewOptions): RefRow[] {
  const n = model.parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  model.parent.forEach((p, i) => (p < 0 ? roots : (children[p] as number[])).push(i));
  const name = (i: number) => (model.paths[i] as string).split('/').pop() as string;
  // Events per node in layer order: [layer, position].
  const events: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  model.layers.forEach((col, l) => col.node.forEach((node, at) => events[node]?.push([l, at])));
  const upTo = (i: number) => (events[i] as Array<[number, number]>).filter(([l]) => l <= o.layer);
  const statusOf = ([l, at]: [number, number]) => STATUSES[model.layers[l]?.status[at] as number];
  const typeOf = ([l, at]: [number, number]) => TYPES[model.layers[l]?.type[at] as number];
  const lastOf = (i: number) => upTo(i).at(-1);
  const present = (i: number): boolean => {
    const last = lastOf(i);
    if (!last) return false;
    return o.mode === 'aggregate' || statusOf(last) !== 'removed' || last[0] === o.layer;
  };
  const own = (i: number): ChangeStatus => {
    const last = lastOf(i) as [number, number];
    if (o.mode === 'layer') return last[0] === o.layer ? (statusOf(last) as ChangeStatus) : 'unmodified';
    if (statusOf(last) === 'removed') return 'removed';
    if ((events[i] as Array<[number, number]>)[0]?.[0] !== 0) return 'added';
    return upTo(i).some((e) => e[0] > 0 && statusOf(e) !== 'unmodified') ? 'modified' : 'unmodified';
  };
  const kids = (i: number) => (children[i] as number[]).filter(present);
  const rolled = (i: number): ChangeStatus => {
    const mine = own(i);
    const isDir = typeOf(lastOf(i) as [number, number]) === 'dir';
    return isDir && kids(i).some((c) => rolled(c) !== mine) ? 'modified' : mine;
  };
  const removed = (i: number) => statusOf(lastOf(i) as [number, number]) === 'removed';
  const size = (i: number): number => {
    const last = lastOf(i) as [number, number];
    const mine = typeOf(last) === 'dir' ? 0 : (model.layers[last[0]]?.size[last[1]] as number);
    return kids(i)
      .filter((c) => removed(c) === removed(i))
      .reduce((sum, c) => sum + size(c), mine);
  };
  const matches = (i: number) => {
    const path = model.paths[i] as string;
    if (o.filter === undefined) return true;
    return typeof o.filter === 'string' ? path.includes(o.filter) : o.filter.test(path);
  };
  const shows = (i: number): boolean =>
    present(i) &&
    ((matches(i) && !o.hidden?.has(rolled(i))) || (children[i] as number[]).some((c) => shows(c)));
  const order = (list: number[]) => {
    const byName = (a: number, b: number) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
    return list
      .filter(shows)
      .sort((a, b) => (o.sort === 'size' ? size(b) - size(a) || byName(a, b) : byName(a, b)));
  };
  const rows: RefRow[] = [];
  const walk = (i: number, depth: number) => {
    const last = lastOf(i) as [number, number];
    const isDir = typeOf(last) === 'dir';
    const shownKids = order(children[i] as number[]);
    rows.push({
      path: model.paths[i] as string,
      depth,
      status: rolled(i),
      rolledUp: rolled(i) !== own(i),
      type: typeOf(last) as string,
      size: isDir ? size(i) : (model.layers[last[0]]?.size[last[1]] as number),
      hasChildren: isDir && shownKids.length > 0,
      collapsed: o.collapsed?.has(i) ?? false,
    });
    if (!o.collapsed?.has(i)) for (const c of shownKids) walk(c, depth + 1);
  };
  for (const r of order(roots)) walk(r, 0);
  return rows;
}

/** A seeded generator (mulberry32), so a failure names the seed that reproduces it. */
function random(seed: number): (k: number) => number {
  let a = seed >>> 0;
  return (k) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k);
  };
}

/** Layers that add, overwrite, delete and re-add files and folders over a small pool of names. */
function randomLayers(seed: number): LayerEntry[][] {
  const pick = random(seed);
  const dirs = ['a', 'a/b', 'a/b/c', 'a/d', 'e', 'e/f', 'g'];
  const names = ['x', 'y', 'z.conf', 'w.txt', 'b'];
  const layers: LayerEntry[][] = [];
  for (let l = 0; l < 4; l++) {
    const entries = new Map<string, LayerEntry>();
    for (let k = 0; k < 14; k++) {
      const d = dirs[pick(dirs.length)] as string;
      const path = `${d}/${names[pick(names.length)] as string}`;
      const roll = pick(10);
      if (l > 0 && roll < 2) entries.set(path, whiteout(path));
      else if (l > 0 && roll === 2) entries.set(d, whiteout(d));
      else if (roll === 3) entries.set(path, symlink(path, 'x'));
      else if (roll === 4) entries.set(d, dir(d, { mode: 0o700 + l }));
      else entries.set(path, file(path, 1 + pick(500)));
    }
    layers.push([...entries.values()]);
  }
  return layers;
}

function viewsOf(model: CompactModel): ViewOptions[] {
  const dirsOf = model.parent.filter((p) => p >= 0);
  const someDirs = new Set([dirsOf[0] as number, dirsOf[dirsOf.length - 1] as number]);
  const views: ViewOptions[] = [];
  for (let layer = 0; layer < model.layers.length; layer++)
    for (const mode of ['layer', 'aggregate'] as const) {
      views.push({ layer, mode }, { layer, mode, sort: 'size' }, { layer, mode, collapsed: someDirs });
      views.push({ layer, mode, hidden: new Set(['unmodified']) }, { layer, mode, filter: 'z' });
      views.push({ layer, mode, filter: 'b/', sort: 'size' }, { layer, mode, filter: /\/[xy]$/ });
      // Literal regexes (the filter box's case-insensitive substring) are matched by name.
      views.push(
        { layer, mode, filter: /Z\.CONF/i },
        { layer, mode, filter: /B/i },
        { layer, mode, filter: /b\// },
      );
    }
  return views;
}

const brief = (explorer: Explorer, o: ViewOptions): RefRow[] =>
  explorer.view(o).map(({ path, depth, status, rolledUp, type, size, hasChildren, collapsed }) => ({
    path,
    depth,
    status,
    rolledUp,
    type,
    size,
    hasChildren,
    collapsed,
  }));

describe('Explorer layout against a full recomputation', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`gives the same rows, and finds every row's node and index (seed ${seed})`, () => {
      const model = encodeModel(analyzeImage(imageOf(randomLayers(seed)), 'test'));
      const explorer = new Explorer(model);
      for (const o of viewsOf(model)) {
        const expected = referenceRows(model, o);
        expect(brief(explorer, o), JSON.stringify({ ...o, hidden: [...(o.hidden ?? [])] })).toEqual(expected);
        const layout = explorer.layout(o);
        expect(layout.count).toBe(expected.length);
        expected.forEach((row, index) => {
          const node = explorer.find(row.path) as number;
          expect(explorer.indexOf(layout, node)).toBe(index);
          expect(explorer.rowAt(layout, index).node).toBe(node);
        });
      }
    });
  }

  it('orders and names the same without the name table (a hand-built model)', () => {
    const model = encodeModel(analyzeImage(imageOf(randomLayers(9)), 'test'));
    const { names: _, ...bare } = model;
    const plain = new Explorer({ ...bare, paths: model.paths });
    const named = new Explorer(model);
    for (const o of viewsOf(model)) expect(brief(plain, o)).toEqual(brief(named, o));
  });

  it('finds paths by name, and nothing for a path the image never has', () => {
    const model = encodeModel(analyzeImage(imageOf(randomLayers(10)), 'test'));
    const explorer = new Explorer(model);
    model.paths.forEach((path, node) => expect(explorer.find(path)).toBe(node));
    for (const path of ['', '/', '/nope', '/a/', '//a', 'a', '/a/nope/x'])
      expect(explorer.find(path)).toBeUndefined();
  });
});

describe('Explorer layer states computed in slices', () => {
  it('gives the same rows when slices run alone or with other views in between', () => {
    const model = encodeModel(analyzeImage(imageOf(randomLayers(11)), 'test'));
    const alone = new Explorer(model);
    let slices = 0;
    while (!alone.prepareSlice(2, 'aggregate', 4)) slices++;
    expect(slices).toBeGreaterThan(2);
    const interrupted = new Explorer(model);
    interrupted.prepareSlice(1, 'layer', 4);
    interrupted.prepareSlice(1, 'layer', 4);
    // A view of another layer computes its state with the same scratch arrays meanwhile.
    expect(brief(interrupted, { layer: 3, mode: 'layer' })).toEqual(
      referenceRows(model, { layer: 3, mode: 'layer' }),
    );
    while (!interrupted.prepareSlice(1, 'layer', 4));
    for (const [explorer, o] of [
      [alone, { layer: 2, mode: 'aggregate' }],
      [interrupted, { layer: 1, mode: 'layer' }],
      [interrupted, { layer: 1, mode: 'layer', sort: 'size' }],
    ] as Array<[Explorer, ViewOptions]>)
      expect(brief(explorer, o)).toEqual(referenceRows(model, o));
  });
});

describe('Explorer rows on wide directories', () => {
  it('finds rows by index through prefix sums, with hidden children between shown ones', () => {
    const entries: LayerEntry[] = [dir('w')];
    for (let i = 0; i < 300; i++) entries.push(file(`w/f${String(i).padStart(3, '0')}`, i));
    const changed = Array.from({ length: 300 }, (_, i) => i)
      .filter((i) => i % 7 === 0)
      .map((i) => file(`w/f${String(i).padStart(3, '0')}`, 1000 + i));
    const model = encodeModel(analyzeImage(imageOf([entries, changed]), 'test'));
    const explorer = new Explorer(model);
    for (const o of [
      { layer: 1, mode: 'layer', hidden: new Set(['unmodified']) },
      { layer: 1, mode: 'layer', sort: 'size' },
      { layer: 0, mode: 'aggregate', filter: '9' },
    ] as ViewOptions[])
      expect(brief(explorer, o)).toEqual(referenceRows(model, o));
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { dir, file, imageOf, symlink, whiteout } from '../test-entries.js';
import { encodeModel, type CompactModel } from './compact-model.js';
import { Explorer, type Row, type ViewOptions } from './explorer.js';

function explorerOf(layers: Parameters<typeof imageOf>[0]): Explorer {
  return new Explorer(encodeModel(analyzeImage(imageOf(layers), 'test')));
}

const brief = (rows: Row[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.name} ${r.status} ${r.size}`);

describe('Explorer', () => {
  const explorer = explorerOf([
    [dir('etc'), file('etc/a', 10), file('etc/b', 20), dir('usr'), file('usr/big', 500)],
    [file('etc/a', 11), whiteout('etc/b'), file('etc/c', 5), symlink('etc/l', 'a')],
    [whiteout('usr')],
  ]);
  const view = (o: Partial<ViewOptions>) => explorer.view({ layer: 0, mode: 'layer', ...o });

  it('shows the stacked tree at a layer with that layer’s changes marked, rolled up into folders', () => {
    expect(brief(view({ layer: 1 }))).toEqual([
      'etc modified 16',
      '  a modified 11',
      '  b removed 20',
      '  c added 5',
      '  l added 0',
      'usr unmodified 500',
      '  big unmodified 500',
    ]);
  });

  it('does not show what an earlier layer removed', () => {
    expect(brief(view({ layer: 2 }))).toEqual([
      'etc unmodified 16',
      '  a unmodified 11',
      '  c unmodified 5',
      '  l unmodified 0',
      'usr removed 500',
      '  big removed 500',
    ]);
  });

  it('aggregates every change since the base layer', () => {
    expect(brief(view({ layer: 2, mode: 'aggregate' }))).toEqual([
      'etc modified 16',
      '  a modified 11',
      '  b removed 20',
      '  c added 5',
      '  l added 0',
      'usr removed 500',
      '  big removed 500',
    ]);
  });

  it('hides statuses, filters by substring or regex, sorts by size, collapses', () => {
    expect(view({ layer: 1, hidden: new Set(['unmodified']) }).map((r) => r.name)).toEqual([
      'etc',
      'a',
      'b',
      'c',
      'l',
    ]);
    expect(view({ layer: 1, filter: 'big' }).map((r) => r.path)).toEqual(['/usr', '/usr/big']);
    expect(view({ layer: 1, filter: /\/etc\/[ab]$/ }).map((r) => r.path)).toEqual([
      '/etc',
      '/etc/a',
      '/etc/b',
    ]);
    expect(view({ layer: 0, sort: 'size' }).map((r) => r.name)).toEqual(['usr', 'big', 'etc', 'b', 'a']);
    const usr = explorer.find('/usr') as number;
    expect(view({ layer: 0, collapsed: new Set([usr]) }).map((r) => r.name)).toEqual([
      'etc',
      'a',
      'b',
      'usr',
    ]);
  });

  it('gives attributes, the layers a path changes in, and its ancestors', () => {
    const l = view({ layer: 1 }).find((r) => r.name === 'l');
    expect(l).toMatchObject({ type: 'symlink', linkTarget: 'a', mode: 0o777 });
    const a = explorer.find('/etc/a') as number;
    expect(explorer.layersOf(a)).toEqual([0, 1]);
    expect(explorer.ancestors(a)).toEqual([explorer.find('/etc')]);
  });
});

describe('Explorer roll-up', () => {
  const explorer = explorerOf([
    [dir('app'), dir('var'), dir('var/lib'), file('var/lib/keep', 3), dir('etc'), file('etc/a', 1)],
    [dir('app/src'), file('app/src/x.js', 10), file('app/y.js', 20), file('var/lib/new', 5)],
    [whiteout('etc/a')],
  ]);
  const status = (layer: number, path: string, mode: ViewOptions['mode'] = 'layer') =>
    explorer.view({ layer, mode }).find((r) => r.path === path);

  it('marks a folder added when it and everything below are new, modified when anything below changed', () => {
    // dive's deriveDiffType: /app existed before, so new files below make it modified.
    expect(status(1, '/app')).toMatchObject({ status: 'modified', rolledUp: true });
    expect(status(1, '/app/src')).toMatchObject({ status: 'added', rolledUp: false });
    expect(status(1, '/var')).toMatchObject({ status: 'modified', rolledUp: true });
    expect(status(1, '/var/lib')).toMatchObject({ status: 'modified' });
    expect(status(1, '/etc')).toMatchObject({ status: 'unmodified', rolledUp: false });
    expect(status(2, '/etc')).toMatchObject({ status: 'modified' });
    expect(status(2, '/app')).toMatchObject({ status: 'unmodified' });
    expect(status(2, '/app', 'aggregate')).toMatchObject({ status: 'modified' });
    expect(status(2, '/app/src', 'aggregate')).toMatchObject({ status: 'added' });
  });

  it('hiding unmodified files keeps the folders that hold changes', () => {
    const rows = explorer.view({ layer: 1, mode: 'layer', hidden: new Set(['unmodified']) });
    expect(rows.map((r) => r.path)).toEqual([
      '/app',
      '/app/src',
      '/app/src/x.js',
      '/app/y.js',
      '/var',
      '/var/lib',
      '/var/lib/new',
    ]);
  });
});

describe('Explorer filter', () => {
  const explorer = explorerOf([
    [dir('etc'), file('etc/a.conf', 1), dir('opt'), dir('opt/later')],
    [file('opt/later/tool.conf', 2)],
  ]);

  it('never shows the empty ancestors of a path that does not exist at that layer', () => {
    const layout = explorer.layout({ layer: 0, mode: 'layer', filter: 'conf' });
    expect(explorer.view(layout.options).map((r) => r.path)).toEqual(['/etc', '/etc/a.conf']);
    expect(layout.matches).toBe(1);
    const later = explorer.layout({ layer: 1, mode: 'layer', filter: /\.conf$/ });
    expect(later.matches).toBe(2);
    expect(later.count).toBe(5);
  });
});

describe('Explorer on deep and wide models', () => {
  /** A hand-built model: one chain `depth` folders deep, a file at the bottom. */
  function chain(depth: number): CompactModel {
    const paths: string[] = [];
    const parent: number[] = [];
    let path = '';
    for (let i = 0; i < depth; i++) {
      path += '/d';
      paths.push(path);
      parent.push(i - 1);
    }
    paths.push(`${path}/f`);
    parent.push(depth - 1);
    const n = paths.length;
    const col = (v: number) => Array.from({ length: n }, () => v);
    const layer = {
      node: Int32Array.from(paths, (_, i) => i),
      status: Uint8Array.from(col(0)),
      type: Uint8Array.from(paths, (_, i) => (i < depth ? 1 : 0)),
      size: Float64Array.from(paths, (_, i) => (i < depth ? 0 : 7)),
      mode: Uint16Array.from(col(0o755)),
      uid: Uint32Array.from(col(0)),
      gid: Uint32Array.from(col(0)),
      link: {},
    };
    return { v: 2, paths, parent: Int32Array.from(parent), layers: [layer] };
  }

  it('walks 20,000 levels without recursion', () => {
    const explorer = new Explorer(chain(20_000));
    const layout = explorer.layout({ layer: 0, mode: 'layer', hidden: new Set(['unmodified']) });
    expect(layout.count).toBe(20_001);
    const top = explorer.rowAt(layout, 0);
    expect(top).toMatchObject({ status: 'added', size: 7, depth: 0 });
    expect(explorer.rowAt(layout, 20_000)).toMatchObject({ name: 'f', depth: 20_000 });
    expect(explorer.ancestors(20_000)).toHaveLength(20_000);
  });
});

describe('Explorer carets', () => {
  it('gives a folder a caret only when something below it shows', () => {
    const explorer = explorerOf([[dir('a'), file('a/x.txt', 1), dir('b'), file('b/y.log', 1)]]);
    const rows = explorer.view({ layer: 0, mode: 'layer', filter: /\/(a|b)$|\.txt$/ });
    expect(rows.map((r) => [r.path, r.hasChildren])).toEqual([
      ['/a', true],
      ['/a/x.txt', false],
      ['/b', false],
    ]);
  });
});

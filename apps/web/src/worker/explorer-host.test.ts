import { describe, expect, it } from 'vitest';
import { queryOf, type TreeSettings } from '../lib/tree-query.js';
import { ExplorerHost } from './explorer-host.js';
import { testModel } from './test-model.js';

const settings = (over: Partial<TreeSettings> = {}): TreeSettings => ({
  mode: 'layer',
  hidden: new Set(),
  filter: { text: '', regex: false },
  sort: 'name',
  collapsed: new Set(),
  ...over,
});

describe('ExplorerHost', () => {
  const host = new ExplorerHost();
  const info = host.load(testModel());
  const brief = (start = 0, end = 100) =>
    host.slice(start, end).map((r) => `${r.path} ${r.status} ${r.size}`);

  it('loads the model and computes a view, handing out slices', () => {
    expect(info).toMatchObject({ nodeCount: 6, layerCount: 2 });
    expect(host.view(queryOf(settings(), 1))).toMatchObject({ count: 6, focusIndex: -1, opened: [] });
    expect(brief()).toEqual([
      '/etc modified 11',
      '/etc/a modified 11',
      '/etc/b removed 20',
      '/etc/l added 0',
      '/usr unmodified 500',
      '/usr/big unmodified 500',
    ]);
    expect(brief(1, 3)).toEqual(['/etc/a modified 11', '/etc/b removed 20']);
    const withRows = host.view(queryOf(settings(), 1), { start: 1, end: 3 });
    expect(withRows.rows?.map((r) => r.path)).toEqual(['/etc/a', '/etc/b']);
    expect(host.view(queryOf(settings(), 1), { start: 4, end: 100 }).rows?.map((r) => r.path)).toEqual([
      '/usr',
      '/usr/big',
    ]);
    expect(host.slice(4, 100).map((r) => r.path)).toEqual(['/usr', '/usr/big']);
  });

  it('opens collapsed ancestors of a focused path and returns its row', () => {
    const r = host.view(queryOf(settings({ collapsed: new Set([0, 3]) }), 1, '/usr/big'));
    expect(r).toMatchObject({ opened: [3], focusIndex: 2, count: 3 });
    expect(host.slice(0, 10).map((row) => [row.path, row.collapsed])).toEqual([
      ['/etc', true],
      ['/usr', false],
      ['/usr/big', false],
    ]);
  });

  it('filters by substring and regex, reports a bad regex and shows everything then', () => {
    expect(host.view(queryOf(settings({ filter: { text: 'big', regex: false } }), 0)).count).toBe(2);
    host.view(queryOf(settings({ filter: { text: '^/etc/[ab]$', regex: true } }), 0));
    expect(host.slice(0, 10).map((r) => r.path)).toEqual(['/etc', '/etc/a', '/etc/b']);
    const bad = host.view(queryOf(settings({ filter: { text: '(', regex: true } }), 0));
    expect(bad.filterError).toMatch(/regular expression/);
    expect(bad.count).toBe(5);
  });

  it('hides statuses, sorts by size, knows the layers of a path and the directories', () => {
    host.view(queryOf(settings({ hidden: new Set(['unmodified']) }), 1));
    expect(host.slice(0, 10).map((r) => r.path)).toEqual(['/etc', '/etc/a', '/etc/b', '/etc/l']);
    host.view(queryOf(settings({ sort: 'size' }), 0));
    expect(host.slice(0, 10).map((r) => r.path)).toEqual(['/usr', '/usr/big', '/etc', '/etc/b', '/etc/a']);
    expect(host.layersOf('/etc/a')).toEqual([0, 1]);
    expect(host.layersOf('/nope')).toEqual([]);
    expect(host.dirs()).toEqual([0, 3]);
  });

  it('lays the other layers out in idle time after a view, and stops when there are none left', () => {
    const tasks: Array<() => void> = [];
    const idle = new ExplorerHost((task) => tasks.push(task));
    idle.load(testModel());
    idle.view(queryOf(settings(), 0));
    expect(tasks).toEqual([]); // not before the view's rows are asked for
    idle.slice(0, 10);
    expect(idle.prepared(queryOf(settings(), 1))).toBe(false);
    while (tasks.length > 0) (tasks.shift() as () => void)();
    expect(idle.prepared(queryOf(settings(), 1))).toBe(true);
    expect(idle.prepared(queryOf(settings({ mode: 'aggregate' }), 1))).toBe(false);
    idle.view(queryOf(settings(), 1));
    idle.slice(0, 10);
    expect(tasks).toEqual([]);
    // The kept layout gives the same rows as one computed afresh.
    const rows = idle.slice(0, 100).map((r) => `${r.path} ${r.status} ${r.size}`);
    const fresh = new ExplorerHost(() => undefined);
    fresh.load(testModel());
    fresh.view(queryOf(settings(), 1));
    expect(rows).toEqual(fresh.slice(0, 100).map((r) => `${r.path} ${r.status} ${r.size}`));
  });
});

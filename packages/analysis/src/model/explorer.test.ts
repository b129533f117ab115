import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { dir, file, imageOf, symlink, whiteout } from '../test-entries.js';
import { encodeModel } from './compact-model.js';
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

  it('shows the stacked tree at a layer with that layer’s changes marked', () => {
    expect(brief(view({ layer: 1 }))).toEqual([
      'etc unmodified 16',
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
      'etc unmodified 16',
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

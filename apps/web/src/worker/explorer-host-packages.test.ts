import type { CompactModel } from '@strata/analysis';
import { describe, expect, it } from 'vitest';
import { queryOf } from '../lib/tree-query.js';
import { ExplorerHost } from './explorer-host.js';
import { testModel } from './test-model.js';

/** The test model with a package table: /etc/a and /etc/l are app's (1.0 gone at 1, then 2.0), /usr/big is big's. */
function withPackages(): CompactModel {
  return {
    ...testModel(),
    packages: [
      { manager: 'dpkg', name: 'app', version: '2.0', layer: 1 },
      { manager: 'dpkg', name: 'big', version: '1', layer: 0 },
      { manager: 'dpkg', name: 'app', version: '1.0', layer: 0, goneAt: 1 },
    ],
    // paths: /etc, /etc/a, /etc/b, /usr, /usr/big, /etc/l
    owner: Uint32Array.of(0, 1, 3, 0, 2, 1),
  };
}

describe('ExplorerHost with a package table', () => {
  const host = new ExplorerHost();
  const info = host.load(withPackages());
  const settings = {
    mode: 'layer' as const,
    hidden: new Set<never>(),
    filter: { text: '', regex: false },
    sort: 'name' as const,
    collapsed: new Set<number>(),
  };
  const rows = () => host.slice(0, 100).map((r) => `${r.path} ${r.pkg}`);

  it('hands the table to the page and each row its package', () => {
    expect(info.packages?.map((p) => p.name)).toEqual(['app', 'big', 'app']);
    host.view(queryOf(settings, 1));
    expect(rows()).toEqual(['/etc 0', '/etc/a 1', '/etc/b 3', '/etc/l 1', '/usr 0', '/usr/big 2']);
  });

  it('a spec without a version takes every version of the name; with one, that version', () => {
    expect(host.view(queryOf({ ...settings, pkg: { manager: 'dpkg', name: 'app' } }, 1)).matches).toBe(3);
    expect(rows()).toEqual(['/etc 0', '/etc/a 1', '/etc/b 3', '/etc/l 1']);
    const v1 = queryOf({ ...settings, pkg: { manager: 'dpkg', name: 'app', version: '1.0' } }, 1);
    expect(host.view(v1).matches).toBe(1);
    expect(rows()).toEqual(['/etc 0', '/etc/b 3']);
    // Layer 0: /etc/b is there, /etc/l not yet.
    expect(host.view(queryOf({ ...settings, pkg: { manager: 'dpkg', name: 'app' } }, 0)).matches).toBe(2);
  });

  it('combines with the path filter, and a package the table lacks matches nothing', () => {
    const both = queryOf(
      { ...settings, filter: { text: '/a', regex: false }, pkg: { manager: 'dpkg', name: 'app' } },
      1,
    );
    expect(host.view(both).matches).toBe(1);
    expect(rows()).toEqual(['/etc 0', '/etc/a 1']);
    expect(host.view(queryOf({ ...settings, pkg: { manager: 'npm', name: 'app' } }, 1))).toMatchObject({
      count: 0,
      matches: 0,
    });
  });
});

import type { ModelPackage } from '@strata/analysis';
import { describe, expect, it } from 'vitest';
import { urlStateOf, settingsFromUrl } from '../store/url-of-state.js';
import type { AppState } from '../store/types.js';
import { formatPackageParam, packageIndices, parsePackageParam, searchPackages } from './package-filter.js';
import { formatUrlState, parseUrlState } from './url-state.js';

const table: ModelPackage[] = [
  { manager: 'dpkg', name: 'bash', version: '5.2.15-2+b2', layer: 0 },
  { manager: 'dpkg', name: 'libc-bin', version: '2.36-9', layer: 0 },
  { manager: 'npm', name: '@scope/bash-ish', version: '1.0.0', layer: 2 },
  { manager: 'dpkg', name: 'tzdata', version: '1:2024a-0', layer: 1 },
  { manager: 'dpkg', name: 'bash', version: '5.1-2', layer: 0, goneAt: 1 },
];

describe('the package filter', () => {
  it('reads and writes `manager:name[:version]`, a version keeping its epoch colon', () => {
    for (const text of ['dpkg:bash', 'dpkg:tzdata:1:2024a-0', 'npm:@scope/bash-ish:1.0.0'])
      expect(formatPackageParam(parsePackageParam(text) ?? { manager: 'apk', name: '?' })).toBe(text);
    expect(parsePackageParam('dpkg:tzdata:1:2024a-0')).toEqual({
      manager: 'dpkg',
      name: 'tzdata',
      version: '1:2024a-0',
    });
    expect(parsePackageParam('rpm:bash')).toBeUndefined();
    expect(parsePackageParam('dpkg:')).toBeUndefined();
    expect(parsePackageParam('bash')).toBeUndefined();
  });

  it('names table entries: one version, or every version of the name', () => {
    expect(packageIndices(table, { manager: 'dpkg', name: 'bash', version: '5.1-2' })).toEqual([5]);
    expect(packageIndices(table, { manager: 'dpkg', name: 'bash' })).toEqual([1, 5]);
    expect(packageIndices(table, { manager: 'npm', name: 'bash' })).toEqual([]);
  });

  it('searches names, those that start with the text first', () => {
    expect(searchPackages(table, 'BASH', 10).map((o) => [o.index, o.pkg.version])).toEqual([
      [1, '5.2.15-2+b2'],
      [5, '5.1-2'],
      [3, '1.0.0'],
    ]);
    expect(searchPackages(table, '', 2).map((o) => o.pkg.name)).toEqual(['@scope/bash-ish', 'bash']);
  });

  it('is part of a deep link, readable, and comes back from it', () => {
    const tree = { pkg: { manager: 'dpkg', name: 'tzdata', version: '1:2024a-0' } };
    const state = {
      analysisId: 'sha256-ab',
      layer: 2,
      tree: {
        mode: 'layer',
        hidden: new Set(),
        filter: { text: 'zone', regex: false },
        sort: 'name',
        ...tree,
      },
      pane: 'tree',
      tab: 'files',
    } as unknown as AppState;
    const url = formatUrlState(urlStateOf(state));
    expect(url).toBe('/?analysis=sha256-ab&layer=2&q=zone&pkg=dpkg:tzdata:1:2024a-0');
    expect(settingsFromUrl(parseUrlState(url.slice(1)))).toEqual({
      filter: { text: 'zone', regex: false, matchCase: false },
      ...tree,
    });
  });
});

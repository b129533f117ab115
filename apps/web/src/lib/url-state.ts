/**
 * What the address bar holds, so a link can be shared and a reload lands on the same place: the
 * analysis, layer and path, and the view around them (compare mode, hidden change types, filter,
 * package filter, sort, the platform the analysis is for, the focused pane and the open tab). Defaults are left
 * out, so a plain link stays short. Query parameters on `/` work with any static file server.
 */
import type { ChangeStatus } from '@strata/analysis';

export type UrlPane = 'layers' | 'tree';
export type UrlTab = 'files' | 'config' | 'json';

export interface UrlState {
  analysis?: string;
  layer?: number;
  path?: string;
  /** Compare mode; absent = this layer. */
  mode?: 'aggregate';
  hidden?: ChangeStatus[];
  filter?: string;
  regex?: boolean;
  matchCase?: boolean;
  /** "Files of package X": `manager:name[:version]` (lib/package-filter.ts). */
  pkg?: string;
  sort?: 'size';
  platform?: string;
  pane?: UrlPane;
  tab?: Exclude<UrlTab, 'files'>;
}

const STATUSES: readonly ChangeStatus[] = ['added', 'modified', 'removed', 'unmodified'];

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const state: UrlState = {};
  const analysis = q.get('analysis');
  if (analysis) state.analysis = analysis;
  const layer = Number(q.get('layer'));
  if (q.has('layer') && Number.isInteger(layer) && layer >= 0) state.layer = layer;
  const path = q.get('path');
  if (path && path.startsWith('/')) state.path = path;
  if (q.get('mode') === 'aggregate') state.mode = 'aggregate';
  const hidden = (q.get('hide') ?? '')
    .split(',')
    .filter((s): s is ChangeStatus => STATUSES.includes(s as ChangeStatus));
  if (hidden.length > 0) state.hidden = STATUSES.filter((s) => hidden.includes(s));
  const filter = q.get('q');
  if (filter) state.filter = filter;
  if (q.get('regex') === '1') state.regex = true;
  if (q.get('case') === '1') state.matchCase = true;
  const pkg = q.get('pkg');
  if (pkg) state.pkg = pkg;
  if (q.get('sort') === 'size') state.sort = 'size';
  const platform = q.get('platform');
  if (platform && /^[\w.-]+\/[\w.-]+(\/[\w.-]+)?$/.test(platform)) state.platform = platform;
  const pane = q.get('pane');
  if (pane === 'layers' || pane === 'tree') state.pane = pane;
  const tab = q.get('tab');
  if (tab === 'config' || tab === 'json') state.tab = tab;
  return state;
}

export function formatUrlState(state: UrlState): string {
  if (!state.analysis) return '/';
  const q = new URLSearchParams({ analysis: state.analysis });
  if (state.platform) q.set('platform', state.platform);
  if (state.layer !== undefined) q.set('layer', String(state.layer));
  if (state.mode) q.set('mode', state.mode);
  if (state.hidden && state.hidden.length > 0) q.set('hide', state.hidden.join(','));
  if (state.filter) q.set('q', state.filter);
  if (state.regex) q.set('regex', '1');
  if (state.matchCase) q.set('case', '1');
  if (state.pkg) q.set('pkg', state.pkg);
  if (state.sort) q.set('sort', state.sort);
  if (state.pane) q.set('pane', state.pane);
  if (state.tab) q.set('tab', state.tab);
  if (state.path) q.set('path', state.path);
  // Slashes, commas, colons and @ stay readable in a shared link (RFC 3986 allows them in a
  // query); URLSearchParams would encode them.
  return `/?${q
    .toString()
    .replace(/%2F/g, '/')
    .replace(/%2C/g, ',')
    .replace(/%3A/g, ':')
    .replace(/%40/g, '@')}`;
}

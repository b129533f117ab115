/**
 * The store's place as a URL state, and back: what a deep link keeps (lib/url-state.ts).
 * Pure, so the round trip is tested without a browser.
 */
import { formatPackageParam, parsePackageParam } from '../lib/package-filter.js';
import type { UrlState } from '../lib/url-state.js';
import { STATUS_ORDER, type TreeSettings } from '../lib/tree-query.js';
import type { AppState } from './types.js';

export function urlStateOf(s: AppState): UrlState {
  if (!s.analysisId) return {};
  const { tree } = s;
  const state: UrlState = { analysis: s.analysisId, layer: s.layer };
  const platform = s.report?.image.platform ?? s.requestedPlatform;
  if (platform) state.platform = platform;
  if (tree.mode === 'aggregate') state.mode = 'aggregate';
  const hidden = STATUS_ORDER.filter((x) => tree.hidden.has(x));
  if (hidden.length > 0) state.hidden = hidden;
  if (tree.filter.text) state.filter = tree.filter.text;
  if (tree.filter.regex) state.regex = true;
  if (tree.filter.matchCase) state.matchCase = true;
  if (tree.pkg) state.pkg = formatPackageParam(tree.pkg);
  if (tree.sort === 'size') state.sort = 'size';
  if (s.pane === 'layers') state.pane = 'layers';
  if (s.tab !== 'files') state.tab = s.tab;
  const path = tree.cursorRow?.path;
  if (path) state.path = path;
  return state;
}

/** Tree settings a link asks for (the rest stay at their defaults). */
export function settingsFromUrl(at: UrlState): Partial<TreeSettings> {
  const out: Partial<TreeSettings> = {};
  if (at.mode) out.mode = at.mode;
  if (at.hidden) out.hidden = new Set(at.hidden);
  if (at.filter || at.regex || at.matchCase)
    out.filter = { text: at.filter ?? '', regex: at.regex ?? false, matchCase: at.matchCase ?? false };
  const pkg = at.pkg === undefined ? undefined : parsePackageParam(at.pkg);
  if (pkg) out.pkg = pkg;
  if (at.sort) out.sort = at.sort;
  return out;
}

/**
 * Glue between the store's tree settings and the worker's query, and the small decisions around
 * it: which statuses are hidden, how collapse sets change, where the cursor lands after a view.
 */
import type { ChangeStatus, CompareMode, SortKey } from '@strata/analysis';
import type { FilterSpec } from './filter.js';
import type { PackageSpec } from './package-filter.js';
import type { TreeQuery } from '../worker/protocol.js';

export interface TreeSettings {
  mode: CompareMode;
  hidden: ReadonlySet<ChangeStatus>;
  filter: FilterSpec;
  /** "Files of package X"; undefined: every file. */
  pkg?: PackageSpec | undefined;
  sort: SortKey;
  collapsed: ReadonlySet<number>;
}

export const STATUS_ORDER: ChangeStatus[] = ['added', 'modified', 'removed', 'unmodified'];

export function queryOf(settings: TreeSettings, layer: number, focusPath?: string): TreeQuery {
  const query: TreeQuery = {
    layer,
    mode: settings.mode,
    // Stable order: the same settings always make the same query.
    hidden: STATUS_ORDER.filter((s) => settings.hidden.has(s)),
    filter: settings.filter,
    sort: settings.sort,
    collapsed: [...settings.collapsed].sort((a, b) => a - b),
  };
  if (settings.pkg) query.pkg = settings.pkg;
  if (focusPath !== undefined) query.focusPath = focusPath;
  return query;
}

export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

export function without<T>(set: ReadonlySet<T>, items: readonly T[]): ReadonlySet<T> {
  if (items.length === 0) return set;
  const next = new Set(set);
  for (const item of items) next.delete(item);
  return next;
}

/** Cursor after a new view: on the focused path if it shows, else as close as the list allows. */
export function cursorAfterView(previous: number, focusIndex: number, count: number): number {
  if (focusIndex >= 0) return focusIndex;
  return Math.max(0, Math.min(previous, count - 1));
}

/** Index of the parent row of row `index` among loaded rows (depth one less, searching up). */
export function parentIndex(rows: ReadonlyArray<{ depth: number }>, start: number, index: number): number {
  const row = rows[index - start];
  if (!row || row.depth === 0) return -1;
  for (let i = index - start - 1; i >= 0; i--) {
    if ((rows[i] as { depth: number }).depth === row.depth - 1) return i + start;
  }
  return -1;
}

/** The layer an inefficient file is best revealed at when it does not show at the current one. */
export function revealLayer(current: number, layers: readonly number[]): number {
  // Prefer the latest layer it appears in at or before the current one, else its first layer.
  const before = layers.filter((l) => l <= current);
  return before.length > 0 ? (before[before.length - 1] as number) : (layers[0] ?? current);
}

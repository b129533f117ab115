/**
 * The file tree: its settings, the size of the current view, and only the window of rows the
 * list shows (fetched from the worker). Rows are looked up by index, so one row's component
 * re-renders only when its own row or the cursor on it changes.
 */
import type { ChangeStatus, Row } from '@strata/analysis';
import type { FilterSpec } from '../lib/filter.js';
import type { PackageSpec } from '../lib/package-filter.js';
import { moveCursor } from '../lib/keyboard.js';
import {
  cursorAfterView,
  parentIndex,
  queryOf,
  revealLayer,
  toggled,
  without,
  type TreeSettings,
} from '../lib/tree-query.js';
import { contains, type Range } from '../lib/virtual-window.js';
import type { ViewResult } from '../worker/protocol.js';
import type { Slice } from './types.js';

/** Rows fetched beyond the visible ones, so small scrolls need no round trip. */
const MARGIN = 60;

export interface RowWindow {
  seq: number;
  start: number;
  rows: Row[];
}

export interface TreeState extends TreeSettings {
  seq: number;
  count: number;
  window: RowWindow;
  visible: Range;
  cursor: number;
  cursorRow: Row | undefined;
  /** Bumped to ask the list to scroll the cursor into view (centered after a reveal). */
  scroll: { seq: number; center: boolean };
  filterError: string | undefined;
  cursorLayers: number[];
  /** A performance measure to end once the rows of view `seq` are on screen. */
  measure: { name: string; seq: number } | undefined;
  lastView: ViewResult | undefined;
}

export interface RefreshOptions {
  focusPath?: string | undefined;
  /** Keep the cursor's path under the cursor (default), unless a focusPath is given. */
  keepFocus?: boolean;
  measure?: string;
  center?: boolean;
}

export interface TreeSlice {
  tree: TreeState;
  resetTree(): void;
  refreshView(options?: RefreshOptions): Promise<ViewResult | undefined>;
  setVisible(range: Range): void;
  setCursor(index: number): void;
  moveBy(delta: number): void;
  toggleCollapse(index?: number): void;
  expandOrDescend(): void;
  collapseOrAscend(): void;
  collapseAll(): Promise<void>;
  expandAll(): void;
  setMode(mode: TreeSettings['mode']): void;
  toggleHidden(status: ChangeStatus): void;
  setSort(sort: TreeSettings['sort']): void;
  setFilter(filter: FilterSpec): void;
  /** "Files of package X"; undefined shows every file again. */
  setPackage(pkg: PackageSpec | undefined): void;
  reveal(path: string, layers: number[]): Promise<void>;
  measured(): void;
}

const initialTree = (): TreeState => ({
  mode: 'layer',
  hidden: new Set(),
  filter: { text: '', regex: false },
  pkg: undefined,
  sort: 'name',
  collapsed: new Set(),
  seq: 0,
  count: 0,
  window: { seq: 0, start: 0, rows: [] },
  visible: { start: 0, end: 60 },
  cursor: 0,
  cursorRow: undefined,
  scroll: { seq: 0, center: false },
  filterError: undefined,
  cursorLayers: [],
  measure: undefined,
  lastView: undefined,
});

export const createTreeSlice: Slice<TreeSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<TreeState>): void => set({ tree: { ...get().tree, ...p } });
  let layersSeq = 0;

  const updateCursorRow = (): void => {
    const { window, cursor, cursorRow } = get().tree;
    const row = window.rows[cursor - window.start];
    if (!row || row === cursorRow) return;
    patch({ cursorRow: row });
    const mine = ++layersSeq;
    deps
      .explorer()
      .call({ op: 'layersOf', path: row.path })
      .then((layers) => mine === layersSeq && patch({ cursorLayers: layers }))
      .catch(() => undefined);
  };

  const fetchWindow = async (seq: number): Promise<void> => {
    const { visible, count } = get().tree;
    const start = Math.max(0, visible.start - MARGIN);
    const end = Math.min(count, visible.end + MARGIN);
    const rows = await deps.explorer().call({ op: 'rows', start, end });
    if (get().tree.seq !== seq) return;
    patch({ window: { seq, start, rows } });
    updateCursorRow();
  };

  const windowRange = (): Range => {
    const w = get().tree.window;
    return { start: w.start, end: w.start + w.rows.length };
  };

  return {
    tree: initialTree(),

    resetTree() {
      set({ tree: { ...initialTree(), seq: get().tree.seq + 1 } });
    },

    async refreshView(options = {}) {
      const state = get();
      const tree = state.tree;
      const seq = tree.seq + 1;
      if (options.measure) deps.mark(`${options.measure}:start`);
      patch({ seq, ...(options.measure ? { measure: { name: options.measure, seq } } : {}) });
      const focusPath = options.focusPath ?? (options.keepFocus === false ? undefined : tree.cursorRow?.path);
      let result: ViewResult;
      try {
        result = await deps.explorer().call({ op: 'view', query: queryOf(tree, state.layer, focusPath) });
      } catch {
        return undefined;
      }
      if (get().tree.seq !== seq) return undefined;
      const cursor = cursorAfterView(get().tree.cursor, result.focusIndex, result.count);
      patch({
        count: result.count,
        collapsed: without(get().tree.collapsed, result.opened),
        cursor,
        cursorRow: undefined,
        filterError: result.filterError,
        lastView: result,
        scroll: { seq: get().tree.scroll.seq + 1, center: options.center ?? false },
      });
      await fetchWindow(seq);
      return result;
    },

    setVisible(range) {
      const tree = get().tree;
      if (range.start === tree.visible.start && range.end === tree.visible.end) return;
      patch({ visible: range });
      const wanted = { start: range.start, end: Math.min(range.end, tree.count) };
      if (!contains(windowRange(), wanted)) void fetchWindow(tree.seq);
    },

    setCursor(index) {
      const { count } = get().tree;
      patch({
        cursor: moveCursor(index, 0, count),
        scroll: { seq: get().tree.scroll.seq + 1, center: false },
      });
      updateCursorRow();
    },

    moveBy(delta) {
      const { cursor } = get().tree;
      get().setCursor(cursor + delta);
    },

    toggleCollapse(index) {
      const tree = get().tree;
      const at = index ?? tree.cursor;
      const row = tree.window.rows[at - tree.window.start];
      if (!row?.hasChildren) return;
      patch({ collapsed: toggled(tree.collapsed, row.node), cursor: at, cursorRow: row });
      void get().refreshView({ focusPath: row.path, measure: 'strata:toggle' });
    },

    expandOrDescend() {
      const { cursorRow } = get().tree;
      if (cursorRow?.hasChildren && cursorRow.collapsed) get().toggleCollapse();
      else get().moveBy(1);
    },

    collapseOrAscend() {
      const tree = get().tree;
      const row = tree.cursorRow;
      if (row?.hasChildren && !row.collapsed) return get().toggleCollapse();
      const parent = parentIndex(tree.window.rows, tree.window.start, tree.cursor);
      if (parent >= 0) get().setCursor(parent);
    },

    async collapseAll() {
      const dirs = await deps.explorer().call({ op: 'dirs' });
      patch({ collapsed: new Set(dirs), cursor: 0, cursorRow: undefined });
      await get().refreshView({ keepFocus: false, measure: 'strata:collapse-all' });
    },

    expandAll() {
      patch({ collapsed: new Set() });
      void get().refreshView({ measure: 'strata:expand-all' });
    },

    setMode(mode) {
      patch({ mode });
      void get().refreshView({ measure: 'strata:mode' });
    },

    toggleHidden(status) {
      patch({ hidden: toggled(get().tree.hidden, status) });
      void get().refreshView({ measure: 'strata:hide' });
    },

    setSort(sort) {
      patch({ sort });
      void get().refreshView({ measure: 'strata:sort' });
    },

    setFilter(filter) {
      patch({ filter });
      void get().refreshView({ measure: 'strata:filter' });
    },

    setPackage(pkg) {
      patch({ pkg });
      void get().refreshView({ measure: 'strata:package' });
    },

    async reveal(path, layers) {
      set({ markedLayers: layers, markedPath: path, pane: 'tree' });
      const first = await get().refreshView({ focusPath: path, center: true });
      if (!first || first.focusIndex >= 0) return;
      // Not at this layer, or hidden by the filter: go where it shows, with nothing hiding it.
      set({ layer: revealLayer(get().layer, layers) });
      patch({ filter: { text: '', regex: get().tree.filter.regex }, pkg: undefined, hidden: new Set() });
      await get().refreshView({ focusPath: path, center: true });
    },

    measured() {
      const m = get().tree.measure;
      if (!m) return;
      patch({ measure: undefined });
      deps.mark(`${m.name}:end`);
    },
  };
};

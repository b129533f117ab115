/**
 * What the worker does, without the worker: holds the Explorer and the last view's rows, and
 * hands out slices of them. Only the visible slice crosses to the page, so a 100,000-row view
 * costs one postMessage of ~60 rows. Plain class, so vitest runs it without a browser.
 */
import { Explorer, type CompactModel, type Layout, type Row, type ViewOptions } from '@strata/analysis';
import { parseFilter } from '../lib/filter.js';
import { Layouts, type Idle } from './layouts.js';
import type { ModelInfo, RowRange, TreeQuery, ViewResult } from './protocol.js';
import { packageIndices } from '../lib/package-filter.js';

export class ExplorerHost {
  private explorer: Explorer | undefined;
  private layout: Layout | undefined;
  private layouts: Layouts | undefined;
  /** The last view's neighbours are not queued yet: that waits for its first rows. */
  private warmPending = false;

  constructor(private readonly idle: Idle = (task) => setTimeout(task, 0)) {}

  load(model: CompactModel): ModelInfo {
    const t0 = performance.now();
    this.explorer = new Explorer(model);
    this.layout = undefined;
    this.layouts?.dispose();
    this.layouts = new Layouts(this.explorer, this.idle);
    return {
      nodeCount: this.explorer.nodeCount,
      layerCount: this.explorer.layerCount,
      packages: model.packages,
      ms: performance.now() - t0,
    };
  }

  /** A new view; with `rows`, its rows in that range too. */
  view(query: TreeQuery, rows?: RowRange): ViewResult {
    const explorer = this.need();
    const t0 = performance.now();
    const { options, focus, opened, filterError } = this.optionsOf(query, explorer);
    const layouts = this.needLayouts();
    const layout = layouts.get(options);
    this.layout = layout;
    this.warmPending = true;
    const focusIndex = focus === undefined ? -1 : explorer.indexOf(layout, focus);
    const result: ViewResult = {
      count: layout.count,
      focusIndex,
      opened,
      matches: layout.matches,
      ms: performance.now() - t0,
    };
    if (filterError !== undefined) result.filterError = filterError;
    if (rows) result.rows = this.slice(rows.start, rows.end);
    return result;
  }

  /** The explorer's options for a query: the focused path's collapsed ancestors opened. */
  private optionsOf(
    query: TreeQuery,
    explorer: Explorer,
  ): { options: ViewOptions; focus: number | undefined; opened: number[]; filterError?: string } {
    const collapsed = new Set(query.collapsed);
    const opened: number[] = [];
    const focus = query.focusPath === undefined ? undefined : explorer.find(query.focusPath);
    if (focus !== undefined) {
      for (const a of explorer.ancestors(focus)) {
        if (collapsed.delete(a)) opened.push(a);
      }
    }
    const parsed = parseFilter(query.filter);
    const options: ViewOptions = {
      layer: query.layer,
      mode: query.mode,
      hidden: new Set(query.hidden),
      filter: parsed.ok ? parsed.filter : undefined,
      ...(query.pkg ? { packages: packageIndices(explorer.model.packages ?? [], query.pkg) } : {}),
      sort: query.sort,
      collapsed,
    };
    return parsed.ok ? { options, focus, opened } : { options, focus, opened, filterError: parsed.error };
  }

  /** Rows are built only for the slice asked for: a million-row view holds no row objects. */
  slice(start: number, end: number): Row[] {
    const layout = this.layout;
    if (!layout || !this.explorer) return [];
    const rows: Row[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, layout.count); i++)
      rows.push(this.explorer.rowAt(layout, i));
    // A view is followed by the page's request for its rows: laying other layers out before
    // that would hold the rows back (the first tree row, every layer switch).
    if (this.warmPending) {
      this.warmPending = false;
      this.layouts?.warmAround(layout.options);
    }
    return rows;
  }

  layersOf(path: string): number[] {
    const explorer = this.need();
    const node = explorer.find(path);
    return node === undefined ? [] : explorer.layersOf(node);
  }

  /** The layout of a query is kept already (so a switch to it is a lookup). */
  prepared(query: TreeQuery): boolean {
    const { options } = this.optionsOf(query, this.need());
    return this.needLayouts().has(options);
  }

  /** Every directory node, for "collapse all". */
  dirs(): number[] {
    return this.need().dirs();
  }

  private needLayouts(): Layouts {
    this.need();
    return this.layouts as Layouts;
  }

  private need(): Explorer {
    if (!this.explorer) throw new Error('no model loaded');
    return this.explorer;
  }
}

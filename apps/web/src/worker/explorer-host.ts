/**
 * What the worker does, without the worker: holds the Explorer and the last view's rows, and
 * hands out slices of them. Only the visible slice crosses to the page, so a 100,000-row view
 * costs one postMessage of ~60 rows. Plain class, so vitest runs it without a browser.
 */
import { Explorer, type CompactModel, type Layout, type Row } from '@strata/analysis';
import { parseFilter } from '../lib/filter.js';
import type { ModelInfo, TreeQuery, ViewResult } from './protocol.js';
import { packageIndices } from '../lib/package-filter.js';

export class ExplorerHost {
  private explorer: Explorer | undefined;
  private layout: Layout | undefined;

  load(model: CompactModel): ModelInfo {
    const t0 = performance.now();
    this.explorer = new Explorer(model);
    this.layout = undefined;
    return {
      nodeCount: this.explorer.nodeCount,
      layerCount: this.explorer.layerCount,
      packages: model.packages,
      ms: performance.now() - t0,
    };
  }

  view(query: TreeQuery): ViewResult {
    const explorer = this.need();
    const t0 = performance.now();
    const collapsed = new Set(query.collapsed);
    const opened: number[] = [];
    const focus = query.focusPath === undefined ? undefined : explorer.find(query.focusPath);
    if (focus !== undefined) {
      for (const a of explorer.ancestors(focus)) {
        if (collapsed.delete(a)) opened.push(a);
      }
    }
    const parsed = parseFilter(query.filter);
    const layout = explorer.layout({
      layer: query.layer,
      mode: query.mode,
      hidden: new Set(query.hidden),
      filter: parsed.ok ? parsed.filter : undefined,
      ...(query.pkg ? { packages: packageIndices(explorer.model.packages ?? [], query.pkg) } : {}),
      sort: query.sort,
      collapsed,
    });
    this.layout = layout;
    const focusIndex = focus === undefined ? -1 : layout.nodes.indexOf(focus);
    const result: ViewResult = {
      count: layout.count,
      focusIndex,
      opened,
      matches: layout.matches,
      ms: performance.now() - t0,
    };
    if (!parsed.ok) result.filterError = parsed.error;
    return result;
  }

  /** Rows are built only for the slice asked for: a million-row view holds no row objects. */
  slice(start: number, end: number): Row[] {
    const layout = this.layout;
    if (!layout || !this.explorer) return [];
    const rows: Row[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, layout.count); i++)
      rows.push(this.explorer.rowAt(layout, i));
    return rows;
  }

  layersOf(path: string): number[] {
    const explorer = this.need();
    const node = explorer.find(path);
    return node === undefined ? [] : explorer.layersOf(node);
  }

  /** Every directory node, for "collapse all". */
  dirs(): number[] {
    return this.need().dirs();
  }

  private need(): Explorer {
    if (!this.explorer) throw new Error('no model loaded');
    return this.explorer;
  }
}

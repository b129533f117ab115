/**
 * What the worker does, without the worker: holds the Explorer and the last view's rows, and
 * hands out slices of them. Only the visible slice crosses to the page, so a 100,000-row view
 * costs one postMessage of ~60 rows. Plain class, so vitest runs it without a browser.
 */
import { Explorer, type CompactModel, type Row } from '@strata/analysis';
import { parseFilter } from '../lib/filter.js';
import type { ModelInfo, TreeQuery, ViewResult } from './protocol.js';

export class ExplorerHost {
  private explorer: Explorer | undefined;
  private rows: Row[] = [];

  load(model: CompactModel): ModelInfo {
    const t0 = performance.now();
    this.explorer = new Explorer(model);
    this.rows = [];
    return {
      nodeCount: this.explorer.nodeCount,
      layerCount: this.explorer.layerCount,
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
    this.rows = explorer.view({
      layer: query.layer,
      mode: query.mode,
      hidden: new Set(query.hidden),
      filter: parsed.ok ? parsed.filter : undefined,
      sort: query.sort,
      collapsed,
    });
    const focusIndex = focus === undefined ? -1 : this.rows.findIndex((r) => r.node === focus);
    const result: ViewResult = { count: this.rows.length, focusIndex, opened, ms: performance.now() - t0 };
    if (!parsed.ok) result.filterError = parsed.error;
    return result;
  }

  slice(start: number, end: number): Row[] {
    return this.rows.slice(Math.max(0, start), Math.max(0, end));
  }

  layersOf(path: string): number[] {
    const explorer = this.need();
    const node = explorer.find(path);
    return node === undefined ? [] : explorer.layersOf(node);
  }

  /** Every directory node, for "collapse all". */
  dirs(): number[] {
    const explorer = this.need();
    const out: number[] = [];
    const model = explorer.model;
    const isParent = new Uint8Array(explorer.nodeCount);
    for (const p of model.parent) if (p >= 0) isParent[p] = 1;
    isParent.forEach((v, node) => v && out.push(node));
    return out;
  }

  private need(): Explorer {
    if (!this.explorer) throw new Error('no model loaded');
    return this.explorer;
  }
}

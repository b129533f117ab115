/**
 * What the worker does, without the worker: holds the Explorer and the last view's rows, and
 * hands out slices of them. Only the visible slice crosses to the page, so a 100,000-row view
 * costs one postMessage of ~60 rows. Plain class, so vitest runs it without a browser.
 */
import { Explorer, type CompactModel, type Layout, type Row } from '@strata/analysis';
import { parseFilter } from '../lib/filter.js';
import type { ModelInfo, TreeQuery, ViewResult } from './protocol.js';

/** Runs a task when the worker has nothing else to do (a macrotask: messages waiting go first). */
export type Idle = (task: () => void) => void;

export class ExplorerHost {
  private explorer: Explorer | undefined;
  private layout: Layout | undefined;
  /** Layer states to compute in idle time, next first. */
  private warmQueue: number[] = [];
  private warmMode: TreeQuery['mode'] = 'layer';
  private warming = false;

  constructor(private readonly idle: Idle = (task) => setTimeout(task, 0)) {}

  load(model: CompactModel): ModelInfo {
    const t0 = performance.now();
    this.explorer = new Explorer(model);
    this.layout = undefined;
    this.warmQueue = [];
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
    const layout = explorer.layout({
      layer: query.layer,
      mode: query.mode,
      hidden: new Set(query.hidden),
      filter: parsed.ok ? parsed.filter : undefined,
      sort: query.sort,
      collapsed,
    });
    this.layout = layout;
    this.warmAround(query.layer, query.mode);
    const focusIndex = focus === undefined ? -1 : explorer.indexOf(layout, focus);
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

  /** The state of a layer is computed already (so a switch to it only lays rows out). */
  prepared(layer: number, mode: TreeQuery['mode']): boolean {
    return this.need().prepared(layer, mode);
  }

  /**
   * After a view, the other layers' states are computed one per idle turn, nearest first (the
   * next layer before the previous), so a layer switch finds its state ready: ~40 ms each on a
   * million paths, and a request arriving meanwhile waits for one of them at most.
   */
  private warmAround(layer: number, mode: TreeQuery['mode']): void {
    const explorer = this.need();
    const order: number[] = [];
    for (let d = 1; d < explorer.layerCount; d++) {
      if (layer + d < explorer.layerCount) order.push(layer + d);
      if (layer - d >= 0) order.push(layer - d);
    }
    this.warmMode = mode;
    this.warmQueue = order.filter((l) => !explorer.prepared(l, mode));
    if (this.warming || this.warmQueue.length === 0) return;
    this.warming = true;
    this.idle(() => this.warmStep());
  }

  private warmStep(): void {
    const next = this.warmQueue.shift();
    if (next !== undefined && this.explorer) this.explorer.prepare(next, this.warmMode);
    if (this.warmQueue.length > 0) this.idle(() => this.warmStep());
    else this.warming = false;
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

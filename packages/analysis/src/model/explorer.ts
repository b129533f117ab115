/**
 * The file tree explorer over a CompactModel: a union tree of every path the image ever has,
 * each node with its events (layer, change) in layer order. A view at layer L shows a node when
 * its last event up to L leaves it present (or removes it in L itself, shown struck through); the
 * mark is its change in L ("layer" mode, dive's default) or its change since the base layer
 * ("aggregate" mode, dive's "all changes up to this layer").
 *
 * Directories roll their subtree up, as dive marks them (dive filetree/file_node.go
 * `deriveDiffType`): added when the directory and everything below it are new, removed when it
 * goes with everything below, modified when anything below changed. Paths can be thousands of levels deep and a model can hold a million
 * of them, so every pass here is iterative and runs over typed arrays, parents before children
 * (the model's order) or children before parents (reversed); a layer switch costs a few O(n)
 * passes and allocates no object per node. Pure; runs in a Web Worker.
 */
import type { ChangeStatus } from '../stack.js';
import type { EntryType } from '../types.js';
import { STATUSES, TYPES, type CompactModel } from './compact-model.js';

export type CompareMode = 'layer' | 'aggregate';
export type SortKey = 'name' | 'size';

export interface ViewOptions {
  layer: number;
  mode: CompareMode;
  /** Statuses to hide (a directory still shows when something under it shows). */
  hidden?: ReadonlySet<ChangeStatus>;
  /** Substring, or a RegExp, tested on the absolute path; a node shows when it or a descendant matches. */
  filter?: string | RegExp;
  /** Package table indices + 1 whose files show; with `filter`, a node must pass both. */
  packages?: readonly number[];
  sort?: SortKey;
  /** Directories shown closed. */
  collapsed?: ReadonlySet<number>;
}

export interface Row {
  node: number;
  name: string;
  path: string;
  depth: number;
  /** For a directory, rolled up from what is below it. */
  status: ChangeStatus;
  /** A directory whose status comes from below it (its own entry did not change that way). */
  rolledUp: boolean;
  type: EntryType;
  /** Files: their size; directories: the sum of what is under them at this layer. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string;
  /** Owning package: its index in the model's package table + 1, 0 for none. */
  pkg: number;
  hasChildren: boolean;
  collapsed: boolean;
}

/** A computed view: the rows' nodes and depths in display order, rows built on demand. */
export interface Layout {
  count: number;
  nodes: Int32Array;
  depths: Int32Array;
  /** Present nodes whose own path matches the filter; -1 without a filter. */
  matches: number;
  options: ViewOptions;
  /** Per node: it shows in this view (collapsed directories aside). */
  show: Uint8Array;
}

const ADDED = 0;
const MODIFIED = 1;
const REMOVED = 2;
const UNMODIFIED = 3;
const DIR = TYPES.indexOf('dir');

/** Everything a view needs about every node at one layer in one mode. */
interface LayerState {
  /** Event index of the node's last event up to the layer, -1 when it has none. */
  last: Int32Array;
  present: Uint8Array;
  /** Own status code (into STATUSES) and the rolled-up one. */
  own: Uint8Array;
  status: Uint8Array;
  sizes: Float64Array;
}

const STATE_CACHE = 3;

export class Explorer {
  readonly nodeCount: number;
  readonly layerCount: number;
  private readonly names: string[];
  private readonly parent: Int32Array;
  /** Children in CSR form, sorted by name: childList[childStart[n] .. childStart[n+1]). */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  /** Events in CSR form, in layer order per node. */
  private readonly eventStart: Int32Array;
  private readonly eventLayer: Int32Array;
  private readonly eventAt: Int32Array;
  /** Per event, copied out of the layer columns once: status and type codes, size. */
  private readonly eventStatus: Uint8Array;
  private readonly eventType: Uint8Array;
  private readonly eventSize: Float64Array;
  private readonly states = new Map<string, LayerState>();
  private pathIndex: Map<string, number> | undefined;
  private matchCache: { key: string; hit: Uint8Array } | undefined;
  private ownedCache: { key: string; hit: Uint8Array } | undefined;

  constructor(readonly model: CompactModel) {
    const n = model.paths.length;
    this.nodeCount = n;
    this.layerCount = model.layers.length;
    this.names = model.paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
    this.parent = Int32Array.from(model.parent);
    [this.childStart, this.childList] = this.buildChildren();
    const events = buildEvents(model, n);
    this.eventStart = events.start;
    this.eventLayer = events.layer;
    this.eventAt = events.at;
    this.eventStatus = events.status;
    this.eventType = events.type;
    this.eventSize = events.size;
  }

  /** The node of an absolute path, if the image ever has it. */
  find(path: string): number | undefined {
    this.pathIndex ??= new Map(this.model.paths.map((p, i) => [p, i]));
    return this.pathIndex.get(path);
  }

  /** Layers in which a path changes (added, modified, removed), in order. */
  layersOf(node: number): number[] {
    const out: number[] = [];
    for (let e = this.eventStart[node] as number; e < (this.eventStart[node + 1] as number); e++)
      if (this.statusOf(e) !== UNMODIFIED) out.push(this.eventLayer[e] as number);
    return out;
  }

  /** Ancestors of a node, outermost first (to expand them when revealing a path). */
  ancestors(node: number): number[] {
    const out: number[] = [];
    for (let p = this.parent[node] as number; p >= 0; p = this.parent[p] as number) out.push(p);
    return out.reverse();
  }

  /** Every node that has children in the union tree (for "collapse all"). */
  dirs(): number[] {
    const out: number[] = [];
    for (let node = 0; node < this.nodeCount; node++)
      if ((this.childStart[node + 1] as number) > (this.childStart[node] as number)) out.push(node);
    return out;
  }

  /** Every row of a view (tests and small images; the worker uses `layout` and `rowAt`). */
  view(options: ViewOptions): Row[] {
    const layout = this.layout(options);
    const rows: Row[] = [];
    for (let i = 0; i < layout.count; i++) rows.push(this.rowAt(layout, i));
    return rows;
  }

  layout(options: ViewOptions): Layout {
    const state = this.stateAt(options.layer, options.mode);
    const hit = this.hits(options);
    const { show, matches } = this.shown(state, hit, options.hidden);
    const nodes = new GrowableInts();
    const depths = new GrowableInts();
    // Depth-first, iteratively: a stack of (node, depth), children pushed in reverse order.
    const stack = new GrowableInts();
    const pushChildren = (node: number, depth: number): void => {
      if (node >= 0 && options.sort !== 'size') {
        // Children are kept sorted by name: push the shown ones straight from the list (no array
        // per directory; a layout of a million rows would make a million of them).
        for (let c = (this.childStart[node + 1] as number) - 1; c >= (this.childStart[node] as number); c--) {
          const child = this.childList[c] as number;
          if (show[child]) stack.push2(child, depth);
        }
        return;
      }
      const kids = this.shownChildren(node, show, options.sort, state.sizes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push2(kids[i] as number, depth);
    };
    pushChildren(-1, 0);
    while (stack.length > 0) {
      const depth = stack.pop();
      const node = stack.pop();
      nodes.push(node);
      depths.push(depth);
      if (!options.collapsed?.has(node)) pushChildren(node, depth + 1);
    }
    return {
      count: nodes.length,
      nodes: nodes.done(),
      depths: depths.done(),
      matches: hit ? matches : -1,
      options,
      show,
    };
  }

  rowAt(layout: Layout, index: number): Row {
    const node = layout.nodes[index] as number;
    const { layer, mode } = layout.options;
    const state = this.stateAt(layer, mode);
    const event = state.last[node] as number;
    const col = this.model.layers[this.eventLayer[event] as number] as CompactModel['layers'][number];
    const at = this.eventAt[event] as number;
    const typeCode = col.type[at] as number;
    const isDir = typeCode === DIR;
    const status = state.status[node] as number;
    return {
      node,
      name: this.names[node] as string,
      path: this.model.paths[node] as string,
      depth: layout.depths[index] as number,
      status: STATUSES[status] ?? 'unmodified',
      rolledUp: status !== state.own[node],
      type: TYPES[typeCode] ?? 'other',
      size: isDir ? (state.sizes[node] as number) : (col.size[at] as number),
      mode: col.mode[at] as number,
      uid: col.uid[at] as number,
      gid: col.gid[at] as number,
      linkTarget: col.link[at] ?? '',
      pkg: this.model.owner?.[node] ?? 0,
      hasChildren: isDir && this.hasShownChild(node, layout),
      collapsed: layout.options.collapsed?.has(node) ?? false,
    };
  }

  /** A directory gets a caret only when something below it shows in this view. */
  private hasShownChild(node: number, layout: Layout): boolean {
    for (let c = this.childStart[node] as number; c < (this.childStart[node + 1] as number); c++)
      if (layout.show[this.childList[c] as number]) return true;
    return false;
  }

  private statusOf(event: number): number {
    return this.eventStatus[event] as number;
  }

  private typeOf(event: number): number {
    return this.eventType[event] as number;
  }

  /** The per-node state at a layer, cached for the last few (layer, mode) pairs. */
  private stateAt(layer: number, mode: CompareMode): LayerState {
    const key = `${layer}:${mode}`;
    const cached = this.states.get(key);
    if (cached) {
      this.states.delete(key);
      this.states.set(key, cached);
      return cached;
    }
    const state = this.computeState(layer, mode);
    this.states.set(key, state);
    if (this.states.size > STATE_CACHE) this.states.delete(this.states.keys().next().value as string);
    return state;
  }

  private computeState(layer: number, mode: CompareMode): LayerState {
    const n = this.nodeCount;
    const last = new Int32Array(n).fill(-1);
    const present = new Uint8Array(n);
    const own = new Uint8Array(n).fill(UNMODIFIED);
    for (let node = 0; node < n; node++) {
      const first = this.eventStart[node] as number;
      const end = this.eventStart[node + 1] as number;
      let e = first - 1;
      let changedAfterBase = false;
      while (e + 1 < end && (this.eventLayer[e + 1] as number) <= layer) {
        e++;
        if ((this.eventLayer[e] as number) > 0 && this.statusOf(e) !== UNMODIFIED) changedAfterBase = true;
      }
      if (e < first) continue;
      last[node] = e;
      const status = this.statusOf(e);
      const inThisLayer = this.eventLayer[e] === layer;
      if (mode === 'layer') {
        if (status === REMOVED && !inThisLayer) continue;
        own[node] = inThisLayer ? status : UNMODIFIED;
      } else if (status === REMOVED) own[node] = REMOVED;
      else if ((this.eventLayer[first] as number) > 0) own[node] = ADDED;
      else own[node] = changedAfterBase ? MODIFIED : UNMODIFIED;
      present[node] = 1;
    }
    return { last, present, own, status: this.rollUp(present, own, last), sizes: this.sizes(last, present) };
  }

  /**
   * Directory statuses from below, as dive's `deriveDiffType` merges them (filetree/file_node.go:
   * a directory keeps its own status when every child has that same status, else it is
   * modified), children before parents (the model lists parents first).
   */
  private rollUp(present: Uint8Array, own: Uint8Array, last: Int32Array): Uint8Array {
    const n = this.nodeCount;
    const status = Uint8Array.from(own);
    const differs = new Uint8Array(n);
    for (let node = n - 1; node >= 0; node--) {
      if (!present[node]) continue;
      if (differs[node] && this.typeOf(last[node] as number) === DIR) status[node] = MODIFIED;
      const parent = this.parent[node] as number;
      if (parent >= 0 && status[node] !== own[parent]) differs[parent] = 1;
    }
    return status;
  }

  /**
   * Directory sizes: Σ of non-directory sizes below. What a layer removes keeps its size, for the
   * struck-through rows, but does not count in a parent that stays.
   */
  private sizes(last: Int32Array, present: Uint8Array): Float64Array {
    const n = this.nodeCount;
    const sizes = new Float64Array(n);
    const removed = (node: number): boolean => this.statusOf(last[node] as number) === REMOVED;
    for (let node = n - 1; node >= 0; node--) {
      if (!present[node]) continue;
      const e = last[node] as number;
      if (this.typeOf(e) !== DIR) sizes[node] = (sizes[node] as number) + (this.eventSize[e] as number);
      const parent = this.parent[node] as number;
      if (parent >= 0 && present[parent] && removed(node) === removed(parent))
        sizes[parent] = (sizes[parent] as number) + (sizes[node] as number);
    }
    return sizes;
  }

  /** Per node: its own path matches the filter (independent of the layer, so cached). */
  private matching(filter: string | RegExp): Uint8Array {
    const key = typeof filter === 'string' ? `s:${filter}` : `r:${filter.source}/${filter.flags}`;
    if (this.matchCache?.key === key) return this.matchCache.hit;
    const hit = new Uint8Array(this.nodeCount);
    const paths = this.model.paths;
    for (let node = 0; node < this.nodeCount; node++) {
      const path = paths[node] as string;
      if (typeof filter === 'string' ? path.includes(filter) : filter.test(path)) hit[node] = 1;
    }
    this.matchCache = { key, hit };
    return hit;
  }

  /** Per node: it passes the path filter and the package filter; undefined without either. */
  private hits(options: ViewOptions): Uint8Array | undefined {
    const byPath = options.filter === undefined ? undefined : this.matching(options.filter);
    if (!options.packages) return byPath;
    const owned = this.ownedBy(options.packages);
    if (!byPath) return owned;
    const both = new Uint8Array(this.nodeCount);
    for (let node = 0; node < this.nodeCount; node++)
      both[node] = (byPath[node] as number) & (owned[node] as number);
    return both;
  }

  /** Per node: one of these packages owns it (from the model's owner column, so cached). */
  private ownedBy(packages: readonly number[]): Uint8Array {
    const key = packages.join(',');
    if (this.ownedCache?.key === key) return this.ownedCache.hit;
    const wanted = new Uint8Array((this.model.packages?.length ?? 0) + 1);
    for (const p of packages) if (p > 0 && p < wanted.length) wanted[p] = 1;
    const hit = new Uint8Array(this.nodeCount);
    const owner = this.model.owner;
    if (owner)
      for (let node = 0; node < this.nodeCount; node++) hit[node] = wanted[owner[node] as number] as number;
    this.ownedCache = { key, hit };
    return hit;
  }

  /**
   * Which present nodes show: they pass the filter and their status is not hidden, or something
   * below them shows. Only paths present at this layer count, so a filter never brings up the
   * empty ancestors of a path that does not exist here.
   */
  private shown(
    state: LayerState,
    hit: Uint8Array | undefined,
    hidden: ReadonlySet<ChangeStatus> | undefined,
  ): { show: Uint8Array; matches: number } {
    const hide = new Uint8Array(4);
    for (const s of hidden ?? []) hide[STATUSES.indexOf(s)] = 1;
    const show = new Uint8Array(this.nodeCount);
    let matches = 0;
    for (let node = this.nodeCount - 1; node >= 0; node--) {
      if (!state.present[node]) continue;
      const matched = !hit || hit[node] === 1;
      if (hit && matched) matches++;
      if (!show[node] && !(matched && !hide[state.status[node] as number])) continue;
      show[node] = 1;
      const parent = this.parent[node] as number;
      if (parent >= 0) show[parent] = 1;
    }
    return { show, matches };
  }

  private shownChildren(
    node: number,
    show: Uint8Array,
    sort: SortKey | undefined,
    sizes: Float64Array,
  ): number[] {
    if (node < 0) return this.ordered(this.rootsShown(show), sort, sizes);
    const kids: number[] = [];
    for (let c = this.childStart[node] as number; c < (this.childStart[node + 1] as number); c++) {
      const child = this.childList[c] as number;
      if (show[child]) kids.push(child);
    }
    return this.ordered(kids, sort, sizes);
  }

  private rootList: Int32Array | undefined;

  private rootsShown(show: Uint8Array): number[] {
    this.rootList ??= this.sortedRoots();
    const out: number[] = [];
    for (const r of this.rootList) if (show[r]) out.push(r);
    return out;
  }

  private sortedRoots(): Int32Array {
    const roots: number[] = [];
    for (let node = 0; node < this.nodeCount; node++) if (this.parent[node] === -1) roots.push(node);
    return Int32Array.from(roots.sort(this.byName));
  }

  private readonly byName = (a: number, b: number): number =>
    compare(this.names[a] as string, this.names[b] as string);

  private ordered(nodes: number[], sort: SortKey | undefined, sizes: Float64Array): number[] {
    if (sort !== 'size') return nodes;
    return nodes.sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || this.byName(a, b));
  }

  private buildChildren(): [Int32Array, Int32Array] {
    const n = this.nodeCount;
    const start = new Int32Array(n + 1);
    for (let node = 0; node < n; node++) {
      const p = this.parent[node] as number;
      if (p >= 0) start[p + 1] = (start[p + 1] as number) + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n] as number);
    for (let node = 0; node < n; node++) {
      const p = this.parent[node] as number;
      if (p >= 0) list[(fill[p] as number)++] = node;
    }
    for (let p = 0; p < n; p++) {
      const from = start[p] as number;
      const to = start[p + 1] as number;
      if (to - from > 1) list.subarray(from, to).sort(this.byName);
    }
    return [start, list];
  }
}

interface Events {
  start: Int32Array;
  layer: Int32Array;
  at: Int32Array;
  status: Uint8Array;
  type: Uint8Array;
  size: Float64Array;
}

function buildEvents(model: CompactModel, n: number): Events {
  const start = new Int32Array(n + 1);
  for (const layer of model.layers)
    for (const node of layer.node) start[node + 1] = (start[node + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const total = start[n] as number;
  const layerOf = new Int32Array(total);
  const at = new Int32Array(total);
  const status = new Uint8Array(total);
  const type = new Uint8Array(total);
  const size = new Float64Array(total);
  model.layers.forEach((layer, index) => {
    for (let i = 0; i < layer.node.length; i++) {
      const node = layer.node[i] as number;
      const slot = (fill[node] as number)++;
      layerOf[slot] = index;
      at[slot] = i;
      status[slot] = layer.status[i] as number;
      type[slot] = layer.type[i] as number;
      size[slot] = layer.size[i] as number;
    }
  });
  return { start, layer: layerOf, at, status, type, size };
}

/** An Int32Array that grows by doubling (a stack, or an output list of unknown length). */
class GrowableInts {
  private data = new Int32Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }

  push2(a: number, b: number): void {
    this.push(a);
    this.push(b);
  }

  pop(): number {
    return this.data[--this.length] as number;
  }

  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  private grow(): void {
    const next = new Int32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

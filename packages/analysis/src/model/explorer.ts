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
 * (the model's order) or children before parents (reversed). Each layer's state is computed
 * once and kept (layer-state.ts); a view is then two O(n) passes over bytes (what shows, rows per
 * subtree) and only the rows asked for are built (row-index.ts). Pure; runs in a Web Worker.
 */
import type { ChangeStatus } from '../stack.js';
import type { EntryType } from '../types.js';
import { STATUSES, TYPES, type CompactModel } from './compact-model.js';
import {
  computeState,
  DIR,
  lastEvent,
  scratchFor,
  sizeAt,
  stateSlices,
  UNMODIFIED,
  type LayerState,
  type NodeEvents,
  type Scratch,
  type SizeSlots,
  type StateInput,
} from './layer-state.js';
import { RowIndex, subtreeRows } from './row-index.js';

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

/** A computed view: how many rows it has; rows are found by index (`rowAt`) and built on demand. */
export interface Layout {
  count: number;
  /** Present nodes whose own path matches the filter; -1 without a filter. */
  matches: number;
  options: ViewOptions;
  /** Per node: it shows in this view (collapsed directories aside). */
  show: Uint8Array;
  /** Rows per subtree, and the descent from row index to node. */
  index: RowIndex;
  /** Per node, 1 when shown collapsed; undefined when nothing is. */
  collapsedMarks: Uint8Array | undefined;
  /** The layer's state the rows are read from (kept with the layout, whatever the cache evicts). */
  state: LayerState;
}

/** Layer states kept (three bytes per node and a size per directory each). */
const STATE_CACHE = 10;

/** Nodes per idle-time slice of a layer state (a few milliseconds each). */
const SLICE = 1 << 17;

export class Explorer {
  readonly nodeCount: number;
  readonly layerCount: number;
  /** Names per node, when the model has no name ids (else they are looked up by id). */
  private readonly names: string[] | undefined;
  private readonly nameId: Int32Array | undefined;
  private readonly nameStrings: readonly string[];
  private readonly parent: Int32Array;
  /** Children in CSR form, sorted by name: childList[childStart[n] .. childStart[n+1]). */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  /**
   * Events in CSR form, in layer order per node; per event, copied out of the layer columns
   * once: layer, position, status and type codes, size.
   */
  private readonly events: NodeEvents;
  private readonly eventStart: Int32Array;
  private readonly eventLayer: Int32Array;
  private readonly eventAt: Int32Array;
  private readonly eventStatus: Uint8Array;
  private readonly roots: Int32Array;
  private readonly slots: SizeSlots;
  private readonly states = new Map<string, LayerState>();
  private scratch: Scratch | undefined;
  /** A state being computed in idle-time slices (it holds the scratch arrays meanwhile). */
  private background: { key: string; steps: Generator<void, LayerState, void> } | undefined;
  private matchCache: { key: string; hit: Uint8Array } | undefined;
  private ownedCache: { key: string; hit: Uint8Array } | undefined;

  constructor(readonly model: CompactModel) {
    const n = model.parent.length;
    this.nodeCount = n;
    this.layerCount = model.layers.length;
    this.parent = model.parent.slice();
    const named = model.names;
    this.nameId = named?.id;
    this.nameStrings = named?.strings ?? [];
    this.names = named ? undefined : model.paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
    [this.childStart, this.childList, this.roots] = named
      ? childrenByRank(this.parent, named.id, named.strings)
      : this.buildChildren();
    this.events = buildEvents(model, n);
    this.eventStart = this.events.start;
    this.eventLayer = this.events.layer;
    this.eventAt = this.events.at;
    this.eventStatus = this.events.status;
    this.slots = sizeSlots(this.childStart);
  }

  /**
   * The node of an absolute path, if the image ever has it: a descent by name through the
   * sorted children (no index of a million paths to build first).
   */
  find(path: string): number | undefined {
    const parts = path.split('/');
    if (parts[0] !== '' || parts.length < 2) return undefined;
    let kids = this.roots;
    let node = -1;
    for (let i = 1; i < parts.length; i++) {
      const name = parts[i] as string;
      if (name === '') return undefined;
      node = this.childNamed(kids, name);
      if (node < 0) return undefined;
      kids = this.childList.subarray(this.childStart[node] as number, this.childStart[node + 1] as number);
    }
    return node;
  }

  private childNamed(kids: Int32Array, name: string): number {
    let lo = 0;
    let hi = kids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(this.nameOf(kids[mid] as number), name);
      if (c === 0) return kids[mid] as number;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
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
    const collapsedMarks = this.marks(options.collapsed);
    const rows = subtreeRows(this.parent, show, collapsedMarks);
    const index = new RowIndex(rows, this.childOrder(options.sort, show, state));
    return { count: index.count, matches: hit ? matches : -1, options, show, index, collapsedMarks, state };
  }

  /** The row of a node in a layout, -1 when it does not show there. */
  indexOf(layout: Layout, node: number): number {
    return layout.index.indexOf([...this.ancestors(node), node], layout.collapsedMarks);
  }

  private marks(collapsed: ReadonlySet<number> | undefined): Uint8Array | undefined {
    if (!collapsed || collapsed.size === 0) return undefined;
    const marks = new Uint8Array(this.nodeCount);
    for (const node of collapsed) if (node >= 0 && node < this.nodeCount) marks[node] = 1;
    return marks;
  }

  /** Children in display order: by name straight from the sorted lists, by size sorted per directory when asked. */
  private childOrder(
    sort: SortKey | undefined,
    show: Uint8Array,
    state: LayerState,
  ): (dir: number) => Int32Array {
    if (sort !== 'size')
      return (dir) =>
        dir < 0
          ? this.roots
          : this.childList.subarray(this.childStart[dir] as number, this.childStart[dir + 1] as number);
    const sorted = new Map<number, Int32Array>();
    return (dir) => {
      let kids = sorted.get(dir);
      if (!kids) sorted.set(dir, (kids = Int32Array.from(this.shownChildren(dir, show, state))));
      return kids;
    };
  }

  rowAt(layout: Layout, index: number): Row {
    const { node, depth } = layout.index.nodeAt(index);
    const { state } = layout;
    const event = lastEvent(this.events, node, layout.options.layer);
    const col = this.model.layers[this.eventLayer[event] as number] as CompactModel['layers'][number];
    const at = this.eventAt[event] as number;
    const typeCode = col.type[at] as number;
    const isDir = typeCode === DIR;
    const status = state.status[node] as number;
    return {
      node,
      name: this.nameOf(node),
      path: this.pathOf(node),
      depth,
      status: STATUSES[status] ?? 'unmodified',
      rolledUp: status !== state.own[node],
      type: TYPES[typeCode] ?? 'other',
      size: isDir ? sizeAt(state, this.events, this.slots, node) : (col.size[at] as number),
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

  /** The per-node state at a layer, cached for the last few (layer, mode) pairs. */
  private stateAt(layer: number, mode: CompareMode): LayerState {
    const key = `${layer}:${mode}`;
    const cached = this.states.get(key);
    if (cached) {
      this.states.delete(key);
      this.states.set(key, cached);
      return cached;
    }
    // The scratch arrays are needed now: a computation in slices starts again later.
    this.background = undefined;
    return this.keep(key, computeState(this.stateInput(layer, mode)));
  }

  /**
   * One slice (a fixed number of nodes) of a layer state's computation, for the worker's idle
   * time; true once the state is kept. A view that needs the scratch arrays in between restarts it.
   */
  prepareSlice(layer: number, mode: CompareMode, slice = SLICE): boolean {
    const key = `${layer}:${mode}`;
    if (this.states.has(key)) return true;
    if (this.background?.key !== key) {
      const steps = stateSlices(this.stateInput(layer, mode), slice);
      this.background = { key, steps };
    }
    const step = this.background.steps.next();
    if (!step.done) return false;
    this.background = undefined;
    this.keep(key, step.value);
    return true;
  }

  private stateInput(layer: number, mode: CompareMode): StateInput {
    this.scratch ??= scratchFor(this.nodeCount);
    return { parent: this.parent, ev: this.events, slots: this.slots, layer, mode, scratch: this.scratch };
  }

  private keep(key: string, state: LayerState): LayerState {
    this.states.set(key, state);
    if (this.states.size > STATE_CACHE) this.states.delete(this.states.keys().next().value as string);
    return state;
  }

  /** Per node: its own path matches the filter (independent of the layer, so cached). */
  private matching(filter: string | RegExp): Uint8Array {
    const key = typeof filter === 'string' ? `s:${filter}` : `r:${filter.source}/${filter.flags}`;
    if (this.matchCache?.key === key) return this.matchCache.hit;
    const literal = literalOf(filter);
    const hit =
      literal && this.nameId ? this.matchingNames(literal, this.nameId) : this.matchingPaths(filter);
    this.matchCache = { key, hit };
    return hit;
  }

  private matchingPaths(filter: string | RegExp): Uint8Array {
    const hit = new Uint8Array(this.nodeCount);
    const paths = this.model.paths;
    for (let node = 0; node < this.nodeCount; node++) {
      const path = paths[node] as string;
      if (typeof filter === 'string' ? path.includes(filter) : filter.test(path)) hit[node] = 1;
    }
    return hit;
  }

  /**
   * A literal without a slash is in a path exactly when it is in one of the path's names: test
   * each distinct name once, then inherit from the parent (parents come first). No million
   * absolute paths to build.
   */
  private matchingNames(test: (name: string) => boolean, nameId: Int32Array): Uint8Array {
    const nameHit = Uint8Array.from(this.nameStrings, (name) => (test(name) ? 1 : 0));
    const hit = new Uint8Array(this.nodeCount);
    for (let node = 0; node < this.nodeCount; node++) {
      const p = this.parent[node] as number;
      hit[node] = nameHit[nameId[node] as number] || (p >= 0 ? (hit[p] as number) : 0);
    }
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

  /** A directory's shown children by size, biggest first, then by name. */
  private shownChildren(node: number, show: Uint8Array, state: LayerState): number[] {
    const list =
      node < 0
        ? this.roots
        : this.childList.subarray(this.childStart[node] as number, this.childStart[node + 1] as number);
    const kids: number[] = [];
    const size = new Map<number, number>();
    for (const child of list)
      if (show[child]) {
        kids.push(child);
        size.set(child, sizeAt(state, this.events, this.slots, child));
      }
    return kids.sort((a, b) => (size.get(b) as number) - (size.get(a) as number) || this.byName(a, b));
  }

  private readonly byName = (a: number, b: number): number => compare(this.nameOf(a), this.nameOf(b));

  /** A node's absolute path, from its ancestors' names (the model's table is built only to filter). */
  pathOf(node: number): string {
    let path = '';
    for (let n = node; n >= 0; n = this.parent[n] as number) path = `/${this.nameOf(n)}${path}`;
    return path;
  }

  private nameOf(node: number): string {
    return (
      this.names ? this.names[node] : this.nameStrings[(this.nameId as Int32Array)[node] as number]
    ) as string;
  }

  /** Children sorted by comparing names (a model without name ids, e.g. hand-built in tests). */
  private buildChildren(): [Int32Array, Int32Array, Int32Array] {
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
    const roots: number[] = [];
    for (let node = 0; node < n; node++) if (this.parent[node] === -1) roots.push(node);
    return [start, list, Int32Array.from(roots.sort(this.byName))];
  }
}

/**
 * Children in name order without comparing a million names: the distinct names (the string
 * table) are sorted once, then nodes are bucketed by name rank and dealt to their parents in that
 * order (two counting sorts). Returns the CSR start and list, and the top level.
 */
function childrenByRank(
  parent: Int32Array,
  nameId: Int32Array,
  strings: readonly string[],
): [Int32Array, Int32Array, Int32Array] {
  const n = parent.length;
  // Plain loops throughout: TypedArray.from with a callback costs ~10x on a million items.
  const byName = new Int32Array(strings.length);
  for (let i = 0; i < byName.length; i++) byName[i] = i;
  byName.sort((a, b) => compare(strings[a] as string, strings[b] as string));
  const rank = new Int32Array(strings.length);
  for (let r = 0; r < byName.length; r++) rank[byName[r] as number] = r;
  const nodeRank = new Int32Array(n);
  for (let node = 0; node < n; node++) nodeRank[node] = rank[nameId[node] as number] as number;
  const inNameOrder = countingOrder(nodeRank, strings.length);
  const parentSlot = new Int32Array(n); // bucket 0 is the top level, p + 1 node p's children
  for (let node = 0; node < n; node++) parentSlot[node] = (parent[node] as number) + 1;
  const start = bucketStarts(parentSlot, n + 1);
  const fill = start.slice(0, n + 1);
  const dealt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const node = inNameOrder[i] as number;
    const b = parentSlot[node] as number;
    const at = fill[b] as number;
    dealt[at] = node;
    fill[b] = at + 1;
  }
  const rootCount = start[1] as number;
  const roots = dealt.slice(0, rootCount);
  const list = dealt.subarray(rootCount);
  const childStart = new Int32Array(n + 1);
  for (let p = 0; p <= n; p++) childStart[p] = (start[p + 1] as number) - rootCount;
  return [childStart, list, roots];
}

/** Start of each bucket in a list of items grouped by bucket (n + 1 entries). */
function bucketStarts(bucketOf: Int32Array, buckets: number): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < bucketOf.length; i++) {
    const b = bucketOf[i] as number;
    start[b + 1] = (start[b + 1] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  return start;
}

/** Items ordered by bucket, stable (a counting sort). */
function countingOrder(bucketOf: Int32Array, buckets: number): Int32Array {
  const fill = bucketStarts(bucketOf, buckets).slice(0, buckets);
  const out = new Int32Array(bucketOf.length);
  for (let item = 0; item < bucketOf.length; item++) {
    const b = bucketOf[item] as number;
    const at = fill[b] as number;
    out[at] = item;
    fill[b] = at + 1;
  }
  return out;
}

/** A size slot for every node with children in the union tree. */
function sizeSlots(childStart: Int32Array): SizeSlots {
  const n = childStart.length - 1;
  const slotOf = new Int32Array(n).fill(-1);
  const nodes: number[] = [];
  for (let node = 0; node < n; node++)
    if ((childStart[node + 1] as number) > (childStart[node] as number)) slotOf[node] = nodes.push(node) - 1;
  return { slotOf, nodes: Int32Array.from(nodes) };
}

function buildEvents(model: CompactModel, n: number): NodeEvents {
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

/** Plain characters, or metacharacters escaped (what the filter box makes of a substring). */
const LITERAL_SOURCE = /^(?:[^\\^$.*+?()[\]{}|/]|\\[\\^$.*+?()[\]{}|/-])*$/;

/**
 * A name test equivalent to the filter on whole paths, when there is one: a substring, or a
 * literal regex (case-insensitive or not), without a slash. Its matches cannot span a `/`, so a
 * path matches exactly when one of its names does.
 */
function literalOf(filter: string | RegExp): ((name: string) => boolean) | undefined {
  if (typeof filter === 'string') return filter.includes('/') ? undefined : (name) => name.includes(filter);
  if (filter.flags.replace('i', '') !== '' || !LITERAL_SOURCE.test(filter.source)) return undefined;
  if (filter.source.includes('/')) return undefined;
  return (name) => filter.test(name);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

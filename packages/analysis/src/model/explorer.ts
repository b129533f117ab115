/**
 * The file tree explorer over a CompactModel: a union tree of every path the image ever has,
 * each node with its events (layer, change) in layer order. A view at layer L is a walk over that
 * tree: a node shows if its last event up to L leaves it present (or removes it in L itself, shown
 * struck through); the mark is its change in L ("layer" mode, dive's default) or its change since
 * the base layer ("aggregate" mode, dive's "all changes up to this layer"). Pure; runs in a worker.
 */
import type { ChangeStatus } from '../stack.js';
import type { EntryType } from '../types.js';
import { STATUSES, TYPES, type CompactModel } from './compact-model.js';

export type CompareMode = 'layer' | 'aggregate';
export type SortKey = 'name' | 'size';

export interface ViewOptions {
  layer: number;
  mode: CompareMode;
  /** Statuses to hide. */
  hidden?: ReadonlySet<ChangeStatus>;
  /** Substring, or a RegExp; a node shows when it or a descendant matches its path. */
  filter?: string | RegExp;
  sort?: SortKey;
  /** Directories shown closed. */
  collapsed?: ReadonlySet<number>;
}

export interface Row {
  node: number;
  name: string;
  path: string;
  depth: number;
  status: ChangeStatus;
  type: EntryType;
  /** Files: their size; directories: the sum of what is under them at this layer. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string;
  hasChildren: boolean;
  collapsed: boolean;
}

interface Event {
  layer: number;
  /** Position in that layer's columns. */
  at: number;
}

export class Explorer {
  readonly nodeCount: number;
  readonly layerCount: number;
  private readonly names: string[];
  private readonly children: number[][];
  private readonly roots: number[];
  private readonly events: Event[][];
  private readonly sizeCache = new Map<number, Float64Array>();
  private pathIndex: Map<string, number> | undefined;

  constructor(readonly model: CompactModel) {
    this.nodeCount = model.paths.length;
    this.layerCount = model.layers.length;
    this.names = model.paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
    this.children = model.paths.map(() => []);
    this.roots = [];
    model.parent.forEach((p, node) => (p < 0 ? this.roots : (this.children[p] as number[])).push(node));
    const byName = (a: number, b: number): number =>
      compare(this.names[a] as string, this.names[b] as string);
    this.roots.sort(byName);
    for (const list of this.children) list.sort(byName);
    this.events = model.paths.map(() => []);
    model.layers.forEach((layer, index) =>
      layer.node.forEach((node, at) => this.events[node]?.push({ layer: index, at })),
    );
  }

  /** The node of an absolute path, if the image ever has it. */
  find(path: string): number | undefined {
    this.pathIndex ??= new Map(this.model.paths.map((p, i) => [p, i]));
    return this.pathIndex.get(path);
  }

  /** Layers in which a path changes (added, modified, removed), in order. */
  layersOf(node: number): number[] {
    return (this.events[node] ?? []).filter((e) => this.statusAt(e) !== 'unmodified').map((e) => e.layer);
  }

  /** Ancestors of a node, outermost first (to expand them when revealing a path). */
  ancestors(node: number): number[] {
    const out: number[] = [];
    for (let p = this.model.parent[node] as number; p >= 0; p = this.model.parent[p] as number)
      out.unshift(p);
    return out;
  }

  view(options: ViewOptions): Row[] {
    const sizes = this.sizesAt(options.layer);
    const matches = options.filter ? this.matching(options.filter) : undefined;
    const rows: Row[] = [];
    const hidden = options.hidden;
    // A directory with a hidden status still shows when something under it shows.
    const walk = (nodes: number[], depth: number): void => {
      for (const node of this.ordered(nodes, options.sort, sizes)) {
        const row = this.row(node, depth, options, sizes);
        if (!row || (matches && !matches[node])) continue;
        const at = rows.length;
        rows.push(row);
        if (row.hasChildren && !row.collapsed) walk(this.children[node] as number[], depth + 1);
        const keep = !hidden?.has(row.status) || rows.length > at + 1 || (row.hasChildren && row.collapsed);
        if (!keep) rows.length = at;
      }
    };
    walk(this.roots, 0);
    return rows;
  }

  private row(node: number, depth: number, options: ViewOptions, sizes: Float64Array): Row | undefined {
    const last = this.lastEvent(node, options.layer);
    if (!last) return undefined;
    const status = this.statusAt(last);
    if (status === 'removed' && last.layer !== options.layer && options.mode === 'layer') return undefined;
    const col = this.model.layers[last.layer] as CompactModel['layers'][number];
    const type = TYPES[col.type[last.at] as number] ?? 'other';
    const hasChildren = (this.children[node]?.length ?? 0) > 0 && type === 'dir';
    return {
      node,
      name: this.names[node] as string,
      path: this.model.paths[node] as string,
      depth,
      status:
        options.mode === 'layer'
          ? last.layer === options.layer
            ? status
            : 'unmodified'
          : this.aggregate(node, options.layer),
      type,
      size: type === 'dir' ? (sizes[node] as number) : (col.size[last.at] as number),
      mode: col.mode[last.at] as number,
      uid: col.uid[last.at] as number,
      gid: col.gid[last.at] as number,
      linkTarget: col.link[last.at] ?? '',
      hasChildren,
      collapsed: options.collapsed?.has(node) ?? false,
    };
  }

  private lastEvent(node: number, layer: number): Event | undefined {
    const list = this.events[node] as Event[];
    let found: Event | undefined;
    for (const e of list) {
      if (e.layer > layer) break;
      found = e;
    }
    return found;
  }

  private statusAt(e: Event): ChangeStatus {
    return (
      STATUSES[(this.model.layers[e.layer] as CompactModel['layers'][number]).status[e.at] as number] ??
      'unmodified'
    );
  }

  /** The change since the base layer (layer 0) up to `layer`. */
  private aggregate(node: number, layer: number): ChangeStatus {
    const list = (this.events[node] as Event[]).filter((e) => e.layer <= layer);
    const last = list[list.length - 1] as Event;
    if (this.statusAt(last) === 'removed') return 'removed';
    if ((list[0] as Event).layer > 0) return 'added';
    const changed = list.some((e) => e.layer > 0 && this.statusAt(e) !== 'unmodified');
    return changed ? 'modified' : 'unmodified';
  }

  /**
   * Directory sizes at a layer: Σ of non-directory sizes below (children come after parents).
   * What a layer removes keeps its size, for the struck-through rows, but does not count in a
   * parent that stays.
   */
  private sizesAt(layer: number): Float64Array {
    const cached = this.sizeCache.get(layer);
    if (cached) return cached;
    const sizes = new Float64Array(this.nodeCount);
    const removed = new Uint8Array(this.nodeCount);
    for (let node = 0; node < this.nodeCount; node++) {
      const last = this.lastEvent(node, layer);
      if (last && this.statusAt(last) === 'removed') removed[node] = 1;
    }
    for (let node = this.nodeCount - 1; node >= 0; node--) {
      const last = this.lastEvent(node, layer);
      if (!last) continue;
      const col = this.model.layers[last.layer] as CompactModel['layers'][number];
      if (TYPES[col.type[last.at] as number] !== 'dir')
        sizes[node] = (sizes[node] as number) + (col.size[last.at] as number);
      const parent = this.model.parent[node] as number;
      if (parent >= 0 && removed[node] === removed[parent])
        sizes[parent] = (sizes[parent] as number) + (sizes[node] as number);
    }
    this.sizeCache.set(layer, sizes);
    return sizes;
  }

  /** Nodes that match the filter or have a matching descendant. */
  private matching(filter: string | RegExp): Uint8Array {
    const hit = new Uint8Array(this.nodeCount);
    const test =
      typeof filter === 'string' ? (p: string) => p.includes(filter) : (p: string) => filter.test(p);
    for (let node = this.nodeCount - 1; node >= 0; node--) {
      if (hit[node] || test(this.model.paths[node] as string)) {
        hit[node] = 1;
        const parent = this.model.parent[node] as number;
        if (parent >= 0) hit[parent] = 1;
      }
    }
    return hit;
  }

  private ordered(nodes: number[], sort: SortKey | undefined, sizes: Float64Array): number[] {
    if (sort !== 'size') return nodes;
    return [...nodes].sort(
      (a, b) =>
        (sizes[b] as number) - (sizes[a] as number) ||
        compare(this.names[a] as string, this.names[b] as string),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

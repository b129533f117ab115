/**
 * The stacked (merged) file system, built once, layer by layer, over integer path ids (DESIGN.md
 * "Analysis"). Applying a layer yields its change set against everything below, the size dive
 * gives each of its whiteouts, and which earlier layers' bytes it shadows (bytes a layer carries
 * that the final image never shows). Every walk is iterative: a path may be thousands deep.
 *
 * Whiteouts and opaque directories: OCI image-spec layer.md "Whiteouts".
 */
import { Column } from './layer-index/columns.js';
import { DIR } from './layer-index/entry-types.js';
import { OPAQUE, WHITEOUT, entryInfo, type FileInfo, type LayerIndex } from './layer-index/layer-index.js';
import { PathTable, ROOT } from './path-table.js';

export type ChangeStatus = 'added' | 'modified' | 'removed' | 'unmodified';
/** Status codes, in the order of STATUSES (the model's table). */
export const ADDED = 0;
export const MODIFIED = 1;
export const REMOVED = 2;
export const UNMODIFIED = 3;
export const STATUSES: readonly ChangeStatus[] = ['added', 'modified', 'removed', 'unmodified'];

export interface Tally {
  count: number;
  bytes: number;
}

/** One layer's change set: every path it touches (directories too), as columns. */
export interface LayerChanges {
  node: Int32Array;
  status: Uint8Array;
  /** Where the attributes this change leaves come from (a removal: what was removed); -1: an implied directory. */
  infoLayer: Int32Array;
  infoEntry: Int32Array;
  /** Non-directory entries only. */
  tallies: Record<ChangeStatus, Tally>;
}

/** A change as an object, for tests and small consumers. */
export interface FileChange {
  path: string;
  status: ChangeStatus;
  info: FileInfo;
}

/** The attributes of a directory a layer only implies. */
export const IMPLIED_DIR: Readonly<FileInfo> = {
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
  linkTarget: '',
  contentHash: '',
};

export class ImageStack {
  readonly paths = new PathTable();
  readonly layers: LayerIndex[] = [];
  readonly changes: LayerChanges[] = [];
  /** Per layer: bytes it stores that a later layer overwrote or deleted. */
  readonly shadowedBytes: number[] = [];
  /**
   * Per layer, per node of its own tree: what dive counts for a whiteout (NaN: nothing below),
   * and its path id (-1 for an unknown whiteout target). Scratch for the efficiency tally, which
   * releases them once it has read the layer.
   */
  readonly whiteoutSizes: Float64Array[] = [];
  readonly nodeIds: Int32Array[] = [];
  private readonly present = new Column(Uint8Array);
  private readonly infoLayer = new Column(Int32Array, 1024, -1);
  private readonly infoEntry = new Column(Int32Array, 1024, -1);
  private readonly writer = new Column(Int32Array, 1024, -1);
  private readonly liveChildren = new Column(Int32Array);
  private recorder = new ChangeRecorder(this);

  constructor() {
    this.reserve(1);
    this.present.data[ROOT] = 1;
  }

  apply(layer: LayerIndex): number {
    const li = this.layers.push(layer) - 1;
    this.shadowedBytes[li] = 0;
    this.reserve(this.paths.size + layer.nodeCount);
    this.recorder = new ChangeRecorder(this);
    const ids = this.mapNodes(layer);
    if ((layer.nodeFlags[0] as number) & OPAQUE) this.clearChildren(ROOT);
    for (let v = 1; v < layer.nodeCount; v++) {
      const g = ids[v] as number;
      if (g === SKIPPED) continue;
      const flags = layer.nodeFlags[v] as number;
      if (flags & WHITEOUT) {
        if (g >= 0 && this.present.data[g]) this.remove(g);
        continue;
      }
      this.place(g, li, layer.nodeEntry[v] as number);
      if (flags & OPAQUE) this.clearChildren(g);
    }
    this.changes[li] = this.recorder.finish();
    return li;
  }

  releaseLayerScratch(li: number): void {
    this.whiteoutSizes[li] = EMPTY_SIZES;
    this.nodeIds[li] = EMPTY_IDS;
  }

  isPresent(id: number): boolean {
    return this.present.data[id] === 1;
  }

  /** The layer whose entry gives a path's attributes now; -1 for an implied directory. */
  infoLayerOf(id: number): number {
    return this.infoLayer.data[id] as number;
  }

  /** That entry's index in its layer (see infoLayerOf). */
  infoEntryOf(id: number): number {
    return this.infoEntry.data[id] as number;
  }

  /** The attributes the stacked file system shows for a path now (undefined: implied directory). */
  info(id: number): FileInfo | undefined {
    const l = this.infoLayer.data[id] as number;
    return l < 0 ? undefined : entryInfo(this.layers[l] as LayerIndex, this.infoEntry.data[id] as number);
  }

  /** Present children of a path, in the order layers first named them. */
  *liveChildrenOf(id: number): Iterable<number> {
    for (const c of this.paths.children(id)) if (this.present.data[c]) yield c;
  }

  /** Names of what is present below an absolute path now (tests, `strata` commands). */
  childNames(path: string): string[] {
    const id = this.paths.find(path);
    return id < 0 || !this.isPresent(id)
      ? []
      : [...this.liveChildrenOf(id)].map((g) => this.paths.names[g] as string);
  }

  /** What the stacked file system shows at an absolute path now; undefined when absent or implied. */
  infoAt(path: string): FileInfo | undefined {
    const id = this.paths.find(path);
    return id < 0 || !this.isPresent(id) ? undefined : this.info(id);
  }

  /** Non-directory paths present now. */
  fileCount(): number {
    let count = 0;
    for (let g = 1; g < this.paths.size; g++) if (this.present.data[g] && !this.isDirInfo(g)) count++;
    return count;
  }

  /** Σ of the non-directory sizes of a path and everything present below it. */
  subtreeBytes(id: number): number {
    let total = 0;
    const todo = [id];
    while (todo.length > 0) {
      const g = todo.pop() as number;
      total += this.fileSize(g);
      for (const c of this.paths.children(g)) if (this.present.data[c]) todo.push(c);
    }
    return total;
  }

  /**
   * Path ids for the layer's nodes, interned parents first, and dive's whiteout sizes measured
   * on the stack below (before the layer applies). Nodes under a whiteout node are SKIPPED: the
   * whiteout deletes their path, they add nothing.
   */
  private mapNodes(layer: LayerIndex): Int32Array {
    const n = layer.nodeCount;
    const ids = new Int32Array(n);
    const sizes = new Float64Array(n).fill(NaN);
    for (let v = 1; v < n; v++) {
      const p = layer.nodeParent[v] as number;
      const gp = ids[p] as number;
      if (gp === SKIPPED || (layer.nodeFlags[p] as number) & WHITEOUT) {
        ids[v] = SKIPPED;
        continue;
      }
      const name = layer.strings[layer.nodeName[v] as number] as string;
      if ((layer.nodeFlags[v] as number) & WHITEOUT) {
        const g = this.paths.lookup(gp, name);
        ids[v] = g;
        if (g >= 0 && this.present.data[g]) sizes[v] = this.isStackDir(g) ? this.subtreeBytes(g) : 0;
      } else {
        ids[v] = this.paths.intern(gp, name);
      }
    }
    this.whiteoutSizes.push(sizes);
    this.nodeIds.push(ids);
    return ids;
  }

  /** This layer writes path `g` (entry `e`, or -1 when it only implies a directory). */
  private place(g: number, li: number, e: number): void {
    const layer = this.layers[li] as LayerIndex;
    if (!this.present.data[g]) {
      this.present.data[g] = 1;
      this.countChild(g, 1);
      this.infoLayer.data[g] = -1;
      this.recorder.record(g, ADDED, e < 0 ? -1 : li, e);
    } else {
      const becomesDir = e < 0 || layer.type[e] === DIR;
      if (!becomesDir && this.isStackDir(g)) this.clearChildren(g);
      const bl = this.infoLayer.data[g] as number;
      const be = this.infoEntry.data[g] as number;
      if (bl >= 0 && !this.isDirInfo(g)) this.shadow(g);
      const status =
        e >= 0 && bl >= 0 && differs(this.layers[bl] as LayerIndex, be, layer, e) ? MODIFIED : UNMODIFIED;
      if (e >= 0) this.recorder.record(g, status, li, e);
      else this.recorder.record(g, status, bl, be);
    }
    if (e >= 0) {
      this.infoLayer.data[g] = li;
      this.infoEntry.data[g] = e;
    }
    this.writer.data[g] = li;
  }

  private remove(g: number): void {
    this.clearChildren(g);
    this.drop(g);
  }

  /** Remove everything present below `g`, children before their parents. */
  private clearChildren(g: number): void {
    const order: number[] = [];
    const todo = [g];
    while (todo.length > 0) {
      const x = todo.pop() as number;
      for (const c of this.paths.children(x)) {
        if (!this.present.data[c]) continue;
        order.push(c);
        todo.push(c);
      }
    }
    for (let i = order.length - 1; i >= 0; i--) this.drop(order[i] as number);
  }

  private drop(g: number): void {
    if (this.infoLayer.data[g]! >= 0 && !this.isDirInfo(g)) this.shadow(g);
    this.recorder.record(g, REMOVED, this.infoLayer.data[g] as number, this.infoEntry.data[g] as number);
    this.present.data[g] = 0;
    this.countChild(g, -1);
  }

  private countChild(g: number, delta: number): void {
    const p = this.paths.parent.data[g] as number;
    this.liveChildren.data[p] = (this.liveChildren.data[p] as number) + delta;
  }

  private shadow(g: number): void {
    const layer = this.writer.data[g] as number;
    if (layer >= 0) this.shadowedBytes[layer] = (this.shadowedBytes[layer] ?? 0) + this.fileSize(g);
  }

  /** Size of the non-directory a path holds now, 0 for a directory or an implied one. */
  fileSize(g: number): number {
    const l = this.infoLayer.data[g] as number;
    if (l < 0) return 0;
    const layer = this.layers[l] as LayerIndex;
    const e = this.infoEntry.data[g] as number;
    return layer.type[e] === DIR ? 0 : (layer.size[e] as number);
  }

  private isDirInfo(g: number): boolean {
    const l = this.infoLayer.data[g] as number;
    return l < 0 || (this.layers[l] as LayerIndex).type[this.infoEntry.data[g] as number] === DIR;
  }

  private isStackDir(g: number): boolean {
    return this.isDirInfo(g) || (this.liveChildren.data[g] as number) > 0;
  }

  private reserve(size: number): void {
    const last = size - 1;
    this.present.ensure(last);
    this.infoLayer.ensure(last);
    this.infoEntry.ensure(last);
    this.writer.ensure(last);
    this.liveChildren.ensure(last);
  }

  /** Attribute source of a change, as the layer's record columns hold it. */
  typeOf(layer: number, entry: number): number {
    return layer < 0 ? DIR : ((this.layers[layer] as LayerIndex).type[entry] as number);
  }

  sizeOf(layer: number, entry: number): number {
    return layer < 0 ? 0 : ((this.layers[layer] as LayerIndex).size[entry] as number);
  }
}

const SKIPPED = -2;
const EMPTY_SIZES = new Float64Array(0);
const EMPTY_IDS = new Int32Array(0);

class ChangeRecorder {
  private readonly node = new Column(Int32Array);
  private readonly status = new Column(Uint8Array);
  private readonly infoLayer = new Column(Int32Array);
  private readonly infoEntry = new Column(Int32Array);
  private readonly tallies = emptyTallies();

  constructor(private readonly stack: ImageStack) {}

  record(g: number, status: number, layer: number, entry: number): void {
    this.node.push(g);
    this.status.push(status);
    this.infoLayer.push(layer);
    this.infoEntry.push(entry);
    if (this.stack.typeOf(layer, entry) === DIR) return;
    const tally = this.tallies[STATUSES[status] as ChangeStatus];
    tally.count++;
    tally.bytes += this.stack.sizeOf(layer, entry);
  }

  finish(): LayerChanges {
    return {
      node: this.node.finish(),
      status: this.status.finish(),
      infoLayer: this.infoLayer.finish(),
      infoEntry: this.infoEntry.finish(),
      tallies: this.tallies,
    };
  }
}

/** dive's FileInfo.Compare plus the link target (a retargeted symlink is modified; dive misses it). */
export function differs(a: LayerIndex, ea: number, b: LayerIndex, eb: number): boolean {
  return (
    a.type[ea] !== b.type[eb] ||
    a.hash[2 * ea] !== b.hash[2 * eb] ||
    a.hash[2 * ea + 1] !== b.hash[2 * eb + 1] ||
    a.mode[ea] !== b.mode[eb] ||
    a.uid[ea] !== b.uid[eb] ||
    a.gid[ea] !== b.gid[eb] ||
    linkOf(a, ea) !== linkOf(b, eb)
  );
}

function linkOf(index: LayerIndex, e: number): string {
  const s = index.link[e] as number;
  return s < 0 ? '' : (index.strings[s] as string);
}

/** The attributes a change leaves (for a removal: what was removed). */
export function changeInfo(stack: ImageStack, changes: LayerChanges, i: number): FileInfo {
  const l = changes.infoLayer[i] as number;
  return l < 0 ? IMPLIED_DIR : entryInfo(stack.layers[l] as LayerIndex, changes.infoEntry[i] as number);
}

/** A layer's changes as objects (tests, small images). */
export function changeList(stack: ImageStack, layer: number): FileChange[] {
  const changes = stack.changes[layer] as LayerChanges;
  return Array.from(changes.node, (g, i) => ({
    path: stack.paths.path(g),
    status: STATUSES[changes.status[i] as number] as ChangeStatus,
    info: changeInfo(stack, changes, i),
  }));
}

function emptyTallies(): Record<ChangeStatus, Tally> {
  return {
    added: { count: 0, bytes: 0 },
    modified: { count: 0, bytes: 0 },
    removed: { count: 0, bytes: 0 },
    unmodified: { count: 0, bytes: 0 },
  };
}

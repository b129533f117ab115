/**
 * The stacked (merged) file system, built once, layer by layer (DESIGN.md "Analysis ...
 * Incremental: build the stacked state once per layer"). Applying a layer yields its change set
 * against everything below, the sizes dive gives its whiteouts, and which earlier layers' bytes
 * it shadows (bytes a layer carries that the final image never shows).
 */
import { isDirLike, type FileInfo, type LayerTree, type TreeNode } from './layer-tree.js';
import type { EntryType } from './types.js';

export type ChangeStatus = 'added' | 'modified' | 'removed' | 'unmodified';

export interface FileChange {
  /** Absolute path, e.g. `/etc/passwd`. */
  path: string;
  status: ChangeStatus;
  type: EntryType;
  size: number;
  /** The attributes this layer leaves (for a removal: what was removed). */
  info: FileInfo;
}

export interface Tally {
  count: number;
  bytes: number;
}

export interface LayerDelta {
  /** Every path the layer touches (directories too), in tree order. */
  changes: FileChange[];
  /** Non-directory entries only. */
  tallies: Record<ChangeStatus, Tally>;
  /**
   * Size dive gives each whiteout (dive/filetree/efficiency.go): the stacked size below of a
   * deleted directory, 0 for a deleted file; null when nothing below has that path.
   */
  whiteoutSizes: Map<string, number | null>;
}

export interface StackNode {
  name: string;
  children: Map<string, StackNode> | undefined;
  info: FileInfo | undefined;
  /** Index of the layer that last wrote this node. */
  layer: number;
}

export class Stacker {
  readonly root: StackNode = { name: '', children: new Map(), info: undefined, layer: -1 };
  /** Per layer: bytes it stores that a later layer overwrote or deleted. */
  readonly shadowedBytes: number[] = [];

  apply(tree: LayerTree, index: number): LayerDelta {
    this.shadowedBytes[index] = 0;
    const delta: LayerDelta = { changes: [], tallies: emptyTallies(), whiteoutSizes: new Map() };
    collectWhiteoutSizes(tree.root, this.root, '', delta.whiteoutSizes);
    this.merge(tree.root, this.root, '', index, delta);
    return delta;
  }

  private merge(layerDir: TreeNode, dir: StackNode, prefix: string, index: number, delta: LayerDelta): void {
    if (layerDir.opaque) this.clearChildren(dir, prefix, delta);
    if (!layerDir.children) return;
    for (const node of layerDir.children.values()) {
      const path = `${prefix}/${node.name}`;
      const below = dir.children?.get(node.name);
      if (node.whiteout) {
        if (below) this.remove(dir, below, path, delta);
        continue;
      }
      const target = below ?? addChild(dir, node.name, index);
      if (!below) record(delta, path, 'added', node.info);
      else this.overwrite(below, node, path, delta);
      if (node.info) target.info = node.info;
      target.layer = index;
      if (node.children) this.merge(node, target, path, index, delta);
    }
  }

  /** A path present below is written again by this layer. */
  private overwrite(below: StackNode, node: TreeNode, path: string, delta: LayerDelta): void {
    const becomesDir = node.info === undefined || node.info.type === 'dir';
    if (!becomesDir && isStackDir(below)) this.clearChildren(below, path, delta);
    if (below.info && below.info.type !== 'dir') this.shadow(below.layer, below.info.size);
    const status = node.info && differs(below.info, node.info) ? 'modified' : 'unmodified';
    record(delta, path, status, node.info ?? below.info);
  }

  private remove(dir: StackNode, node: StackNode, path: string, delta: LayerDelta): void {
    this.clearChildren(node, path, delta);
    if (node.info && node.info.type !== 'dir') this.shadow(node.layer, node.info.size);
    record(delta, path, 'removed', node.info ?? implicitDir);
    dir.children?.delete(node.name);
  }

  private clearChildren(node: StackNode, path: string, delta: LayerDelta): void {
    if (!node.children) return;
    for (const child of [...node.children.values()]) this.remove(node, child, `${path}/${child.name}`, delta);
  }

  private shadow(layer: number, bytes: number): void {
    if (layer >= 0) this.shadowedBytes[layer] = (this.shadowedBytes[layer] ?? 0) + bytes;
  }
}

const implicitDir: FileInfo = {
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
  linkTarget: '',
  contentHash: '',
};

function addChild(dir: StackNode, name: string, layer: number): StackNode {
  const node: StackNode = { name, children: undefined, info: undefined, layer };
  dir.children ??= new Map();
  dir.children.set(name, node);
  return node;
}

function record(delta: LayerDelta, path: string, status: ChangeStatus, info: FileInfo | undefined): void {
  const attrs = info ?? implicitDir;
  const { type, size } = attrs;
  delta.changes.push({ path, status, type, size, info: attrs });
  if (type === 'dir') return;
  const tally = delta.tallies[status];
  tally.count++;
  tally.bytes += size;
}

/** dive's FileInfo.Compare plus the link target (a retargeted symlink is modified; dive misses it). */
export function differs(a: FileInfo | undefined, b: FileInfo): boolean {
  if (!a) return false;
  return (
    a.type !== b.type ||
    a.contentHash !== b.contentHash ||
    a.mode !== b.mode ||
    a.uid !== b.uid ||
    a.gid !== b.gid ||
    a.linkTarget !== b.linkTarget
  );
}

function isStackDir(node: StackNode): boolean {
  return node.info === undefined || node.info.type === 'dir' || (node.children?.size ?? 0) > 0;
}

function collectWhiteoutSizes(
  layerDir: TreeNode,
  below: StackNode | undefined,
  prefix: string,
  out: Map<string, number | null>,
): void {
  if (!layerDir.children) return;
  for (const node of layerDir.children.values()) {
    const path = `${prefix}/${node.name}`;
    const under = below?.children?.get(node.name);
    if (node.whiteout) out.set(path, under ? (isStackDir(under) ? subtreeBytes(under) : 0) : null);
    else if (isDirLike(node)) collectWhiteoutSizes(node, under, path, out);
  }
}

export function subtreeBytes(node: StackNode): number {
  let total = node.info && node.info.type !== 'dir' ? node.info.size : 0;
  if (node.children) for (const child of node.children.values()) total += subtreeBytes(child);
  return total;
}

function emptyTallies(): Record<ChangeStatus, Tally> {
  return {
    added: { count: 0, bytes: 0 },
    modified: { count: 0, bytes: 0 },
    removed: { count: 0, bytes: 0 },
    unmodified: { count: 0, bytes: 0 },
  };
}

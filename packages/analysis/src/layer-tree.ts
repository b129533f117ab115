/**
 * One layer's own file tree, built from its tar entries (no stacking).
 * Mirrors dive's filetree.AddPath so that dive's node count ("files") comes out the same:
 * implied parents become nodes, `.wh.<name>` becomes a whiteout node for `<name>`, and
 * `.wh..wh.*` names make no node (the opaque marker only flags its directory).
 */
import { META_PREFIX, OPAQUE_MARKER, WHITEOUT_PREFIX } from './path.js';
import type { LayerEntry } from './types.js';

/** An entry's attributes, without its path (the tree gives the path). */
export type FileInfo = Omit<LayerEntry, 'path'>;

export interface TreeNode {
  /** Name in the tree (a whiteout's name without its `.wh.` prefix). */
  name: string;
  children: Map<string, TreeNode> | undefined;
  /** The entry's attributes; undefined for a parent directory the layer only implies. */
  info: FileInfo | undefined;
  whiteout: boolean;
  /** The layer holds `<this dir>/.wh..wh..opq`: lower content of this directory is hidden. */
  opaque: boolean;
}

export interface LayerTree {
  root: TreeNode;
  /** dive's tree.Size: every node, implied parents and whiteouts included. */
  nodeCount: number;
  /** Sum of tar header sizes of the layer's entries (dive's layer size). */
  sizeBytes: number;
}

export function newNode(name: string, info?: FileInfo): TreeNode {
  return { name, children: undefined, info, whiteout: false, opaque: false };
}

export function buildLayerTree(entries: Iterable<LayerEntry>): LayerTree {
  const tree: LayerTree = { root: newNode(''), nodeCount: 0, sizeBytes: 0 };
  for (const entry of entries) addEntry(tree, entry);
  return tree;
}

function addEntry(tree: LayerTree, entry: LayerEntry): void {
  tree.sizeBytes += entry.size;
  const parts = entry.path.split('/');
  const leaf = parts.pop() as string;
  let dir = tree.root;
  for (const part of parts) dir = child(tree, dir, part);
  if (leaf === OPAQUE_MARKER) {
    dir.opaque = true;
  } else if (leaf.startsWith(META_PREFIX)) {
    // Reserved AUFS names (.wh..wh.plnk, ...): not content, dive drops them too.
  } else if (leaf.startsWith(WHITEOUT_PREFIX)) {
    const node = child(tree, dir, leaf.slice(WHITEOUT_PREFIX.length));
    node.whiteout = true;
    node.info = entry; // the entry itself: no copy per file
  } else {
    child(tree, dir, leaf).info = entry;
  }
}

function child(tree: LayerTree, dir: TreeNode, name: string): TreeNode {
  dir.children ??= new Map();
  let node = dir.children.get(name);
  if (!node) {
    node = newNode(name);
    dir.children.set(name, node);
    tree.nodeCount++;
  }
  return node;
}

/** Children in dive's visiting order: Go's sort.Strings over the raw names (whiteouts keep `.wh.`). */
export function sortedChildren(node: TreeNode): TreeNode[] {
  if (!node.children) return [];
  return [...node.children.values()].sort((a, b) => compareRaw(rawName(a), rawName(b)));
}

export function rawName(node: TreeNode): string {
  return node.whiteout ? WHITEOUT_PREFIX + node.name : node.name;
}

/** Byte-wise comparison like Go's string ordering (UTF-16 order differs only outside the BMP). */
function compareRaw(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDirLike(node: TreeNode): boolean {
  return node.info === undefined || node.info.type === 'dir' || node.children !== undefined;
}

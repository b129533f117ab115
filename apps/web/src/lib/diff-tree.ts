/**
 * The compare page's tree: every directory and file the two images differ in, with the net
 * size change of each directory (its files' bytesB − bytesA), flattened for rendering in tree
 * order. Built iteratively (deep paths), pure (tested).
 */
import type { CompareResponse } from '@strata/contract';

export type DiffStatus = 'added' | 'removed' | 'modified';

export interface DiffRow {
  path: string;
  name: string;
  depth: number;
  dir: boolean;
  /** For a directory, the status its changes share, else `modified`. */
  status: DiffStatus;
  deltaBytes: number;
  count: number;
}

interface Node {
  name: string;
  path: string;
  children: Map<string, Node>;
  status?: DiffStatus;
  deltaBytes: number;
  count: number;
  statuses: Set<DiffStatus>;
}

export function buildDiffTree(files: CompareResponse['files']): DiffRow[] {
  const root: Node = {
    name: '',
    path: '',
    children: new Map(),
    deltaBytes: 0,
    count: 0,
    statuses: new Set(),
  };
  const add = (path: string, status: DiffStatus, delta: number): void => {
    let node = root;
    node.deltaBytes += delta;
    node.count++;
    node.statuses.add(status);
    for (const part of path.split('/').filter(Boolean)) {
      let child = node.children.get(part);
      if (!child) {
        child = {
          name: part,
          path: `${node.path}/${part}`,
          children: new Map(),
          deltaBytes: 0,
          count: 0,
          statuses: new Set(),
        };
        node.children.set(part, child);
      }
      child.deltaBytes += delta;
      child.count++;
      child.statuses.add(status);
      node = child;
    }
    node.status = status;
  };
  for (const f of files.added) add(f.path, 'added', f.bytes);
  for (const f of files.removed) add(f.path, 'removed', -f.bytes);
  for (const f of files.changed) add(f.path, 'modified', f.bytesB - f.bytesA);
  return flatten(root);
}

function flatten(root: Node): DiffRow[] {
  const rows: DiffRow[] = [];
  const pending: Array<{ node: Node; depth: number }> = sortedChildren(root)
    .map((node) => ({ node, depth: 0 }))
    .reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { node, depth } = item;
    const dir = node.children.size > 0;
    const status = node.status ?? (node.statuses.size === 1 ? [...node.statuses][0]! : 'modified');
    rows.push({
      path: node.path,
      name: node.name,
      depth,
      dir,
      status,
      deltaBytes: node.deltaBytes,
      count: node.count,
    });
    for (const child of sortedChildren(node).reverse()) pending.push({ node: child, depth: depth + 1 });
  }
  return rows;
}

function sortedChildren(node: Node): Node[] {
  return [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Layers side by side: the shared bottom first (one row each), then the rest of each image. */
export function alignLayers<T extends { diffId: string }>(
  a: T[],
  b: T[],
): Array<{ a?: T; b?: T; shared: boolean }> {
  const rows: Array<{ a?: T; b?: T; shared: boolean }> = [];
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.diffId === b[i]!.diffId) {
    rows.push({ a: a[i]!, b: b[i]!, shared: true });
    i++;
  }
  for (let j = i; j < Math.max(a.length, b.length); j++) {
    const row: { a?: T; b?: T; shared: boolean } = { shared: false };
    if (a[j]) row.a = a[j]!;
    if (b[j]) row.b = b[j]!;
    rows.push(row);
  }
  return rows;
}

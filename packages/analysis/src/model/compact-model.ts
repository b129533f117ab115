/**
 * The analysis as one compact document for the browser (DESIGN.md "The data's way through" 5):
 * the report, a table of every path that ever exists (parents before children), and per layer
 * its change list in columns keyed by path index. The browser builds its explorer from it once
 * and computes every view locally, so switching layers never waits on the network.
 */
import type { Analysis } from '../analyze.js';
import { parentPath } from '../path.js';
import type { Report } from '../report.js';
import type { ChangeStatus } from '../stack.js';
import type { EntryType } from '../types.js';

export const STATUSES: ChangeStatus[] = ['added', 'modified', 'removed', 'unmodified'];
/** Entry types by their column code (shared by every columnar encoding of entries). */
export const TYPES: EntryType[] = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'other'];

export interface CompactLayer {
  node: number[];
  status: number[];
  type: number[];
  size: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  /** Sparse: position in this layer's columns -> link target. */
  link: Record<number, string>;
}

export interface CompactModel {
  v: 1;
  report: Report;
  /** Absolute paths; a parent always comes before its children. */
  paths: string[];
  /** Index of each path's parent, -1 for top-level paths. */
  parent: number[];
  layers: CompactLayer[];
}

export function encodeModel(analysis: Analysis): CompactModel {
  const index = new Map<string, number>();
  const model: CompactModel = { v: 1, report: analysis.report, paths: [], parent: [], layers: [] };
  const intern = (path: string): number => {
    const known = index.get(path);
    if (known !== undefined) return known;
    const parent = parentPath(path);
    const parentIndex = parent === '' ? -1 : intern(parent);
    index.set(path, model.paths.length);
    model.paths.push(path);
    model.parent.push(parentIndex);
    return model.paths.length - 1;
  };
  model.layers = analysis.deltas.map((delta) => {
    const layer: CompactLayer = {
      node: [],
      status: [],
      type: [],
      size: [],
      mode: [],
      uid: [],
      gid: [],
      link: {},
    };
    for (const change of delta.changes) {
      if (change.info.linkTarget) layer.link[layer.node.length] = change.info.linkTarget;
      layer.node.push(intern(change.path));
      layer.status.push(STATUSES.indexOf(change.status));
      layer.type.push(TYPES.indexOf(change.type));
      layer.size.push(change.size);
      layer.mode.push(change.info.mode);
      layer.uid.push(change.info.uid);
      layer.gid.push(change.info.gid);
    }
    return layer;
  });
  return model;
}

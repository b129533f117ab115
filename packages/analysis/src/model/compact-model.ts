/**
 * The analysis as one compact document for the browser (DESIGN.md "The data's way through" 5):
 * a table of every path that ever exists (parents before children), and per layer
 * its change list in columns keyed by path index. The browser builds its explorer from it once
 * and computes every view locally, so switching layers never waits on the network.
 */
import type { Analysis } from '../analyze.js';
import type { LayerIndex } from '../layer-index/layer-index.js';
import type { LayerChanges } from '../stack.js';

export { STATUSES } from '../stack.js';
export { TYPES } from '../layer-index/entry-types.js';

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
  v: 2;
  /** Absolute paths; a parent always comes before its children. */
  paths: string[];
  /** Index of each path's parent, -1 for top-level paths. */
  parent: number[];
  layers: CompactLayer[];
}

/**
 * Paths are the stack's path ids less the root (id g is path g - 1, so parents come first), and
 * each layer's columns are read straight from its change set: nothing is interned again.
 */
export function encodeModel(analysis: Analysis): CompactModel {
  const { stack } = analysis;
  const { paths } = stack;
  const model: CompactModel = { v: 2, paths: [], parent: [], layers: [] };
  for (let g = 1; g < paths.size; g++) {
    model.paths.push(paths.path(g));
    model.parent.push((paths.parent.data[g] as number) - 1);
  }
  model.layers = stack.changes.map((changes) => encodeLayer(stack.layers, changes));
  return model;
}

function encodeLayer(layers: LayerIndex[], changes: LayerChanges): CompactLayer {
  const n = changes.node.length;
  const layer: CompactLayer = {
    node: Array.from(changes.node, (g) => g - 1),
    status: Array.from(changes.status),
    type: new Array<number>(n),
    size: new Array<number>(n),
    mode: new Array<number>(n),
    uid: new Array<number>(n),
    gid: new Array<number>(n),
    link: {},
  };
  for (let i = 0; i < n; i++) {
    const l = changes.infoLayer[i] as number;
    if (l < 0) {
      layer.type[i] = 1;
      layer.size[i] = 0;
      layer.mode[i] = 0o755;
      layer.uid[i] = 0;
      layer.gid[i] = 0;
      continue;
    }
    const index = layers[l] as LayerIndex;
    const e = changes.infoEntry[i] as number;
    layer.type[i] = index.type[e] as number;
    layer.size[i] = index.size[e] as number;
    layer.mode[i] = index.mode[e] as number;
    layer.uid[i] = index.uid[e] as number;
    layer.gid[i] = index.gid[e] as number;
    const s = index.link[e] as number;
    if (s >= 0) layer.link[i] = index.strings[s] as string;
  }
  return layer;
}

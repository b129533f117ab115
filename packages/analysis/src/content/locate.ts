/**
 * Where a path's bytes are in the merged view at layer N: the layer whose entry holds them, with
 * symlinks followed inside the image (never on the host), as the kernel resolves a path on an
 * overlay mount. Reads each layer's own tree in its layer index (no stacking), from layer N down.
 */
import { DIR } from '../layer-index/entry-types.js';
import {
  entryInfo,
  nodeName,
  OPAQUE,
  WHITEOUT,
  type FileInfo,
  type LayerIndex,
} from '../layer-index/layer-index.js';
import { cleanPath } from '../path.js';

/** Linux's MAXSYMLINKS (40): more links than this in one resolution is a loop. */
export const MAX_SYMLINK_HOPS = 40;

export type Located =
  | {
      found: true;
      layer: number;
      /** cleaned relative path after links */ path: string;
      info: FileInfo | undefined;
      /** The entry in that layer's index that holds the attributes (-1: an implied directory). */
      entry: number;
    }
  | { found: false; reason: 'missing' | 'loop'; path: string };

/** `info` undefined means a directory the layer only implies. Hardlinks are returned as such. */
export function locatePath(trees: readonly LayerIndex[], path: string, upTo: number): Located {
  const pending = cleanPath(path).split('/').filter(Boolean).reverse();
  const resolved: string[] = [];
  let hops = 0;
  let last: Located = { found: true, layer: -1, path: '', info: undefined, entry: -1 };
  while (pending.length > 0) {
    const part = pending.pop() as string;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    if (part === '.') continue;
    resolved.push(part);
    const here = lookup(trees, upTo, resolved);
    if (!here.found) return { ...here, path: resolved.join('/') };
    if (here.info?.type === 'symlink') {
      if (++hops > MAX_SYMLINK_HOPS) return { found: false, reason: 'loop', path: resolved.join('/') };
      resolved.pop();
      const target = here.info.linkTarget;
      if (target.startsWith('/')) resolved.length = 0;
      pending.push(...target.split('/').filter(Boolean).reverse());
      continue;
    }
    last = here;
  }
  return last.layer < 0 ? { found: true, layer: upTo, path: '', info: undefined, entry: -1 } : last;
}

/** The path in the merged view of layers 0..upTo: the topmost layer that has it, unless hidden. */
function lookup(trees: readonly LayerIndex[], upTo: number, parts: readonly string[]): Located {
  const path = parts.join('/');
  for (let layer = Math.min(upTo, trees.length - 1); layer >= 0; layer--) {
    const index = trees[layer] as LayerIndex;
    const children = childrenOf(index);
    let node = 0;
    let hidden = false;
    for (let i = 0; i < parts.length && node >= 0; i++) {
      // An opaque directory hides lower layers' content below it; a file in this layer replaces a directory.
      if ((index.nodeFlags[node] as number) & OPAQUE) hidden = true;
      const e = index.nodeEntry[node] as number;
      if (i > 0 && e >= 0 && index.type[e] !== DIR) return { found: false, reason: 'missing', path };
      node = children.get(`${node}/${parts[i] as string}`) ?? -1;
      if (node >= 0 && (index.nodeFlags[node] as number) & WHITEOUT)
        return { found: false, reason: 'missing', path };
    }
    if (node >= 0) {
      const entry = index.nodeEntry[node] as number;
      return { found: true, layer, path, info: entry < 0 ? undefined : entryInfo(index, entry), entry };
    }
    if (hidden) return { found: false, reason: 'missing', path };
  }
  return { found: false, reason: 'missing', path };
}

const CHILDREN = new WeakMap<LayerIndex, Map<string, number>>();

/** A layer tree's children by `parent/name`, made once per index (file reads are rare, trees big). */
function childrenOf(index: LayerIndex): Map<string, number> {
  let map = CHILDREN.get(index);
  if (!map) {
    map = new Map();
    for (let v = 1; v < index.nodeCount; v++)
      map.set(`${index.nodeParent[v] as number}/${nodeName(index, v)}`, v);
    CHILDREN.set(index, map);
  }
  return map;
}

/**
 * Where a path's bytes are in the merged view at layer N: the layer whose entry holds them, with
 * symlinks followed inside the image (never on the host), as the kernel resolves a path on an
 * overlay mount. Reads the per-layer trees only (no stacking), from layer N down.
 * The lead switches this one function to the layer index at merge.
 */
import type { FileInfo, LayerTree, TreeNode } from '../layer-tree.js';
import { cleanPath } from '../path.js';

/** Linux's MAXSYMLINKS (40): more links than this in one resolution is a loop. */
export const MAX_SYMLINK_HOPS = 40;

export type Located =
  | {
      found: true;
      layer: number;
      /** cleaned relative path after links */ path: string;
      info: FileInfo | undefined;
    }
  | { found: false; reason: 'missing' | 'loop'; path: string };

/** `info` undefined means a directory the layer only implies. Hardlinks are returned as such. */
export function locatePath(trees: readonly LayerTree[], path: string, upTo: number): Located {
  const pending = cleanPath(path).split('/').filter(Boolean).reverse();
  const resolved: string[] = [];
  let hops = 0;
  let last: Located = { found: true, layer: -1, path: '', info: undefined };
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
  return last.layer < 0 ? { found: true, layer: upTo, path: '', info: undefined } : last;
}

/** The path in the merged view of layers 0..upTo: the topmost layer that has it, unless hidden. */
function lookup(trees: readonly LayerTree[], upTo: number, parts: readonly string[]): Located {
  const path = parts.join('/');
  for (let layer = Math.min(upTo, trees.length - 1); layer >= 0; layer--) {
    let node: TreeNode | undefined = (trees[layer] as LayerTree).root;
    let hidden = false;
    for (let i = 0; i < parts.length && node; i++) {
      // An opaque directory hides lower layers' content below it; a file in this layer replaces a directory.
      if (node.opaque) hidden = true;
      if (i > 0 && node.info && node.info.type !== 'dir') return { found: false, reason: 'missing', path };
      node = node.children?.get(parts[i] as string);
      if (node?.whiteout) return { found: false, reason: 'missing', path };
    }
    if (node) return { found: true, layer, path, info: node.info };
    if (hidden) return { found: false, reason: 'missing', path };
  }
  return { found: false, reason: 'missing', path };
}

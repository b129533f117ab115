/**
 * dive's efficiency and inefficient files, by its definition (dive/filetree/efficiency.go):
 * every leaf of every layer's own tree is an occurrence of its path; a file adds its size, a
 * whiteout adds what it deletes (the stacked size of a directory, 0 for a file).
 * efficiency = Σ smallest occurrence per path / Σ all occurrences; a path seen in 2+ layers is
 * inefficient and its cumulative size is dive's wasted bytes (the kept copy included, dive #684).
 *
 * Where dive is wrong (shared/fixtures/dive/EXPECTED.md) we are not: a whiteout whose target
 * does not exist is ignored alone (dive drops the rest of the layer and leaves a -1).
 */
import { sortedChildren, type LayerTree, type TreeNode } from './layer-tree.js';

export interface InefficientFile {
  /** Absolute path. */
  path: string;
  /** Layers in which the path is a leaf (whiteouts included). */
  count: number;
  /** Sum over all occurrences. */
  bytes: number;
  /** Indexes of those layers. */
  layers: number[];
}

export interface EfficiencyResult {
  efficiency: number;
  /** Σ over paths of the smallest occurrence. */
  minimumBytes: number;
  /** Σ over paths of all occurrences. */
  cumulativeBytes: number;
  pathCount: number;
  wastedBytes: number;
  /** Biggest first; ties in dive's order (the later-registered path first). */
  inefficientFiles: InefficientFile[];
}

interface PathStats {
  cumulative: number;
  minimum: number;
  layers: number[];
  /** When the path became inefficient (its second occurrence), for dive's tie order. */
  matchedAt: number;
}

export interface EfficiencyLayer {
  tree: LayerTree;
  whiteoutSizes: Map<string, number | null>;
}

export function computeEfficiency(layers: EfficiencyLayer[]): EfficiencyResult {
  const stats = new Map<string, PathStats>();
  let matches = 0;
  layers.forEach((layer, index) => {
    visitLeaves(layer.tree.root, '', (node, path) => {
      const size = node.whiteout ? layer.whiteoutSizes.get(path) : (node.info?.size ?? 0);
      if (size === null || size === undefined) return;
      const s = stats.get(path) ?? { cumulative: 0, minimum: size, layers: [], matchedAt: -1 };
      s.cumulative += size;
      s.minimum = Math.min(s.minimum, size);
      s.layers.push(index);
      if (s.layers.length === 2) s.matchedAt = matches++;
      stats.set(path, s);
    });
  });
  return summarize(stats);
}

function summarize(stats: Map<string, PathStats>): EfficiencyResult {
  let minimumBytes = 0;
  let cumulativeBytes = 0;
  const inefficient: Array<InefficientFile & { matchedAt: number }> = [];
  for (const [path, s] of stats) {
    minimumBytes += s.minimum;
    cumulativeBytes += s.cumulative;
    if (s.layers.length >= 2) {
      inefficient.push({
        path,
        count: s.layers.length,
        bytes: s.cumulative,
        layers: s.layers,
        matchedAt: s.matchedAt,
      });
    }
  }
  inefficient.sort((a, b) => b.bytes - a.bytes || b.matchedAt - a.matchedAt);
  return {
    efficiency: cumulativeBytes === 0 ? 1 : minimumBytes / cumulativeBytes,
    minimumBytes,
    cumulativeBytes,
    pathCount: stats.size,
    wastedBytes: inefficient.reduce((sum, f) => sum + f.bytes, 0),
    inefficientFiles: inefficient.map(({ matchedAt: _, ...f }) => f),
  };
}

/** Depth-first, children before parents, in sorted order: dive's VisitDepthChildFirst over leaves. */
function visitLeaves(node: TreeNode, prefix: string, visit: (node: TreeNode, path: string) => void): void {
  for (const child of sortedChildren(node)) {
    const path = `${prefix}/${child.name}`;
    if (child.children && child.children.size > 0) visitLeaves(child, path, visit);
    else visit(child, path);
  }
}

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
import { Column } from './layer-index/columns.js';
import { WHITEOUT, type LayerIndex } from './layer-index/layer-index.js';
import { WHITEOUT_PREFIX } from './path.js';
import type { PathTable } from './path-table.js';
import type { ImageStack } from './stack.js';

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

interface Repeat {
  layers: number[];
  /** The layer of the second occurrence, and whether it was a whiteout: dive's tie order. */
  matchedLayer: number;
  matchedWhiteout: boolean;
}

/** Fed each layer right after the stack applied it (whiteout sizes are measured before). */
export class EfficiencyTally {
  private readonly cumulative = new Column(Float64Array);
  private readonly minimum = new Column(Float64Array);
  private readonly occurrences = new Column(Int32Array);
  private readonly firstLayer = new Column(Int32Array);
  private readonly repeats = new Map<number, Repeat>();

  constructor(private readonly stack: ImageStack) {}

  addLayer(li: number): void {
    const layer = this.stack.layers[li] as LayerIndex;
    const ids = this.stack.nodeIds[li] as Int32Array;
    const sizes = this.stack.whiteoutSizes[li] as Float64Array;
    const n = layer.nodeCount;
    // Every path id this layer can name exists by now or is interned below (at most one per node).
    this.reserve(this.stack.paths.size + n);
    const inner = new Uint8Array(n);
    for (let v = 1; v < n; v++) inner[layer.nodeParent[v] as number] = 1;
    for (let v = 1; v < n; v++) {
      if (inner[v]) continue;
      const whiteout = ((layer.nodeFlags[v] as number) & WHITEOUT) !== 0;
      let size: number;
      if (whiteout) {
        size = sizes[v] as number;
        if (Number.isNaN(size)) continue;
      } else {
        const e = layer.nodeEntry[v] as number;
        size = e < 0 ? 0 : (layer.size[e] as number);
      }
      const g = (ids[v] as number) >= 0 ? (ids[v] as number) : this.internUnder(layer, ids, v);
      this.count(g, li, size, whiteout);
    }
    this.stack.releaseLayerScratch(li);
  }

  result(): EfficiencyResult {
    let minimumBytes = 0;
    let cumulativeBytes = 0;
    let pathCount = 0;
    const occ = this.occurrences.data;
    for (let g = 0; g < this.occurrences.length; g++) {
      if (occ[g] === 0) continue;
      pathCount++;
      minimumBytes += this.minimum.data[g] as number;
      cumulativeBytes += this.cumulative.data[g] as number;
    }
    const paths = this.stack.paths;
    const repeated = [...this.repeats].map(([g, r]) => ({ g, r, bytes: this.cumulative.data[g] as number }));
    repeated.sort((a, b) => b.bytes - a.bytes || compareMatch(paths, b.g, b.r, a.g, a.r));
    const inefficientFiles = repeated.map(({ g, r, bytes }) => ({
      path: paths.path(g),
      count: r.layers.length,
      bytes,
      layers: r.layers,
    }));
    return {
      efficiency: cumulativeBytes === 0 ? 1 : minimumBytes / cumulativeBytes,
      minimumBytes,
      cumulativeBytes,
      pathCount,
      wastedBytes: inefficientFiles.reduce((sum, f) => sum + f.bytes, 0),
      inefficientFiles,
    };
  }

  private reserve(size: number): void {
    for (const c of [this.cumulative, this.minimum, this.occurrences, this.firstLayer]) c.ensure(size - 1);
  }

  private count(g: number, li: number, size: number, whiteout: boolean): void {
    const seen = this.occurrences.data[g] as number;
    this.occurrences.data[g] = seen + 1;
    if (seen === 0) {
      this.cumulative.data[g] = size;
      this.minimum.data[g] = size;
      this.firstLayer.data[g] = li;
      return;
    }
    this.cumulative.data[g]! += size;
    this.minimum.data[g] = Math.min(this.minimum.data[g] as number, size);
    const repeat = this.repeats.get(g);
    if (repeat) repeat.layers.push(li);
    else
      this.repeats.set(g, {
        layers: [this.firstLayer.data[g] as number, li],
        matchedLayer: li,
        matchedWhiteout: whiteout,
      });
  }

  /** A leaf under a whiteout node of its own layer (`.wh.a` beside `a/b`): dive still counts it. */
  private internUnder(layer: LayerIndex, ids: Int32Array, v: number): number {
    const chain: number[] = [];
    let at = v;
    while (at > 0 && (ids[at] as number) < 0) {
      chain.push(at);
      at = layer.nodeParent[at] as number;
    }
    let g = at === 0 ? 0 : (ids[at] as number);
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i] as number;
      g = this.stack.paths.intern(g, layer.strings[layer.nodeName[node] as number] as string);
      ids[node] = g;
    }
    return g;
  }
}

/**
 * dive's order of becoming inefficient: by the layer of the second occurrence, then by dive's
 * visiting order in that layer (depth first over children sorted by raw name, Go's byte order;
 * for two leaves that is the order of their first differing component).
 */
function compareMatch(paths: PathTable, ga: number, a: Repeat, gb: number, b: Repeat): number {
  if (a.matchedLayer !== b.matchedLayer) return a.matchedLayer - b.matchedLayer;
  const ca = chain(paths, ga);
  const cb = chain(paths, gb);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] === cb[i]) continue;
    const na = rawName(paths, ca[i] as number, i === ca.length - 1 && a.matchedWhiteout);
    const nb = rawName(paths, cb[i] as number, i === cb.length - 1 && b.matchedWhiteout);
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return ca.length - cb.length;
}

function chain(paths: PathTable, g: number): number[] {
  const out: number[] = [];
  for (let at = g; at > 0; at = paths.parent.data[at] as number) out.push(at);
  return out.reverse();
}

function rawName(paths: PathTable, g: number, whiteout: boolean): string {
  const name = paths.names[g] as string;
  return whiteout ? WHITEOUT_PREFIX + name : name;
}

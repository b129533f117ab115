/**
 * Where an image grew (the human side of `strata diff`): bytes per directory from the file
 * changes, and the layers only one side has. Pure, from an ImageDiff and the two reports.
 */
import type { LayerReport } from '../report.js';
import type { ImageDiff } from './diff-images.js';

export interface DirectoryGrowth {
  /** `/usr/lib`; `/` for the whole file system. */
  path: string;
  deltaBytes: number;
}

/** Net bytes per directory down to `depth` levels (`/` included), biggest absolute change first. */
export function growthByDirectory(files: ImageDiff['files'], depth = 2): DirectoryGrowth[] {
  const deltas = new Map<string, number>();
  const add = (path: string, bytes: number): void => {
    if (bytes === 0) return;
    const parts = path.split('/').filter(Boolean).slice(0, -1);
    for (let d = 0; d <= Math.min(depth, parts.length); d++) {
      const dir = `/${parts.slice(0, d).join('/')}`;
      deltas.set(dir, (deltas.get(dir) ?? 0) + bytes);
    }
  };
  for (const f of files.added) add(f.path, f.bytes);
  for (const f of files.removed) add(f.path, -f.bytes);
  for (const f of files.changed) add(f.path, f.bytesB - f.bytesA);
  return [...deltas]
    .filter(([, d]) => d !== 0)
    .map(([path, deltaBytes]) => ({ path, deltaBytes }))
    .sort((x, y) => Math.abs(y.deltaBytes) - Math.abs(x.deltaBytes) || (x.path < y.path ? -1 : 1));
}

/** Layers by diff_id that only one image has (B's new layers are where the growth was built). */
export function unsharedLayers(
  a: LayerReport[],
  b: LayerReport[],
): { onlyA: LayerReport[]; onlyB: LayerReport[] } {
  const idsA = new Set(a.map((l) => l.diffId));
  const idsB = new Set(b.map((l) => l.diffId));
  return { onlyA: a.filter((l) => !idsB.has(l.diffId)), onlyB: b.filter((l) => !idsA.has(l.diffId)) };
}

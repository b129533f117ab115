/**
 * Compare two analyzed images (`strata diff A B`, the web app's compare page): sizes, the
 * layers they share (by diff_id), and the files of the final merged file systems that B adds,
 * removes or changes against A. "Changed" is the analysis' own "modified" (stack.ts `differs`):
 * content hash, mode, uid, gid, type or link target. Directories are not compared (as the
 * per-layer tallies count non-directory entries only).
 */
import type { Analysis } from '../analyze.js';
import type { FileInfo } from '../layer-index/layer-index.js';
import type { LayerReport, Report } from '../report.js';
import { finalFiles, type FinalFile } from './final-files.js';

export interface DiffSide {
  source: string;
  digest: string;
  sizeBytes: number;
}

export interface ImageDiff {
  a: DiffSide;
  b: DiffSide;
  /** b.sizeBytes − a.sizeBytes (the reports' dive sizes: Σ layer tar sizes). */
  sizeDeltaBytes: number;
  /** Layers of A whose diff_id B also has, in A's order. */
  sharedLayers: Array<{ diffId: string; sizeBytes: number }>;
  /** How many bottom layers the two have in common, in the same order (a shared base). */
  commonPrefixLayers: number;
  files: {
    added: Array<{ path: string; bytes: number }>;
    removed: Array<{ path: string; bytes: number }>;
    changed: Array<{ path: string; bytesA: number; bytesB: number }>;
  };
}

/** What a comparison needs of each image: its report and its final files. */
export interface Compared {
  report: Pick<Report, 'image' | 'layers'>;
  files: Iterable<FinalFile>;
}

/** Two analyses of this run (the CLI). */
export function diffImages(
  a: Pick<Analysis, 'report' | 'stack'>,
  b: Pick<Analysis, 'report' | 'stack'>,
): ImageDiff {
  return diffCompared({ report: a.report, files: finalFiles(a) }, { report: b.report, files: finalFiles(b) });
}

/** Two images from wherever their files come (stored analyses: final-files-codec.ts). */
export function diffCompared(a: Compared, b: Compared): ImageDiff {
  const side = ({ report }: Compared): DiffSide => ({
    source: report.image.source,
    digest: report.image.digest,
    sizeBytes: report.image.sizeBytes,
  });
  return {
    a: side(a),
    b: side(b),
    sizeDeltaBytes: b.report.image.sizeBytes - a.report.image.sizeBytes,
    sharedLayers: sharedLayers(a.report.layers, b.report.layers),
    commonPrefixLayers: commonPrefix(a.report.layers, b.report.layers),
    files: diffFiles(a, b),
  };
}

function sharedLayers(a: LayerReport[], b: LayerReport[]): ImageDiff['sharedLayers'] {
  const inB = new Set(b.map((l) => l.diffId));
  const seen = new Set<string>();
  return a
    .filter((l) => inB.has(l.diffId) && !seen.has(l.diffId) && seen.add(l.diffId))
    .map((l) => ({ diffId: l.diffId, sizeBytes: l.sizeBytes }));
}

export function commonPrefix(a: LayerReport[], b: LayerReport[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n]?.diffId === b[n]?.diffId) n++;
  return n;
}

function diffFiles(a: Compared, b: Compared): ImageDiff['files'] {
  const before = new Map<string, FileInfo>();
  for (const f of a.files) before.set(f.path, f.info);
  const files: ImageDiff['files'] = { added: [], removed: [], changed: [] };
  for (const { path, info } of b.files) {
    const old = before.get(path);
    before.delete(path);
    if (!old) files.added.push({ path, bytes: info.size });
    else if (infoDiffers(old, info)) files.changed.push({ path, bytesA: old.size, bytesB: info.size });
  }
  for (const [path, info] of before) files.removed.push({ path, bytes: info.size });
  const byPath = (x: { path: string }, y: { path: string }): number =>
    x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
  files.added.sort(byPath);
  files.removed.sort(byPath);
  files.changed.sort(byPath);
  return files;
}

/** The analysis' "modified" (stack.ts `differs`) over attributes: type, content, mode, owner, link. */
function infoDiffers(a: FileInfo, b: FileInfo): boolean {
  return (
    a.type !== b.type ||
    a.contentHash !== b.contentHash ||
    a.mode !== b.mode ||
    a.uid !== b.uid ||
    a.gid !== b.gid ||
    a.linkTarget !== b.linkTarget
  );
}

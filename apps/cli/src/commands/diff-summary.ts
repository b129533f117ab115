/** The human side of `strata diff`: what grew, by layer and by directory. */
import {
  growthByDirectory,
  humanBytes,
  unsharedLayers,
  type ImageDiff,
  type LayerReport,
  type Report,
} from '@strata/analysis';

const TOP_DIRECTORIES = 15;

export function formatDiff(diff: ImageDiff, a: Report, b: Report): string {
  const { onlyA, onlyB } = unsharedLayers(a.layers, b.layers);
  const { added, removed, changed } = diff.files;
  const pct =
    diff.a.sizeBytes > 0 ? ` (${((diff.sizeDeltaBytes / diff.a.sizeBytes) * 100).toFixed(1)} %)` : '';
  const sharedBytes = diff.sharedLayers.reduce((s, l) => s + l.sizeBytes, 0);
  const lines = [
    `A: ${diff.a.source}  ${diff.a.digest}  ${humanBytes(diff.a.sizeBytes)}`,
    `B: ${diff.b.source}  ${diff.b.digest}  ${humanBytes(diff.b.sizeBytes)}`,
    `  size: ${signed(diff.sizeDeltaBytes)}${pct}`,
    `  layers: ${diff.sharedLayers.length} shared (${humanBytes(sharedBytes)}; the first ${diff.commonPrefixLayers} in the same order), ${onlyA.length} only in A, ${onlyB.length} only in B`,
    `  files: ${added.length} added (${signed(sum(added.map((f) => f.bytes)))}), ${removed.length} removed (${signed(-sum(removed.map((f) => f.bytes)))}), ${changed.length} changed (${signed(sum(changed.map((f) => f.bytesB - f.bytesA)))})`,
    '',
    ...layerSection('Layers only in B:', onlyB, 1),
    ...layerSection('Layers only in A:', onlyA, -1),
    'Growth by directory (final file system; `/` is the whole of it):',
    ...growthByDirectory(diff.files)
      .slice(0, TOP_DIRECTORIES)
      .map((d) => `  ${signed(d.deltaBytes).padStart(10)}  ${d.path}`),
  ];
  return lines.join('\n');
}

function layerSection(title: string, layers: LayerReport[], sign: 1 | -1): string[] {
  if (layers.length === 0) return [];
  return [
    title,
    ...layers.map(
      (l) =>
        `  #${String(l.index).padEnd(3)} ${signed(sign * l.sizeBytes).padStart(10)}  ${oneLine(l.instruction.text)}`,
    ),
    '',
  ];
}

function signed(bytes: number): string {
  return `${bytes < 0 ? '-' : '+'}${humanBytes(Math.abs(bytes))}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

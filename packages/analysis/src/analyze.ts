/**
 * The whole analysis of one image: per-layer trees, one stacking pass, dive's figures and
 * Strata's own, and the report. Pure; runs in Node, a Web Worker or the CLI.
 */
import { findBaseImage } from './base-image.js';
import { computeEfficiency, type EfficiencyResult } from './efficiency.js';
import { layerInstruction, mapHistory, type HistoryItem } from './history.js';
import { diveCommand, type Instruction } from './instruction.js';
import { buildLayerTree, type LayerTree } from './layer-tree.js';
import type { HistoryReport, ImageReport, InstructionReport, LayerReport, Report } from './report.js';
import { Stacker, type LayerDelta, type StackNode } from './stack.js';
import type { ContentFinding } from './content/types.js';
import type { ImageInput } from './types.js';

export interface Analysis {
  report: Report;
  trees: LayerTree[];
  deltas: LayerDelta[];
  /** The final merged file system. */
  final: StackNode;
  efficiency: EfficiencyResult;
  /** Per layer, the content analyzers' findings; undefined when they did not run. */
  findings?: ContentFinding[][];
}

export function analyzeImage(input: ImageInput, source: string): Analysis {
  const trees = input.layers.map((layer) => buildLayerTree(layer.entries));
  const stacker = new Stacker();
  const deltas = trees.map((tree, i) => stacker.apply(tree, i));
  const efficiency = computeEfficiency(
    trees.map((tree, i) => ({ tree, whiteoutSizes: (deltas[i] as LayerDelta).whiteoutSizes })),
  );
  const { items, layerHistory } = mapHistory(input.history, trees.length);
  const image = imageReport(input, source, trees, efficiency, stacker, items);
  const layers = input.layers.map((layer, i): LayerReport => {
    const delta = deltas[i] as LayerDelta;
    const instruction = layerInstruction(items, layerHistory, i);
    return {
      index: i,
      digest: layer.digest,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      sizeBytes: (trees[i] as LayerTree).sizeBytes,
      compressedSizeBytes: layer.compressedSize,
      files: (trees[i] as LayerTree).nodeCount,
      historyIndex: layerHistory[i] ?? null,
      instruction: instructionReport(instruction),
      command: diveCommand(instruction.raw),
      ...delta.tallies,
      shadowedBytes: stacker.shadowedBytes[i] ?? 0,
      inBaseImage: i < image.baseImage.layerCount,
    };
  });
  const history = items.map(historyReport);
  const report: Report = {
    schemaVersion: 1,
    image,
    layers,
    history,
    inefficientFiles: efficiency.inefficientFiles,
  };
  const findings = input.layers.some((l) => l.findings)
    ? input.layers.map((l) => l.findings ?? [])
    : undefined;
  return { report, trees, deltas, final: stacker.root, efficiency, ...(findings ? { findings } : {}) };
}

function imageReport(
  input: ImageInput,
  source: string,
  trees: LayerTree[],
  efficiency: EfficiencyResult,
  stacker: Stacker,
  history: HistoryItem[],
): ImageReport {
  const sizes = trees.map((t) => t.sizeBytes);
  const sizeBytes = sum(sizes);
  const userSizeBytes = sum(sizes.slice(1));
  const { os, architecture, variant } = input.platform;
  return {
    source,
    digest: input.digest,
    configDigest: input.configDigest,
    names: input.names,
    platform: [os, architecture, variant].filter(Boolean).join('/'),
    layerCount: trees.length,
    sizeBytes,
    compressedSizeBytes: sum(input.layers.map((l) => l.compressedSize)),
    userSizeBytes,
    wastedBytes: efficiency.wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? null : efficiency.wastedBytes / userSizeBytes,
    efficiency: efficiency.efficiency,
    files: sum(trees.map((t) => t.nodeCount)),
    fileCount: countFiles(stacker.root),
    recoverableBytes: sum(stacker.shadowedBytes),
    baseImage: findBaseImage({ ...input.labels, ...input.annotations }, history, trees.length),
  };
}

function instructionReport({ kind, text, raw }: Instruction): InstructionReport {
  return { kind, text, raw };
}

function historyReport(item: HistoryItem): HistoryReport {
  const { instruction, ...rest } = item;
  return { ...rest, instruction: instructionReport(instruction) };
}

function countFiles(node: StackNode): number {
  let count = node.info && node.info.type !== 'dir' ? 1 : 0;
  if (node.children) for (const child of node.children.values()) count += countFiles(child);
  return count;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The whole analysis of one image: per-layer trees, one stacking pass, dive's figures and
 * Strata's own, and the report. Pure; runs in Node, a Web Worker or the CLI.
 */
import { findBaseImage } from './base-image.js';
import { EfficiencyTally, type EfficiencyResult } from './efficiency.js';
import { layerInstruction, mapHistory, type HistoryItem } from './history.js';
import { diveCommand, type Instruction } from './instruction.js';
import type { LayerIndex } from './layer-index/layer-index.js';
import type { HistoryReport, ImageReport, InstructionReport, LayerReport, Report } from './report.js';
import { ImageStack, type LayerChanges } from './stack.js';
import type { ContentFinding } from './content/types.js';
import type { ImageInput } from './types.js';

export interface Analysis {
  report: Report;
  /** The stacked file system: every path once, each layer's changes, the final state. */
  stack: ImageStack;
  efficiency: EfficiencyResult;
  /** Per layer, the content analyzers' findings; undefined when they did not run. */
  findings?: ContentFinding[][];
}

export interface Stacked {
  stack: ImageStack;
  efficiency: EfficiencyResult;
}

/**
 * Stacks layers and tallies dive's occurrences, one pass per layer, as the layers come: a decode
 * pool ends them out of order, and layer N can be stacked while later ones still decode.
 */
export class LayerStacker {
  private readonly stack = new ImageStack();
  private readonly tally = new EfficiencyTally(this.stack);
  private readonly pending = new Map<number, LayerIndex>();
  private next = 0;

  /** Layer `index` is decoded; it is stacked once every layer below it is. */
  add(index: number, layer: LayerIndex): void {
    if (index < this.next) return;
    this.pending.set(index, layer);
    for (let l = this.pending.get(this.next); l; l = this.pending.get(this.next)) {
      this.pending.delete(this.next++);
      this.tally.addLayer(this.stack.apply(l));
    }
  }

  /** Every layer of the image (those not added yet are stacked now). */
  finish(layers: readonly LayerIndex[]): Stacked {
    layers.forEach((layer, i) => this.add(i, layer));
    return { stack: this.stack, efficiency: this.tally.result() };
  }
}

export function stackLayers(layers: readonly LayerIndex[]): Stacked {
  return new LayerStacker().finish(layers);
}

/** `stacked`: the layers already stacked by a LayerStacker while they were decoded. */
export function analyzeImage(input: ImageInput, source: string, stacked?: Stacked): Analysis {
  const { stack, efficiency } = stacked ?? stackLayers(input.layers);
  const { items, layerHistory } = mapHistory(input.history, input.layers.length);
  const image = imageReport(input, source, efficiency, stack, items);
  const layers = input.layers.map((layer, i): LayerReport => {
    const changes = stack.changes[i] as LayerChanges;
    const instruction = layerInstruction(items, layerHistory, i);
    return {
      index: i,
      digest: layer.digest,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      sizeBytes: layer.sizeBytes,
      compressedSizeBytes: layer.compressedSize,
      files: layer.nodeCount - 1,
      historyIndex: layerHistory[i] ?? null,
      instruction: instructionReport(instruction),
      command: diveCommand(instruction.raw),
      ...changes.tallies,
      shadowedBytes: stack.shadowedBytes[i] ?? 0,
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
  // Findings mean "the contents were read": only when the decode pass scanned every layer.
  const findings = input.layers.every((l) => l.contentScanned)
    ? input.layers.map((l) => l.findings)
    : undefined;
  return { report, stack, efficiency, ...(findings ? { findings } : {}) };
}

function imageReport(
  input: ImageInput,
  source: string,
  efficiency: EfficiencyResult,
  stack: ImageStack,
  history: HistoryItem[],
): ImageReport {
  const sizes = input.layers.map((l) => l.sizeBytes);
  const sizeBytes = sum(sizes);
  const userSizeBytes = sum(sizes.slice(1));
  const { os, architecture, variant } = input.platform;
  return {
    source,
    digest: input.digest,
    configDigest: input.configDigest,
    names: input.names,
    platform: [os, architecture, variant].filter(Boolean).join('/'),
    layerCount: input.layers.length,
    sizeBytes,
    compressedSizeBytes: sum(input.layers.map((l) => l.compressedSize)),
    userSizeBytes,
    wastedBytes: efficiency.wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? null : efficiency.wastedBytes / userSizeBytes,
    efficiency: efficiency.efficiency,
    files: sum(input.layers.map((l) => l.nodeCount - 1)),
    fileCount: stack.fileCount(),
    recoverableBytes: sum(stack.shadowedBytes),
    baseImage: findBaseImage({ ...input.labels, ...input.annotations }, history, input.layers.length),
  };
}

function instructionReport({ kind, text, raw }: Instruction): InstructionReport {
  return { kind, text, raw };
}

function historyReport(item: HistoryItem): HistoryReport {
  const { instruction, ...rest } = item;
  return { ...rest, instruction: instructionReport(instruction) };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

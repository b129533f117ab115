/**
 * One job's heavy work, as one task: analyze the decoded image, derive the advice, the dive
 * export and the browser model, and compress each. On the server it runs in a worker thread
 * (analysis-pool.ts) so the main thread only does I/O, routing and SSE; tests run it in-thread.
 */
import { once } from 'node:events';
import { createGzip, gzipSync } from 'node:zlib';
import {
  analyzeImage,
  diveExportJson,
  packFinalFiles,
  packLayerIndex,
  packModel,
  unpackLayerIndex,
  type ImageInput,
} from '@strata/analysis';
import type { ImageSummary } from '@strata/contract';
import type { Artifact } from '../store/analysis-store.js';
import { reportWithAdvice } from '../store/stored-report.js';

/**
 * The analysis input as it crosses to the analysis worker: each layer index packed
 * (packLayerIndex), its buffer transferred there and back, so the job holds no other copy of the
 * layers while the analysis runs.
 */
export interface PackedInput extends Omit<ImageInput, 'layers'> {
  layers: Uint8Array[];
}

export function packInput(input: ImageInput): PackedInput {
  const { layers, ...rest } = input;
  return { ...rest, layers: layers.map((l) => packLayerIndex(l)) };
}

export interface AnalysisOutput {
  image: ImageSummary;
  hasAdvice: boolean;
  /** Each artifact gzipped (JSON; the model binary), ready to store and serve as is. */
  files: Record<Artifact, Uint8Array>;
  /** The packed layer indexes, handed back (the file API keeps them). */
  layers: Uint8Array[];
}

export type Analyzer = (input: PackedInput, source: string, signal?: AbortSignal) => Promise<AnalysisOutput>;

/**
 * `settle` runs between the phases: the worker passes a full garbage collection, so that the
 * garbage one phase leaves (hundreds of MB for a million files) is gone before the next begins.
 */
export async function runAnalysis(
  input: PackedInput,
  source: string,
  settle: () => void = () => {},
): Promise<AnalysisOutput> {
  const analysis = analyzeImage({ ...input, layers: input.layers.map((l) => unpackLayerIndex(l)) }, source);
  const report = reportWithAdvice(analysis);
  const reportGz = gzipJson(report);
  settle();
  // dive's export lists every entry of every layer: written a few thousand entries at a time, never whole.
  const dive = await gzipPieces(diveExportJson(analysis));
  settle();
  const model = gzipSync(packModel(analysis), { level: 6 });
  settle();
  const files = gzipSync(packFinalFiles(analysis), { level: 6 });
  return {
    image: report.image,
    hasAdvice: report.advice !== undefined,
    files: { report: reportGz, dive, model, files },
    layers: input.layers,
  };
}

/** In this thread (tests): the same work, without a worker. */
export const analyzeInThread: Analyzer = (input, source) => runAnalysis(input, source);

function gzipJson(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value), { level: 6 });
}

/** Gzip text made piece by piece; only the compressed bytes are kept. */
async function gzipPieces(pieces: Iterable<string>): Promise<Uint8Array> {
  const gzip = createGzip({ level: 6 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(gzip, 'end');
  for (const piece of pieces) if (!gzip.write(piece)) await once(gzip, 'drain');
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

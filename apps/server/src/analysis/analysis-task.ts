/**
 * One job's heavy work, as one task: analyze the decoded image, derive the advice, the dive
 * export and the browser model, and compress each. On the server it runs in a worker thread
 * (analysis-pool.ts) so the main thread only does I/O, routing and SSE; tests run it in-thread.
 */
import { once } from 'node:events';
import { createGzip, gzipSync } from 'node:zlib';
import { analyzeImage, diveExportJson, packFinalFiles, packModel, type ImageInput } from '@strata/analysis';
import type { ImageSummary } from '@strata/contract';
import type { Artifact } from '../store/analysis-store.js';
import { reportWithAdvice } from '../store/stored-report.js';

export interface AnalysisOutput {
  image: ImageSummary;
  hasAdvice: boolean;
  /** Each artifact gzipped (JSON; the model binary), ready to store and serve as is. */
  files: Record<Artifact, Uint8Array>;
}

export type Analyzer = (input: ImageInput, source: string, signal?: AbortSignal) => Promise<AnalysisOutput>;

export async function runAnalysis(input: ImageInput, source: string): Promise<AnalysisOutput> {
  const analysis = analyzeImage(input, source);
  const report = reportWithAdvice(analysis);
  return {
    image: report.image,
    hasAdvice: report.advice !== undefined,
    files: {
      report: gzipJson(report),
      // dive's export lists every entry of every layer: written a layer at a time, never whole.
      dive: await gzipPieces(diveExportJson(analysis)),
      model: gzipSync(packModel(analysis), { level: 6 }),
      files: gzipSync(packFinalFiles(analysis), { level: 6 }),
    },
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

/** Messages to and from the analysis worker (analysis-worker.ts). */
import type { AnalysisOutput, PackedInput } from './analysis-task.js';

export interface ToAnalysisWorker {
  input: PackedInput;
  source: string;
}

export type FromAnalysisWorker = { ok: true; output: AnalysisOutput } | { ok: false; message: string };

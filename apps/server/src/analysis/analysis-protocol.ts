/** Messages to and from the analysis worker (analysis-worker.ts). */
import type { ImageInput } from '@strata/analysis';
import type { AnalysisOutput } from './analysis-task.js';

export interface ToAnalysisWorker {
  input: Omit<ImageInput, 'layers'>;
  /** Each layer index packed (packLayerIndex). */
  layers: Uint8Array[];
  source: string;
}

export type FromAnalysisWorker = { ok: true; output: AnalysisOutput } | { ok: false; message: string };

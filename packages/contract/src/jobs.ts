/** A job: one upload or pull and its analysis (`GET /api/jobs/:id`). */
import { z } from 'zod';
import { ErrorBodySchema } from './errors.js';

/**
 * uploading (body arriving) -> queued (waiting for a free analysis slot) -> analyzing (an
 * upload) or pulling (a reference: layers stream from the registry into the decoder) -> done |
 * failed. A cancelled job is failed with code CANCELLED.
 */
export const JOB_PHASES = ['uploading', 'queued', 'pulling', 'analyzing', 'done', 'failed'] as const;
export const JobPhaseSchema = z.enum(JOB_PHASES);
export type JobPhase = z.infer<typeof JobPhaseSchema>;

export const TERMINAL_PHASES: readonly JobPhase[] = ['done', 'failed'];

const bytes = z.number().int().nonnegative();

export const LayerProgressSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Stored (compressed) bytes read so far, of bytesTotal. */
  bytesDone: bytes,
  bytesTotal: bytes,
  done: z.boolean(),
});
export type LayerProgress = z.infer<typeof LayerProgressSchema>;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(['upload', 'reference']),
  /** The upload's file name or the reference. */
  source: z.string(),
  phase: JobPhaseSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 1-based place in the queue while queued, else null. */
  queuePosition: z.number().int().positive().nullable(),
  /** Upload bytes; bytesTotal is null when the client sent no length. Null for a reference. */
  upload: z.object({ bytesDone: bytes, bytesTotal: bytes.nullable() }).nullable(),
  layers: z.array(LayerProgressSchema),
  analysisId: z.string().nullable(),
  /** The image had been analyzed before: the stored result was reused. */
  deduplicated: z.boolean(),
  error: ErrorBodySchema.nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const JobListSchema = z.object({ jobs: z.array(JobSchema) });
export type JobList = z.infer<typeof JobListSchema>;

/**
 * Server-Sent Events of `GET /api/jobs/:id/events`. Each SSE message has `event: <type>` and
 * `data: <JSON of one JobEvent>`. The stream opens with a `job` snapshot (so a late subscriber
 * misses nothing), then live events, and ends after `done` or `failed`.
 */
import { z } from 'zod';
import { ErrorBodySchema } from './errors.js';
import { JobPhaseSchema, JobSchema } from './jobs.js';

const bytes = z.number().int().nonnegative();

export const JobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobSchema }),
  z.object({ type: z.literal('phase'), phase: JobPhaseSchema }),
  /** 1-based queue position, sent whenever it changes while queued. */
  z.object({ type: z.literal('queue'), position: z.number().int().positive() }),
  /** Whole-job bytes: of the upload while uploading, of all layer blobs while analyzing/pulling. */
  z.object({
    type: z.literal('progress'),
    phase: JobPhaseSchema,
    bytesDone: bytes,
    bytesTotal: bytes.nullable(),
  }),
  /** One layer's decoding (throttled; the last event of a layer has done: true). */
  z.object({
    type: z.literal('layer'),
    index: z.number().int().nonnegative(),
    layerCount: z.number().int().nonnegative(),
    bytesDone: bytes,
    bytesTotal: bytes,
    done: z.boolean(),
  }),
  z.object({
    type: z.literal('done'),
    analysisId: z.string(),
    digest: z.string(),
    deduplicated: z.boolean(),
  }),
  z.object({ type: z.literal('failed'), error: ErrorBodySchema }),
]);
export type JobEvent = z.infer<typeof JobEventSchema>;
export type JobEventType = JobEvent['type'];

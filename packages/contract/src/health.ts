/** `GET /api/health`: 200 while the server can serve; used by the container's HEALTHCHECK. */
import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  jobs: z.object({ running: z.number().int(), queued: z.number().int(), uploading: z.number().int() }),
  storage: z.object({ analyses: z.number().int(), bytes: z.number().int(), maxBytes: z.number().int() }),
});
export type Health = z.infer<typeof HealthSchema>;

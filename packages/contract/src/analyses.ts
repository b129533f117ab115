/** Starting analyses and listing their results (`/api/analyses`). */
import { z } from 'zod';
import { ImageChoiceSchema } from './image-entry.js';

/** `sha256-<hex>`: the image's manifest digest with `:` made path- and URL-safe. */
export const AnalysisIdSchema = z.string().regex(/^[a-z0-9]+-[a-f0-9]{32,128}$/, 'not an analysis id');
export type AnalysisId = z.infer<typeof AnalysisIdSchema>;

/** `os/arch[/variant]`, as in `docker pull --platform`. */
export const PlatformSchema = z
  .string()
  .regex(/^[a-z0-9_-]+\/[a-z0-9_-]+(\/[a-z0-9_.-]+)?$/i, 'not os/arch[/variant]');

/** `POST /api/analyses` with a JSON body: pull from a registry. Credentials live only for the job. */
export const ReferenceRequestSchema = z.strictObject({
  reference: z.string().min(1).max(1024),
  platform: PlatformSchema.optional(),
  username: z.string().max(1024).optional(),
  password: z
    .string()
    .max(16 * 1024)
    .optional(),
});
export type ReferenceRequest = z.infer<typeof ReferenceRequestSchema>;

/** Query of an upload (`POST /api/analyses?platform=linux/arm64`); a multipart field may say it too. */
export const UploadQuerySchema = z.object({
  platform: PlatformSchema.optional(),
  /** Which image of an archive holding several: a RepoTag / OCI ref name, or `@N`. */
  image: ImageChoiceSchema.optional(),
  /** Archive file name, shown as the source; multipart uploads carry their own. */
  name: z.string().max(255).optional(),
});
export type UploadQuery = z.infer<typeof UploadQuerySchema>;

/** 202 answer to `POST /api/analyses`. */
export const StartAnalysisResponseSchema = z.object({ jobId: z.string() });
export type StartAnalysisResponse = z.infer<typeof StartAnalysisResponseSchema>;

/** One row of `GET /api/analyses` (most recently used first). */
export const AnalysisListItemSchema = z.object({
  id: AnalysisIdSchema,
  digest: z.string(),
  /** The image's first name (repo:tag), else the source it came from. */
  name: z.string(),
  names: z.array(z.string()),
  source: z.string(),
  platform: z.string(),
  layerCount: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  compressedSizeBytes: z.number().int().nonnegative(),
  wastedBytes: z.number().int().nonnegative(),
  efficiency: z.number(),
  /** ISO 8601: when the analysis was made. */
  createdAt: z.string(),
  /** Bytes the stored result takes in the data directory. */
  storedBytes: z.number().int().nonnegative(),
});
export type AnalysisListItem = z.infer<typeof AnalysisListItemSchema>;

export const AnalysisListSchema = z.object({ analyses: z.array(AnalysisListItemSchema) });
export type AnalysisList = z.infer<typeof AnalysisListSchema>;

/**
 * `GET /api/platforms?reference=…` or `POST /api/platforms` (JSON, with optional credentials):
 * the platforms a reference offers, read from its top manifest, so the start page can fill its
 * platform picker before anything is pulled.
 */
import { z } from 'zod';

export const PlatformsRequestSchema = z.strictObject({
  reference: z.string().min(1).max(1024),
  username: z.string().max(1024).optional(),
  password: z
    .string()
    .max(16 * 1024)
    .optional(),
});
export type PlatformsRequest = z.infer<typeof PlatformsRequestSchema>;

export const PlatformsResponseSchema = z.object({
  /** The reference as normalized (`nginx` -> `docker.io/library/nginx:latest`). */
  reference: z.string(),
  /** Digest of the top manifest: the index's, or the single image's. */
  digest: z.string(),
  /** True when the reference names an index (manifest list), false for a single image. */
  index: z.boolean(),
  /** `os/arch[/variant]` of each image, in the index's order, attestations left out; one for a single image. */
  platforms: z.array(z.string()),
});
export type PlatformsResponse = z.infer<typeof PlatformsResponseSchema>;

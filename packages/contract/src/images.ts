/**
 * Archives holding several images (`docker save a b`, an OCI layout with several tags): how the
 * API lists them and how a client chooses one. An upload with several images and no choice
 * fails with code SEVERAL_IMAGES, the list in `error.images`, and the upload kept for a while
 * under `error.upload`, so that the client can analyze one, some or all of them without sending
 * the archive again (`POST /api/analyses` `{ upload, image }`).
 */
import { z } from 'zod';
import { PlatformSchema } from './analyses.js';
import { ImageChoiceSchema } from './image-entry.js';

export * from './image-entry.js';

/** Token of an upload the server keeps after SEVERAL_IMAGES. */
export const HeldUploadSchema = z.string().regex(/^[a-f0-9-]{36}$/, 'not an upload token');

/** `POST /api/analyses` JSON: analyze one image of a kept upload. */
export const HeldUploadRequestSchema = z.strictObject({
  upload: HeldUploadSchema,
  image: ImageChoiceSchema,
  platform: PlatformSchema.optional(),
});
export type HeldUploadRequest = z.infer<typeof HeldUploadRequestSchema>;

/** `GET /api/offers/:id`: the other platforms of an uploaded multi-platform archive, kept for a while. */
export const PlatformOfferResponseSchema = z.object({
  upload: HeldUploadSchema,
  image: ImageChoiceSchema,
  platforms: z.array(PlatformSchema),
});
export type PlatformOfferResponse = z.infer<typeof PlatformOfferResponseSchema>;

/**
 * `GET /api/analyses/:id/documents`: the image's manifest and config as the source gave them
 * (image-spec manifest.md, config.md), and the index it was picked from when there is one, so the
 * page can show the config (Env, Cmd, Labels, history…) and the JSON itself. Objects are kept
 * whole (every field the source wrote), only checked to be objects.
 */
import { z } from 'zod';

const document = z.record(z.string(), z.unknown());

export const ImageDocumentsSchema = z.object({
  manifest: document,
  config: document,
  index: document.optional(),
});
export type ImageDocuments = z.infer<typeof ImageDocumentsSchema>;

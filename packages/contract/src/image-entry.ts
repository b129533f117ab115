/** One image of an archive holding several, and how a client names one (see images.ts). */
import { z } from 'zod';

/** A RepoTag or OCI ref name, or `@N` (the N-th image). */
export const ImageChoiceSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(@\d{1,6}|[^@\s][^\s]*)$/, 'a REF or @N');

export const ImageEntrySchema = z.object({
  /** The N of `@N`. */
  index: z.number().int().nonnegative(),
  refs: z.array(z.string()),
  platforms: z.array(z.string()),
  /** Layer ids (diff_id or blob digest) and stored sizes; empty for a multi-platform image. */
  layers: z.array(z.object({ id: z.string(), size: z.number().int().nonnegative() })),
});
export type ImageEntry = z.infer<typeof ImageEntrySchema>;

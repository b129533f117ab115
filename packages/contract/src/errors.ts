/**
 * Every error the API returns has this one shape: `{ error: { code, message } }`. The codes are
 * the image package's (what went wrong with the input) plus the server's own (what went wrong
 * with the request), so a client can branch on `code` without parsing messages.
 */
import { z } from 'zod';
import { ImageEntrySchema } from './image-entry.js';

export const ERROR_CODES = [
  // from reading an image (packages/image ErrorCode)
  'NOT_AN_IMAGE',
  'UNSUPPORTED',
  'CORRUPT',
  'DIGEST_MISMATCH',
  'MISSING_BLOB',
  'PLATFORM',
  'SEVERAL_IMAGES',
  'NOT_FOUND',
  'INVALID_REFERENCE',
  'UNAUTHORIZED',
  'DENIED',
  'NETWORK',
  'TOO_LARGE',
  'INTERNAL',
  // the server's own
  'BAD_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'CANCELLED',
  'TIMEOUT',
  'NOT_IMPLEMENTED',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** The HTTP status this error maps to (also set on a job's error, where no response carries it). */
  status: z.number().int().min(400).max(599),
  /** SEVERAL_IMAGES: the images to choose from (images.ts ImageEntrySchema). */
  images: z.array(ImageEntrySchema).optional(),
  /** SEVERAL_IMAGES on an upload: the token under which the server keeps it for a choice. */
  upload: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const ApiErrorSchema = z.object({ error: ErrorBodySchema });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Analysis ids are digests made safe for paths and URLs: `sha256:ab…` <-> `sha256-ab…`. */
import { AnalysisIdSchema } from '@strata/contract';
import { ApiError } from '../http/api-error.js';

export function analysisIdOf(digest: string): string {
  return digest.replace(':', '-');
}

/** Accepts either form from a URL; anything else is a 404 (it cannot name a stored result). */
export function parseAnalysisId(text: string): string {
  const id = text.replace(':', '-');
  if (!AnalysisIdSchema.safeParse(id).success) throw new ApiError('NOT_FOUND', `no analysis ${text}`);
  return id;
}

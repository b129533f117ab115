/** `POST /api/platforms`: the platforms a reference offers (see packages/contract platforms.ts). */
import { PlatformsResponseSchema, type PlatformsRequest, type PlatformsResponse } from '@strata/contract';
import { getJson } from './http.js';

/** POST, not GET: credentials, when given, must not end up in a URL. */
export async function lookupPlatforms(
  req: PlatformsRequest,
  signal: AbortSignal,
): Promise<PlatformsResponse> {
  const body = await getJson('/api/platforms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
    signal,
  });
  return PlatformsResponseSchema.parse(body);
}

/** Small JSON documents inside an archive (manifests, configs, indexes): bounded, verified. */
import { buffer } from 'node:stream/consumers';
import { StrataError } from '../errors.js';
import { verifyDigest } from '../digest.js';
import type { TarIndex } from './tar-index.js';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export async function readArchiveJson<T>(
  index: TarIndex,
  name: string,
  expectedDigest?: string,
): Promise<{ value: T; raw: Buffer }> {
  const entry = index.require(name);
  if (entry.size > MAX_JSON_BYTES)
    throw new StrataError('TOO_LARGE', `${name} is ${entry.size} bytes, more than ${MAX_JSON_BYTES}`);
  const raw = await buffer(index.open(name));
  if (expectedDigest) verifyDigest(raw, expectedDigest, name);
  try {
    return { value: JSON.parse(raw.toString('utf8')) as T, raw };
  } catch (err) {
    throw new StrataError('CORRUPT', `${name} is not valid JSON: ${(err as Error).message}`);
  }
}

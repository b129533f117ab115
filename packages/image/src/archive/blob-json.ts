/** Small documents inside an archive (manifests, configs, indexes): bounded, verified, as bytes for the spec parsers. */
import { buffer } from 'node:stream/consumers';
import { StrataError } from '../errors.js';
import { verifyDigest } from '../spec/digest.js';
import type { TarIndex } from './tar-index.js';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export async function readArchiveBlob(
  index: TarIndex,
  name: string,
  expectedDigest?: string,
): Promise<Buffer> {
  const entry = index.require(name);
  if (entry.size > MAX_JSON_BYTES)
    throw new StrataError('TOO_LARGE', `${name} is ${entry.size} bytes, more than ${MAX_JSON_BYTES}`);
  const raw = await buffer(index.open(name));
  if (expectedDigest) verifyDigest(raw, expectedDigest, name);
  return raw;
}

/**
 * Read a small response body (manifest, config, token, error) into memory, refusing anything
 * over a bound: a hostile registry must not make us buffer gigabytes.
 */
import { StrataError } from '../errors.js';
import { describeNetworkError, type HttpResponse } from './transport.js';

export async function readCapped(res: HttpResponse, limit: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    res.body.destroy();
    throw tooLarge(what, limit, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) {
        res.body.destroy();
        throw tooLarge(what, limit);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw describeNetworkError(err, res.url);
  }
  return Buffer.concat(chunks);
}

/** Throw away a body we do not need, so the connection can be reused. */
export async function discard(res: HttpResponse): Promise<void> {
  try {
    await readCapped(res, 64 * 1024, 'response');
  } catch {
    res.body.destroy();
  }
}

function tooLarge(what: string, limit: number, declared?: number): StrataError {
  const size = declared === undefined ? '' : ` (${declared} bytes)`;
  return new StrataError('TOO_LARGE', `${what} is larger than the limit of ${limit} bytes${size}`);
}

/** JSON text to a value, with a typed error naming the document. */
import { StrataError } from '../errors.js';

export function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new StrataError('CORRUPT', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

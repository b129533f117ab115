/** Bytes `[offset, offset + length)` of a stream of chunks whose first chunk starts at byte `at`. */
import { StrataError } from '../errors.js';

export async function* byteWindow(
  chunks: AsyncIterable<Buffer>,
  at: number,
  offset: number,
  length: number,
): AsyncGenerator<Buffer> {
  const end = offset + length;
  let position = at;
  for await (const chunk of chunks) {
    const from = Math.max(offset - position, 0);
    const to = Math.min(end - position, chunk.length);
    position += chunk.length;
    if (to > from) yield chunk.subarray(from, to);
    if (position >= end) return;
  }
  if (position < end) throw new StrataError('CORRUPT', `the layer ends before byte ${end}`);
}

/** Counts bytes on their way to disk and stops the stream the moment it passes the limit. */
import { Transform } from 'node:stream';
import { ApiError } from '../http/api-error.js';

export function byteCounter(limit: number, onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > limit) return callback(tooLarge(limit));
      onBytes(total);
      callback(null, chunk);
    },
  });
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(
    'TOO_LARGE',
    `the upload exceeds the limit of ${limit} bytes (STRATA_MAX_UPLOAD_BYTES)`,
  );
}

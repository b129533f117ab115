/**
 * Bounds on inflating an archive compressed as a whole (`docker save | gzip`), checked while
 * the temp file is written, so a bomb stops at the bound instead of filling the disk. The same
 * knobs as for layers: the inflated size may not pass `maxRatio` times the compressed bytes read
 * so far once past `ratioFloorBytes`, nor `maxBytes` in all (the server: its upload limit, so a
 * compressed upload never takes more disk than an uncompressed one may).
 */
import { Transform } from 'node:stream';
import { StrataError } from '../errors.js';

export interface InflateLimits {
  maxRatio: number;
  ratioFloorBytes: number;
  maxBytes: number;
}

export const DEFAULT_INFLATE_LIMITS: InflateLimits = {
  maxRatio: 250,
  ratioFloorBytes: 256 * 1024 * 1024,
  maxBytes: Number.POSITIVE_INFINITY,
};

/** Two pass-through meters: `input` before the decompressor, `output` after it (which throws). */
export function inflateGuard(limits: InflateLimits): { input: Transform; output: Transform } {
  let compressed = 0;
  let inflated = 0;
  const input = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      compressed += chunk.length;
      cb(null, chunk);
    },
  });
  const output = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      inflated += chunk.length;
      if (inflated > limits.maxBytes) {
        return cb(new StrataError('TOO_LARGE', `it inflates to more than ${limits.maxBytes} bytes`));
      }
      if (inflated > limits.ratioFloorBytes && inflated > compressed * limits.maxRatio) {
        return cb(
          new StrataError(
            'TOO_LARGE',
            `it inflates to more than ${limits.maxRatio}x its size (a decompression bomb?)`,
          ),
        );
      }
      cb(null, chunk);
    },
  });
  return { input, output };
}

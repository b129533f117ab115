import { StrataError } from '../errors.js';

/**
 * A NETWORK error worth retrying: a dropped connection, an idle timeout, a 429 or 5xx.
 * Refused connections and unknown hosts are not transient: retrying them only delays a clear
 * answer ("nothing listens there").
 */
export class TransientError extends StrataError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super('NETWORK', message);
  }
}

export const isTransient = (err: unknown): err is TransientError => err instanceof TransientError;

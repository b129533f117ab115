/** What a failed upload means for the client: its own fault (400/413), or it went away. */
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error.js';

export function uploadError(err: unknown, req: IncomingMessage, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (err instanceof ApiError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const gone = req.destroyed || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
  if (gone || (err instanceof Error && err.message === 'aborted'))
    return new ApiError('CANCELLED', 'the client went away during the upload');
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('BAD_REQUEST', `could not read the upload: ${message}`);
}

/**
 * One place that turns any failure into `{ error: { code, message, status } }`: the image
 * package's typed errors, the server's own, zod's, body-parser's, and anything unexpected
 * (logged, shown as INTERNAL without internals).
 */
import type { ErrorBody, ErrorCode } from '@strata/contract';
import { SeveralImagesError, StrataError } from '@strata/image';
import { ZodError } from 'zod';

export const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_REFERENCE: 400,
  PLATFORM: 422,
  SEVERAL_IMAGES: 422,
  UNAUTHORIZED: 401,
  DENIED: 403,
  NOT_FOUND: 404,
  CANCELLED: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED: 415,
  NOT_AN_IMAGE: 422,
  CORRUPT: 422,
  DIGEST_MISMATCH: 422,
  MISSING_BLOB: 422,
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
  NETWORK: 502,
  TIMEOUT: 504,
};

/** An error the server raises itself, with a contract code. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toErrorBody(err: unknown): ErrorBody {
  const { code, message } = classify(err);
  const body: ErrorBody = { code, message, status: STATUS[code] };
  // Several images: the list to choose from, and where a kept upload waits (jobs/job-source.ts).
  if (err instanceof SeveralImagesError) body.images = err.images;
  const upload = (err as { upload?: unknown } | null)?.upload;
  if (err instanceof SeveralImagesError && typeof upload === 'string') body.upload = upload;
  return body;
}

function classify(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  // The contract lists every image ErrorCode; typecheck fails here if one is added there only.
  if (err instanceof StrataError) return { code: err.code, message: err.message };
  if (err instanceof ZodError) return { code: 'BAD_REQUEST', message: describeZod(err) };
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return fromHttpError(status, err);
  return { code: 'INTERNAL', message: 'internal error' };
}

/** body-parser and friends throw errors with a status (malformed JSON, body too large). */
function fromHttpError(status: number, err: unknown): { code: ErrorCode; message: string } {
  const message = err instanceof Error ? err.message : 'bad request';
  if (status === 413) return { code: 'TOO_LARGE', message };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message };
  return { code: 'BAD_REQUEST', message };
}

function describeZod(err: ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

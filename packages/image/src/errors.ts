/**
 * Typed errors that carry context, e.g. `reading layer sha256:…: unexpected EOF`.
 * The code lets the CLI choose an exit status and the server an HTTP status.
 */
export type ErrorCode =
  | 'NOT_AN_IMAGE' // the input is readable but is not an image archive
  | 'UNSUPPORTED' // an image, in a form we do not read
  | 'CORRUPT' // truncated, bad compression, bad tar
  | 'DIGEST_MISMATCH' // content does not match its digest or diff_id
  | 'MISSING_BLOB' // manifest names a blob the source lacks
  | 'PLATFORM' // no manifest for the asked platform
  | 'SEVERAL_IMAGES' // an archive or layout holds several images and none was chosen
  | 'NOT_FOUND' // file, repository, tag or digest does not exist
  | 'INVALID_REFERENCE'
  | 'UNAUTHORIZED'
  | 'DENIED' // address policy or permission
  | 'NETWORK'
  | 'TOO_LARGE' // a bound was exceeded
  | 'INTERNAL';

export class StrataError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StrataError';
    this.code = code;
  }
}

/** Prefix an error's message with what we were doing, keeping its code. */
export function wrapError(context: string, err: unknown, fallback: ErrorCode = 'CORRUPT'): StrataError {
  if (err instanceof StrataError)
    return new StrataError(err.code, `${context}: ${err.message}`, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new StrataError(fallback, `${context}: ${message}`, { cause: err });
}

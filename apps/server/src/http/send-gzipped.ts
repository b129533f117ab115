/**
 * Serve a stored gzipped file (JSON, or the binary model): as is with `Content-Encoding: gzip`
 * to clients that accept it (all browsers), inflated on the fly for the rest. A file evicted since
 * the lookup is a 404.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error.js';

export async function sendGzipped(
  req: Request,
  res: Response,
  next: NextFunction,
  path: string,
  contentType = 'application/json',
): Promise<void> {
  const file = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => file.once('open', () => resolve()).once('error', reject));
  } catch {
    return next(new ApiError('NOT_FOUND', 'the analysis is no longer stored'));
  }
  res.type(contentType);
  res.vary('Accept-Encoding');
  res.set('Cache-Control', 'private, max-age=3600'); // content-addressed: it never changes
  const gzip = req.acceptsEncodings('gzip') === 'gzip';
  if (gzip) res.set('Content-Encoding', 'gzip');
  await (gzip ? pipeline(file, res) : pipeline(file, createGunzip(), res)).catch(() => res.destroy());
}

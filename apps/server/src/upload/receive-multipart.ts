/**
 * A browser form upload (multipart/form-data) streamed to a file with busboy. The first file
 * part is the archive; `platform` and `image` fields sent before it pick a platform and an image. Only the archive
 * itself is bounded by the upload limit; the rest of the form is bounded by busboy's limits.
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { teeTo } from './tee.js';
import busboy from 'busboy';
import { ImageChoiceSchema } from '@strata/contract';
import { ApiError } from '../http/api-error.js';
import { byteCounter, tooLarge } from './byte-counter.js';
import type { ReceiveOptions } from './receive-raw.js';

export interface FormFields {
  fileName?: string;
  platform?: string;
  /** Which image of several (a REF or `@N`); ignored unless valid. */
  image?: string;
}

/** Room for the form's boundaries and small fields beyond the archive itself. */
export const MULTIPART_SLACK = 1024 * 1024;

export function receiveMultipart(
  req: IncomingMessage,
  path: string,
  options: ReceiveOptions,
): Promise<FormFields> {
  return new Promise((resolve, reject) => {
    const fields: FormFields = {};
    let file: Promise<void> | undefined;
    const form = busboy({
      headers: req.headers,
      limits: { files: 1, fields: 16, parts: 32, fieldSize: 4096, fileSize: options.limit },
    });
    form.on('field', (name, value) => {
      if (name === 'platform' && value) fields.platform = value;
      if (name === 'image' && ImageChoiceSchema.safeParse(value).success) fields.image = value;
    });
    form.on('file', (_name, stream, info) => {
      if (file) return stream.resume();
      fields.fileName = info.filename;
      stream.on('limit', () => stream.destroy(tooLarge(options.limit)));
      const out = createWriteStream(path, { flags: 'wx' });
      file = options.tee ? pipeline(stream, teeTo(options.tee), out) : pipeline(stream, out);
      file.catch(reject);
    });
    form.on('close', () => {
      if (!file) return reject(new ApiError('BAD_REQUEST', 'the form has no file part'));
      file.then(() => resolve(fields), reject);
    });
    const counter = byteCounter(options.limit + MULTIPART_SLACK, options.onBytes);
    pipeline(req, counter, form, { signal: options.signal }).catch(reject);
  });
}

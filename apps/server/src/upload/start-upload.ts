/**
 * Start an analysis from an upload: check the headers (type, declared size), stream the body
 * to a temp file in the data dir while the job reports upload progress, then queue the job.
 * The 202 goes out once the body is on disk, so a broken or oversized upload gets its real
 * status (400, 413) on this response; the analysis itself is followed through the job.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { UploadQuerySchema } from '@strata/contract';
import type { Config } from '../config.js';
import { sendContinue } from '../http/expect-continue.js';
import { ApiError } from '../http/api-error.js';
import type { JobService } from '../jobs/job-service.js';
import { tooLarge } from './byte-counter.js';
import { MULTIPART_SLACK, receiveMultipart, type FormFields } from './receive-multipart.js';
import { receiveRaw, type ReceiveOptions } from './receive-raw.js';
import { uploadError } from './upload-error.js';

export type UploadKind = 'multipart' | 'raw';

export interface StartUploadDeps {
  config: Config;
  jobs: JobService;
}

export async function startUpload(
  req: IncomingMessage,
  res: ServerResponse,
  kind: UploadKind,
  rawQuery: unknown,
  deps: StartUploadDeps,
): Promise<string> {
  const query = UploadQuerySchema.parse(rawQuery);
  const declared = declaredLength(req);
  const slack = kind === 'multipart' ? MULTIPART_SLACK : 0;
  if (declared !== null && declared > deps.config.maxUploadBytes + slack)
    throw tooLarge(deps.config.maxUploadBytes);
  const job = deps.jobs.createUpload(query.name ?? 'upload.tar', declared);
  const path = join(deps.config.dataDir, 'tmp', `upload-${job.id}`);
  job.files.add(path);
  const early = deps.jobs.earlyLayers(job);
  const options: ReceiveOptions = {
    limit: deps.config.maxUploadBytes,
    onBytes: (n) => job.uploadProgress(n),
    signal: job.signal,
    tee: early.writable(),
  };
  let fields: FormFields = {};
  try {
    sendContinue(req, res);
    if (kind === 'multipart') fields = await receiveMultipart(req, path, options);
    else await receiveRaw(req, path, options);
  } catch (err) {
    const body = await deps.jobs.abandon(job, uploadError(err, req, job.signal));
    throw new ApiError(body.code, body.message);
  }
  if (fields.fileName && !query.name) job.source = fields.fileName.slice(0, 255);
  job.uploadProgress(job.upload?.bytesDone ?? 0, true);
  const platform = query.platform ?? fields.platform;
  const image = query.image ?? fields.image;
  void deps.jobs.run(job, {
    kind: 'upload',
    path,
    name: job.source,
    early,
    ...(platform ? { platform } : {}),
    ...(image ? { image } : {}),
  });
  return job.id;
}

function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const n = Number(header);
  if (!Number.isSafeInteger(n) || n < 0) throw new ApiError('BAD_REQUEST', 'invalid Content-Length');
  return n;
}

/**
 * Start an analysis by reference: validate the request and the reference up front (a bad one
 * is a 400 now, not a failed job later), then queue the pull.
 */
import { ReferenceRequestSchema } from '@strata/contract';
import { formatReference, parsePlatform, parseReference } from '@strata/image';
import { ApiError } from '../http/api-error.js';
import type { JobService } from './job-service.js';
import type { ReferenceSource } from './job-source.js';

export function startReference(body: unknown, jobs: JobService): string {
  const request = ReferenceRequestSchema.parse(body);
  const reference = formatReference(parseReference(request.reference));
  if (request.platform) parsePlatform(request.platform);
  if (request.password !== undefined && request.username === undefined)
    throw new ApiError('BAD_REQUEST', 'a password needs a username');
  const source: ReferenceSource = { kind: 'reference', reference };
  if (request.platform) source.platform = request.platform;
  if (request.username !== undefined)
    source.credentials = { username: request.username, password: request.password ?? '' };
  const job = jobs.createReference(reference);
  void jobs.run(job, source);
  return job.id;
}

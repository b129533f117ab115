/**
 * Analyze one image of an upload kept after SEVERAL_IMAGES (`POST /api/analyses`
 * `{ upload, image }`): a new upload job over the kept file, leased while it runs. "Analyze
 * all" is one such request per image; layers they share are decoded once (the layer cache).
 */
import { HeldUploadRequestSchema } from '@strata/contract';
import { parseImageChoice, parsePlatform } from '@strata/image';
import { ApiError } from '../http/api-error.js';
import type { HeldUploads } from '../uploads/held-uploads.js';
import type { JobService } from './job-service.js';
import type { UploadSource } from './job-source.js';

export function startHeld(body: unknown, jobs: JobService, held: HeldUploads): string {
  const request = HeldUploadRequestSchema.parse(body);
  parseImageChoice(request.image);
  if (request.platform) parsePlatform(request.platform);
  const lease = held.lease(request.upload);
  if (!lease) throw new ApiError('NOT_FOUND', 'that upload is no longer kept; upload the archive again');
  const { upload, release } = lease;
  const job = jobs.createUpload(upload.name, 0);
  job.uploadProgress(0, true);
  const source: UploadSource = {
    kind: 'upload',
    path: upload.path,
    name: upload.name,
    image: request.image,
    held: true,
  };
  if (request.platform) source.platform = request.platform;
  void jobs.run(job, source).finally(release);
  return job.id;
}

/**
 * Upload an archive as multipart (field `file`). XMLHttpRequest rather than fetch because only
 * XHR reports upload progress in browsers today.
 */
import { StartAnalysisResponseSchema } from '@strata/contract';
import { ApiFailure, failureFromBody } from './http.js';

export interface UploadHandle {
  jobId: Promise<string>;
  abort(): void;
}

export function uploadArchive(
  file: File,
  onProgress: (done: number, total: number) => void,
  platform?: string,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const jobId = new Promise<string>((resolve, reject) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(StartAnalysisResponseSchema.parse(JSON.parse(xhr.responseText)).jobId);
        } catch {
          reject(
            new ApiFailure('BAD_RESPONSE', 'The server accepted the upload but its answer was unreadable.'),
          );
        }
      } else reject(failureFromBody(xhr.responseText, xhr.status));
    };
    xhr.onerror = () =>
      reject(new ApiFailure('NETWORK', 'The upload was interrupted: the server could not be reached.'));
    xhr.onabort = () => reject(new ApiFailure('CANCELLED', 'The upload was cancelled.'));
  });
  const form = new FormData();
  form.append('file', file, file.name);
  const query = new URLSearchParams({ name: file.name, ...(platform ? { platform } : {}) });
  xhr.open('POST', `/api/analyses?${query}`);
  xhr.send(form);
  return { jobId, abort: () => xhr.abort() };
}

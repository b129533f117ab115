/** Follow a job to its end as a promise: the analysis id, or its error as an ApiFailure. */
import { followJob } from './job-events.js';
import { ApiFailure } from './http.js';

export function jobResult(jobId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = followJob(jobId, (view) => {
      if (view.phase === 'done' && view.analysisId) {
        stop();
        resolve(view.analysisId);
      } else if (view.phase === 'failed') {
        stop();
        reject(new ApiFailure(view.error?.code ?? 'INTERNAL', view.error?.message ?? 'The analysis failed.'));
      }
    });
  });
}

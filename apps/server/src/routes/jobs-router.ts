/** `/api/jobs`: state, live events (SSE), cancel. */
import { Router } from 'express';
import type { Job as JobDto, JobList } from '@strata/contract';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { streamJobEvents } from '../http/sse.js';
import type { Job } from '../jobs/job.js';

export function jobsRouter(deps: AppDeps): Router {
  const router = Router();
  const find = (id: string): Job => {
    const job = deps.jobs.get(id);
    if (!job) throw new ApiError('NOT_FOUND', `no job ${id}`);
    return job;
  };

  router.get('/', (_req, res) => {
    const body: JobList = { jobs: deps.jobs.list().map((j) => j.toJSON()) };
    res.json(body);
  });

  router.get('/:id', (req, res) => {
    const body: JobDto = find(req.params.id).toJSON();
    res.json(body);
  });

  router.get('/:id/events', (req, res) => streamJobEvents(req, res, find(req.params.id)));

  /** Cancels a job under way (its files go with it); forgets a finished one. */
  router.delete('/:id', async (req, res) => {
    const job = await deps.jobs.cancel(find(req.params.id).id);
    const body: JobDto | undefined = job?.toJSON();
    res.json(body);
  });
  return router;
}

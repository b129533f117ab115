/** `GET /api/health`: cheap, no disk access; the container HEALTHCHECK polls it. */
import { Router } from 'express';
import type { Health } from '@strata/contract';
import type { AppDeps } from '../app-deps.js';
import { VERSION } from '../version.js';

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  const started = Date.now();
  router.get('/', (_req, res) => {
    const body: Health = {
      status: 'ok',
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      jobs: deps.jobs.counts(),
      storage: { analyses: deps.store.count, bytes: deps.store.totalBytes, maxBytes: deps.store.maxBytes },
    };
    res.json(body);
  });
  return router;
}

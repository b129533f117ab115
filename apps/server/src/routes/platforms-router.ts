/**
 * `/api/platforms`: the platforms a reference offers. GET `?reference=` for public images; POST
 * a JSON body when credentials are needed, so they never land in a URL or an access log.
 */
import express, { Router, type Response } from 'express';
import { PlatformsRequestSchema, type PlatformsRequest } from '@strata/contract';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { listPlatforms } from '../registry/list-platforms.js';

const QuerySchema = z.object({ reference: PlatformsRequestSchema.shape.reference });

export function platformsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { reference } = QuerySchema.parse(req.query);
    await answer({ reference }, res, deps);
  });
  router.post('/', express.json({ limit: '64kb' }), async (req, res) => {
    await answer(PlatformsRequestSchema.parse(req.body), res, deps);
  });
  return router;
}

async function answer(request: PlatformsRequest, res: Response, deps: AppDeps): Promise<void> {
  // The page asks again as the user types: stop talking to the registry once nobody listens.
  const gone = new AbortController();
  // (The response's close, not the request's: a request closes as soon as its body is read.)
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const body = await listPlatforms(request, deps.config, gone.signal);
  // A tag can move to another index at any time.
  res.set('Cache-Control', 'no-store').json(body);
}

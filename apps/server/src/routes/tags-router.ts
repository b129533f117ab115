/**
 * `GET /api/tags?repository=host/name`: the tags of a registry repository (every page of the
 * distribution API's tag list), for the shared-layers view's "several tags of one repository".
 * Public repositories only: credentials would belong in a POST body (as /api/platforms does).
 */
import { Router } from 'express';
import { TagsQuerySchema, type TagsResponse } from '@strata/contract';
import { parseReference, referenceName, RegistryClient } from '@strata/image';
import type { AppDeps } from '../app-deps.js';
import { registryOptions } from '../registry/registry-options.js';

const MAX_TAGS = 500;

export function tagsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { repository } = TagsQuerySchema.parse(req.query);
    const ref = parseReference(repository.trim());
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const client = new RegistryClient(registryOptions(deps.config, gone.signal));
    try {
      const tags = await client.listTags(ref, MAX_TAGS);
      const body: TagsResponse = { repository: referenceName(ref), tags: [...tags].sort() };
      res.set('Cache-Control', 'no-store').json(body);
    } finally {
      client.close();
    }
  });
  return router;
}

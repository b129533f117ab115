/**
 * The browser app: the built web app (index.html for any non-API path, so client-side routes
 * survive a reload) when apps/web/dist exists, else the placeholder page at `/`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { PLACEHOLDER_HTML } from './placeholder-page.js';

export function spaRouter(webDir: string): Router {
  const router = Router();
  const index = join(webDir, 'index.html');
  if (existsSync(index)) {
    router.use(express.static(webDir, { index: false, maxAge: '1h' }));
    router.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(index));
    return router;
  }
  router.get('/', (_req, res) => res.type('html').send(PLACEHOLDER_HTML));
  return router;
}

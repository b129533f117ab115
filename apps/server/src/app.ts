/** The Express app, without listening: routers over the use cases, one error handler. */
import express, { type Express } from 'express';
import type { AppDeps } from './app-deps.js';
import { ApiError } from './http/api-error.js';
import { errorMiddleware } from './http/error-middleware.js';
import { analysesRouter } from './routes/analyses-router.js';
import { filesRouter } from './routes/files-router.js';
import { healthRouter } from './routes/health-router.js';
import { jobsRouter } from './routes/jobs-router.js';
import { platformsRouter } from './routes/platforms-router.js';
import { setsRouter } from './routes/sets-router.js';
import { tagsRouter } from './routes/tags-router.js';
import { spaRouter } from './web/spa.js';

export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/api/health', healthRouter(deps));
  app.use('/api/analyses', filesRouter(deps));
  app.use('/api/analyses', analysesRouter(deps));
  app.use('/api/jobs', jobsRouter(deps));
  app.use('/api/platforms', platformsRouter(deps));
  app.use('/api/tags', tagsRouter(deps));
  app.use('/api', setsRouter(deps));
  app.use('/api', (req, _res, next) =>
    next(new ApiError('NOT_FOUND', `no route ${req.method} ${req.originalUrl}`)),
  );
  app.use(spaRouter(deps.config.webDir));
  app.use(errorMiddleware);
  return app;
}

/** `/api/analyses`: start (upload or reference), list, summary, dive export, model, documents, delete. */
import express, { Router, type Request, type Response, type NextFunction } from 'express';
import { MODEL_MEDIA_TYPE, type AnalysisList, type StartAnalysisResponse } from '@strata/contract';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { sendContinue } from '../http/expect-continue.js';
import { sendGzipped } from '../http/send-gzipped.js';
import { startHeld } from '../jobs/start-held.js';
import { startReference } from '../jobs/start-reference.js';
import { parseAnalysisId } from '../store/analysis-id.js';
import type { StoredArtifact } from '../store/analysis-store.js';
import { startUpload, type UploadKind } from '../upload/start-upload.js';

const RAW_TYPES = new Set([
  'application/octet-stream',
  'application/x-tar',
  'application/tar',
  'application/gzip',
  'application/x-gzip',
  'application/zstd',
]);

export function analysesRouter(deps: AppDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });

  router.post('/', async (req, res, next) => {
    const type = mediaType(req);
    if (type === 'application/json') {
      sendContinue(req, res);
      return json(req, res, (err?: unknown) => {
        if (err) return next(err);
        try {
          const held = typeof req.body === 'object' && req.body !== null && 'upload' in req.body;
          accepted(
            res,
            held ? startHeld(req.body, deps.jobs, deps.held) : startReference(req.body, deps.jobs),
          );
        } catch (error) {
          next(error);
        }
      });
    }
    const kind = uploadKind(type);
    accepted(res, await startUpload(req, res, kind, req.query, deps));
  });

  router.get('/', (_req, res) => {
    const body: AnalysisList = { analyses: deps.store.list() };
    res.json(body);
  });

  router.get('/:id', artifact(deps, 'report'));
  router.get('/:id/dive.json', artifact(deps, 'dive'));
  router.get('/:id/model', artifact(deps, 'model'));
  router.get('/:id/documents', artifact(deps, 'documents'));

  router.delete('/:id', async (req, res) => {
    const id = parseAnalysisId(req.params.id);
    if (!(await deps.store.delete(id))) throw new ApiError('NOT_FOUND', `no analysis ${id}`);
    await deps.files?.sweep(new Set(deps.store.list().map((a) => a.id)));
    res.status(204).end();
  });
  return router;
}

function artifact(deps: AppDeps, which: StoredArtifact) {
  return async (req: Request<{ id: string }>, res: Response, next: NextFunction): Promise<void> => {
    const id = parseAnalysisId(req.params.id);
    const path = await deps.store.artifact(id, which);
    if (!path) throw new ApiError('NOT_FOUND', `no analysis ${id}`);
    await sendGzipped(req, res, next, path, CONTENT_TYPES[which]);
  };
}

const CONTENT_TYPES: Record<StoredArtifact, string> = {
  report: 'application/json',
  dive: 'application/json',
  model: MODEL_MEDIA_TYPE,
  documents: 'application/json',
  files: 'application/json',
};

function accepted(res: Response, jobId: string): void {
  const body: StartAnalysisResponse = { jobId };
  res.status(202).location(`/api/jobs/${jobId}`).json(body);
}

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
}

function uploadKind(type: string): UploadKind {
  if (type === 'multipart/form-data') return 'multipart';
  if (RAW_TYPES.has(type)) return 'raw';
  const hint =
    type === 'application/x-www-form-urlencoded'
      ? " (curl --data-binary needs -H 'content-type: application/octet-stream')"
      : '';
  throw new ApiError(
    'UNSUPPORTED_MEDIA_TYPE',
    `send an image archive as multipart/form-data or application/octet-stream, or a reference as application/json; got ${type}${hint}`,
  );
}

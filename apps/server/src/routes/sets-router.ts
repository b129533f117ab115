/**
 * Between stored analyses: `GET /api/compare?a=ID&b=ID` (the CLI's `strata diff` over two
 * stored results, with both layer lists for alignment) and `GET /api/disk-use?ids=A,B,…`
 * (the CLI's `strata df`: shared layers and the true total of a set).
 */
import { Router } from 'express';
import { diffCompared, diskUse, unpackFinalFiles, type FinalFile, type Report } from '@strata/analysis';
import {
  AnalysisIdSchema,
  CompareQuerySchema,
  type CompareResponse,
  type DiskUseResponse,
  type PlatformOfferResponse,
} from '@strata/contract';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { readArtifact, readArtifactBytes } from '../store/read-artifact.js';

const MAX_SET = 32;
const DiskUseQuerySchema = z.object({
  ids: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(AnalysisIdSchema).min(1).max(MAX_SET)),
});

export function setsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/compare', async (req, res) => {
    const { a, b } = CompareQuerySchema.parse(req.query);
    const [reportA, reportB, filesA, filesB] = await Promise.all([
      readArtifact<Report>(deps.store, a, 'report'),
      readArtifact<Report>(deps.store, b, 'report'),
      readFinalFiles(deps, a),
      readFinalFiles(deps, b),
    ]);
    const diff = diffCompared({ report: reportA, files: filesA }, { report: reportB, files: filesB });
    const layers = (r: Report): CompareResponse['layersA'] =>
      r.layers.map((l) => ({
        index: l.index,
        diffId: l.diffId,
        sizeBytes: l.sizeBytes,
        command: l.instruction.text,
      }));
    const name = (r: Report): string => r.image.names[0] ?? r.image.source;
    const body: CompareResponse = {
      ...diff,
      names: [name(reportA), name(reportB)],
      layersA: layers(reportA),
      layersB: layers(reportB),
    };
    res.set('Cache-Control', 'private, max-age=3600').json(body);
  });
  /** The other platforms of an uploaded multi-platform archive, while the server keeps it. */
  router.get('/offers/:id', (req, res) => {
    const id = AnalysisIdSchema.parse(req.params.id);
    const offer = deps.held.offerFor(id);
    if (!offer) throw new ApiError('NOT_FOUND', `no other platforms are kept for ${id}`);
    const body: PlatformOfferResponse = offer;
    res.set('Cache-Control', 'no-store').json(body);
  });
  router.get('/disk-use', async (req, res) => {
    const { ids } = DiskUseQuerySchema.parse(req.query);
    const reports = await Promise.all(ids.map((id) => readArtifact<Report>(deps.store, id, 'report')));
    const body: DiskUseResponse = {
      ...diskUse(reports),
      ids,
      names: reports.map((r) => r.image.names[0] ?? r.image.source),
      platforms: reports.map((r) => r.image.platform),
      imageLayers: reports.map((r) =>
        r.layers.map((l) => ({ diffId: l.diffId, command: l.instruction.text })),
      ),
    };
    res.json(body);
  });
  return router;
}

/** An analysis's stored final file system; one stored in an older format is named, not a 500. */
async function readFinalFiles(deps: AppDeps, id: string): Promise<Iterable<FinalFile>> {
  const bytes = await readArtifactBytes(deps.store, id, 'files');
  try {
    return [...unpackFinalFiles(bytes)];
  } catch {
    throw new ApiError(
      'NOT_FOUND',
      `the analysis ${id} stored its files in an older format: analyze the image again`,
    );
  }
}

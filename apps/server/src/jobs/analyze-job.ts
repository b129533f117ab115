/**
 * The analysis use case: open the image, reuse a stored result when the same image (same
 * manifest digest) was analyzed before or is being analyzed right now, else decode every layer
 * (bounded, cancellable), analyze, and store the result.
 */
import { analyzeImage, type Analysis } from '@strata/analysis';
import { decodeLayer, loadImageInput, type Image, type LayerDecoder, type LoadOptions } from '@strata/image';
import type { Config } from '../config.js';
import { analysisIdOf } from '../store/analysis-id.js';
import type { AnalysisMeta, AnalysisStore } from '../store/analysis-store.js';
import type { ImageFiles } from '../store/image-files.js';
import type { Job } from './job.js';
import { openImage, sourceLabel, type JobSource } from './job-source.js';

export interface AnalyzeDeps {
  config: Config;
  store: AnalysisStore;
  /** Default: decode in this thread (tests); the server passes its worker pool's. */
  decoder?: LayerDecoder;
  /** Analyses under way by id, so a second upload of the same image waits for the first. */
  inflight: Map<string, Promise<void>>;
  /** Keeps layer entries and blobs for the file API. */
  files?: ImageFiles;
}

export interface JobResult {
  analysisId: string;
  digest: string;
  deduplicated: boolean;
}

export async function analyzeJob(
  job: Job,
  source: JobSource,
  signal: AbortSignal,
  deps: AnalyzeDeps,
): Promise<JobResult> {
  const image = await openImage(source, deps.config, signal);
  try {
    job.setPhase(source.kind === 'upload' ? 'analyzing' : 'pulling');
    const digest = await image.digest();
    const id = analysisIdOf(digest);
    await deps.inflight.get(id)?.catch(() => {});
    signal.throwIfAborted();
    if (deps.store.has(id)) {
      await deps.store.touch(id);
      return { analysisId: id, digest, deduplicated: true };
    }
    const work = analyzeAndStore(job, image, source, id, signal, deps);
    deps.inflight.set(id, work);
    try {
      await work;
    } finally {
      deps.inflight.delete(id);
    }
    return { analysisId: id, digest, deduplicated: false };
  } finally {
    await image.close();
  }
}

async function analyzeAndStore(
  job: Job,
  image: Image,
  source: JobSource,
  id: string,
  signal: AbortSignal,
  deps: AnalyzeDeps,
): Promise<void> {
  const layers = await image.layers();
  job.setLayers(layers.map((l) => l.size));
  const options: LoadOptions = {
    concurrency: deps.config.layerConcurrency,
    limits: deps.config.limits,
    signal,
    onProgress: (p) => job.layerProgress(p.index, p.bytesDone, p.done),
  };
  if (source.kind === 'upload' && source.early)
    options.decoder = source.early.decoder(deps.decoder ?? decodeLayer);
  else if (deps.decoder) options.decoder = deps.decoder;
  // Registry blobs are kept as they stream by (one download serves the analysis and the file API).
  const teed = deps.files && source.kind === 'reference' ? deps.files.tee(image) : undefined;
  const input = await loadImageInput(teed?.image ?? image, options);
  await teed?.settled();
  signal.throwIfAborted();
  const analysis = analyzeImage(input, sourceLabel(source, image));
  await deps.store.put(metaOf(id, analysis), analysis);
  if (deps.files) {
    await deps.files.keep(id, image, input);
    await deps.files.sweep(new Set(deps.store.list().map((a) => a.id)));
  }
}

function metaOf(id: string, analysis: Analysis): AnalysisMeta {
  const { image } = analysis.report;
  return {
    id,
    digest: image.digest,
    name: image.names[0] ?? image.source,
    names: image.names,
    source: image.source,
    platform: image.platform,
    layerCount: image.layerCount,
    sizeBytes: image.sizeBytes,
    compressedSizeBytes: image.compressedSizeBytes,
    wastedBytes: image.wastedBytes,
    efficiency: image.efficiency,
    createdAt: new Date().toISOString(),
  };
}

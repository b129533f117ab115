/**
 * The analysis use case: open the image, reuse a stored result when the same image (same
 * manifest digest) was analyzed before or is being analyzed right now, else decode every layer
 * (bounded, cancellable), analyze, and store the result.
 */
import type { ImageDocuments } from '@strata/contract';
import type { ImageInput } from '@strata/analysis';
import { loadImageInput, type Image, type LoadOptions } from '@strata/image';
import type { Config } from '../config.js';
import { analysisIdOf } from '../store/analysis-id.js';
import type { AnalysisMeta, AnalysisStore } from '../store/analysis-store.js';
import type { HeldUploads } from '../uploads/held-uploads.js';
import type { ImageFiles, LayerSeek } from '../store/image-files.js';
import type { Job } from './job.js';
import type { ImageSummary } from '@strata/contract';
import { analyzeInThread, packInput, type Analyzer } from '../analysis/analysis-task.js';
import { layerDecoder, type DecoderDeps } from './decoder-chain.js';
import { openImage, sourceLabel, type JobSource } from './job-source.js';

export interface AnalyzeDeps extends DecoderDeps {
  config: Config;
  store: AnalysisStore;
  /** The final phase, where the analysis runs: the analysis worker pool in production, this thread by default; it honours the job's signal. */
  analyzer?: Analyzer;
  /** Analyses under way by id, so a second upload of the same image waits for the first. */
  inflight: Map<string, Promise<void>>;
  /** Uploads kept after SEVERAL_IMAGES (absent: such an upload just fails). */
  held?: HeldUploads;
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
  const image = await openImage(source, deps.config, signal, deps.held);
  try {
    job.setPhase(source.kind === 'upload' ? 'analyzing' : 'pulling');
    const digest = await image.digest();
    const id = analysisIdOf(digest);
    if (source.kind === 'upload' && source.offer) deps.held?.offer(id, source.offer);
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
    maxImageEntries: deps.config.maxImageEntries,
    signal,
    onProgress: (p) => job.layerProgress(p.index, p.bytesDone, p.done),
    decoder: layerDecoder(source, deps),
  };
  // Registry blobs are kept as they stream by (one download serves the analysis and the file API).
  const teed = deps.files && source.kind === 'reference' ? deps.files.tee(image) : undefined;
  // Packed at once: the decoded layers are not held beside the copy the analysis works on.
  const { input, seeks } = packWithSeeks(await loadImageInput(teed?.image ?? image, options));
  await teed?.settled();
  signal.throwIfAborted();
  const output = await (deps.analyzer ?? analyzeInThread)(input, sourceLabel(source, image), signal);
  signal.throwIfAborted();
  await deps.store.put(metaOf(id, output.image), output, await documentsOf(image));
  if (deps.files) {
    await deps.files.keep(id, image, output.layers, seeks);
    await deps.files.sweep(new Set(deps.store.list().map((a) => a.id)));
  }
  // A cancel that arrived while the result was being written wins: the job ends cancelled, unstored.
  if (signal.aborted) {
    await deps.store.delete(id);
    signal.throwIfAborted();
  }
}

/**
 * The layers packed, and each gzip layer's seek index from the decode pass (packing leaves it
 * out; the file API keeps it by blob digest). A function of its own, so that nothing in the job
 * holds the unpacked layers.
 */
function packWithSeeks(loaded: ImageInput): { input: ReturnType<typeof packInput>; seeks: LayerSeek[] } {
  const seeks = loaded.layers.map(({ compression, seekIndex }) => ({ compression, seekIndex }));
  return { input: packInput(loaded), seeks };
}

/** The manifest and config for the page's config panel and JSON views (the image memoizes them). */
async function documentsOf(image: Image): Promise<ImageDocuments> {
  const [manifest, config, index] = await Promise.all([image.manifest(), image.config(), image.index?.()]);
  return { manifest: { ...manifest }, config: { ...config }, ...(index ? { index } : {}) };
}

function metaOf(id: string, image: ImageSummary): AnalysisMeta {
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

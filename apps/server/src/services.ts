/**
 * The long-lived parts behind the app: the result store, the layer cache, the jobs. Startup
 * sweeps the data dir's tmp/ (uploads of a server that died mid-job).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerCache, type BlobDecoder } from '@strata/image';
import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import type { Analyzer } from './analysis/analysis-task.js';
import type { AnalyzeDeps } from './jobs/analyze-job.js';
import { JobService } from './jobs/job-service.js';
import { AnalysisStore } from './store/analysis-store.js';
import { HeldUploads } from './uploads/held-uploads.js';
import { BlobStore } from './store/blob-store.js';
import { ImageFiles } from './store/image-files.js';

export interface ServiceOptions {
  /** How layers are decoded: a worker pool's `decode` in production; this thread by default. */
  decoder?: BlobDecoder;
  /** Where analyses run: the analysis worker pool in production; this thread by default. */
  analyzer?: Analyzer;
}

export interface Services extends AppDeps {
  close(): Promise<void>;
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const tmp = join(config.dataDir, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const store = await AnalysisStore.open(config.dataDir, config.cacheMaxBytes);
  const held = new HeldUploads(tmp);
  const files = await ImageFiles.open(
    config.dataDir,
    await BlobStore.open(config.dataDir, config.layerBlobsMaxBytes),
    options.decoder,
  );
  await files.sweep(new Set(store.list().map((a) => a.id)));
  const deps: AnalyzeDeps = { config, store, files, inflight: new Map(), held };
  if (options.decoder) deps.blobDecoder = options.decoder;
  if (options.analyzer) deps.analyzer = options.analyzer;
  if (config.layerCacheMaxBytes > 0)
    deps.layerCache = new LayerCache({
      dir: join(config.dataDir, 'layers'),
      maxBytes: config.layerCacheMaxBytes,
    });
  const jobs = new JobService(deps);
  return {
    config,
    store,
    jobs,
    files,
    held,
    close: async () => {
      await jobs.close();
      await held.close();
    },
  };
}

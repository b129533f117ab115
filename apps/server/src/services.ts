/**
 * The long-lived parts behind the app: the result store, the layer cache, the jobs. Startup
 * sweeps the data dir's tmp/ (uploads of a server that died mid-job).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeLayer, LayerCache, type LayerDecoder } from '@strata/image';
import type { AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import type { AnalyzeDeps } from './jobs/analyze-job.js';
import { JobService } from './jobs/job-service.js';
import { AnalysisStore } from './store/analysis-store.js';
import { HeldUploads } from './uploads/held-uploads.js';

export interface ServiceOptions {
  /** How layers are decoded: a worker pool's `decode` in production; this thread by default. */
  decoder?: LayerDecoder;
  /** The final phase (decoded layers to an analysis); in this thread by default. */
  analyze?: AnalyzeDeps['analyze'];
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
  const deps: AnalyzeDeps = {
    config,
    store,
    decoder: layerDecoder(config, options),
    inflight: new Map(),
    held,
  };
  if (options.analyze) deps.analyze = options.analyze;
  const jobs = new JobService(deps);
  return {
    config,
    store,
    jobs,
    held,
    close: async () => {
      await jobs.close();
      await held.close();
    },
  };
}

function layerDecoder(config: Config, options: ServiceOptions): LayerDecoder | undefined {
  if (config.layerCacheMaxBytes <= 0) return options.decoder;
  const cache = new LayerCache({ dir: join(config.dataDir, 'layers'), maxBytes: config.layerCacheMaxBytes });
  return cache.decoder(options.decoder ?? decodeLayer);
}

/** `node dist/server.mjs`: read the config, decode layers in worker threads, listen. */
import { createWorkerPool } from '@strata/image';
import { createAnalysisPool } from './analysis/analysis-pool.js';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = createWorkerPool(
    new URL('./decode-worker.mjs', import.meta.url),
    config.jobConcurrency * config.layerConcurrency,
  );
  const analyses = createAnalysisPool(new URL('./analysis-worker.mjs', import.meta.url));
  const running = await startServer(config, { decoder: pool.decode, analyzer: analyses.analyze });
  console.log(`strata: listening on ${running.url} (data in ${config.dataDir})`);
  const stop = (): void => {
    console.log('strata: shutting down');
    void Promise.all([running.close(), pool.close(), analyses.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `strata: ${err.message}` : err);
  process.exit(1);
});

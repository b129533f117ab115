/**
 * Analyze one or several sources in one run: one worker pool, one layer cache (when asked), and
 * a layer shared by several images decoded once (DESIGN.md "a layer seen once is never decoded
 * again, whichever image it belongs to").
 */
import { analyzeImage, type Analysis } from '@strata/analysis';
import {
  createWorkerPool,
  LayerCache,
  loadImageInput,
  sharedDecoder,
  type SharedDecoder,
} from '@strata/image';
import { progressReporter } from './progress.js';
import { openSource, type SourceOptions } from './source.js';

/** Both cores: decompression and hashing dominate (DESIGN.md "The data's way through"). */
export const WORKERS = 2;

export interface AnalyzerOptions {
  source: SourceOptions;
  cache?: string;
  quiet: boolean;
  /** Name each source on stderr before its progress (commands over several images). */
  announce?: boolean;
}

export interface Analyzer {
  analyze(source: string): Promise<Analysis>;
  readonly decoder: SharedDecoder;
  close(): Promise<void>;
}

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const workers = createWorkerPool(new URL('./decode-worker.mjs', import.meta.url), WORKERS);
  const inner = options.cache
    ? new LayerCache({ dir: options.cache }).decoder(workers.decode)
    : workers.decode;
  const decoder = sharedDecoder(inner);
  return {
    decoder,
    async analyze(source) {
      if (options.announce && !options.quiet) process.stderr.write(`${source}:\n`);
      const image = await openSource(source, options.source);
      try {
        let layerCount = 0;
        const onProgress = progressReporter(() => layerCount, options.quiet);
        layerCount = (await image.layers()).length;
        const input = await loadImageInput(image, {
          onProgress,
          decoder: decoder.decode,
          concurrency: WORKERS,
        });
        for (const warning of image.warnings ?? []) process.stderr.write(`strata: warning: ${warning}\n`);
        return analyzeImage(input, image.source);
      } finally {
        await image.close();
      }
    },
    close: () => workers.close(),
  };
}

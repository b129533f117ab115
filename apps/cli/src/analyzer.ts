/**
 * Analyze one or several sources in one run: one layer cache (when asked), and a layer shared
 * by several images decoded once (DESIGN.md "a layer seen once is never decoded again,
 * whichever image it belongs to"). Each image's layers are decoded in worker threads that end
 * before its analysis starts (their memory with them).
 */
import { analyzeImage, LayerStacker, type Analysis, type ImageInput } from '@strata/analysis';
import {
  createWorkerPool,
  LayerCache,
  loadImageInput,
  sharedDecoder,
  type Image,
  type LayerDecoder,
  type SharedDecoder,
  type WorkerPool,
} from '@strata/image';
import { limitsFromEnv } from './limits.js';
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
  // The pool of the image being decoded; the shared decoder outlives it (it keeps the results).
  let pool: LayerDecoder | undefined;
  const viaPool: LayerDecoder = (layer, decodeOptions) => {
    if (!pool) throw new Error('no decode workers running');
    return pool(layer, decodeOptions);
  };
  const inner = options.cache ? new LayerCache({ dir: options.cache }).decoder(viaPool) : viaPool;
  const decoder = sharedDecoder(inner);

  const decodeLayers = async (image: Image, workers: WorkerPool): Promise<Analysis> => {
    pool = workers.decode;
    // Layers are stacked as they end, while later ones still decode (a core is free then).
    const stacker = new LayerStacker();
    let input: ImageInput;
    try {
      let layerCount = 0;
      const onProgress = progressReporter(() => layerCount, options.quiet);
      layerCount = (await image.layers()).length;
      input = await loadImageInput(image, {
        onProgress,
        decoder: decoder.decode,
        concurrency: WORKERS,
        onLayer: (index, layer) => stacker.add(index, layer),
        ...limitsFromEnv(),
      });
    } finally {
      // The workers' heaps go before the analysis needs the memory.
      pool = undefined;
      await workers.close();
    }
    return analyzeImage(input, image.source, stacker.finish(input.layers));
  };

  return {
    decoder,
    async analyze(source) {
      if (options.announce && !options.quiet) process.stderr.write(`${source}:\n`);
      // The workers start while the source is opened, off the path to the first layer.
      const workers = createWorkerPool(new URL('./decode-worker.mjs', import.meta.url), WORKERS, {
        warm: true,
      });
      try {
        const image = await openSource(source, options.source);
        try {
          const analysis = await decodeLayers(image, workers);
          for (const warning of image.warnings ?? []) process.stderr.write(`strata: warning: ${warning}\n`);
          return analysis;
        } finally {
          await image.close();
        }
      } finally {
        await workers.close();
      }
    },
    close: async () => {},
  };
}

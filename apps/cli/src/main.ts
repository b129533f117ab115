/**
 * `strata <source>`: analyze an image, print dive's figures and Strata's, write the exports,
 * gate CI. Exit 0 ok, 1 a CI rule failed, 2 bad input (one line, never a stack trace).
 */
import { writeFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import {
  adviseImage,
  analyzeImage,
  CiConfigError,
  evaluateCi,
  toDiveExport,
  withPackages,
  type Analysis,
  type ImageInput,
} from '@strata/analysis';
import {
  ALLOW_ALL_ADDRESSES,
  createWorkerPool,
  LayerCache,
  loadImageInput,
  StrataError,
  type Image,
  type RegistryOptions,
} from '@strata/image';
import { formatAdvice } from './advice.js';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args.js';
import { runCat } from './cat.js';
import { loadCiConfig } from './ci-config.js';
import { progressReporter } from './progress.js';
import { limitsFromEnv } from './limits.js';
import { openSource, type SourceOptions } from './source.js';
import { formatCiResults, formatSummary } from './summary.js';

declare const STRATA_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'cat') return runCat(argv.slice(1));
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') return print(USAGE, 0);
  if (parsed.kind === 'version') return print(typeof STRATA_VERSION === 'string' ? STRATA_VERSION : 'dev', 0);
  const { options } = parsed;
  const ci = options.ci ? loadCiConfig(options.ciConfig, options.ciRules) : undefined;
  const analysis = await analyze(options);
  const advice = adviseImage(analysis);
  const report = withPackages({ ...analysis.report, advice }, analysis);
  if (options.report === '-') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else console.log(`${formatSummary(report)}\n\n${formatAdvice(advice, options.advice)}`);
  if (options.report && options.report !== '-') await writeJson(options.report, report);
  if (options.json) await writeJson(options.json, toDiveExport(analysis));
  if (!ci) return 0;
  if (ci.file) console.log(`\n  Using CI config: ${ci.file}`);
  const { text, passed } = formatCiResults(evaluateCi(report.image, ci.config));
  console.log(`\n${text}`);
  return passed ? 0 : 1;
}

/** Both cores: decompression and hashing dominate (DESIGN.md "The data's way through"). */
const WORKERS = 2;

async function analyze(options: CliOptions): Promise<Analysis> {
  const image = await openSource(options.source, await sourceOptions(options));
  try {
    const input = await decodeLayers(image, options);
    return analyzeImage(input, image.source);
  } finally {
    await image.close();
  }
}

/** Decode every layer in worker threads, which end before the analysis starts (their memory with them). */
async function decodeLayers(image: Image, options: CliOptions): Promise<ImageInput> {
  const workers = createWorkerPool(new URL('./decode-worker.mjs', import.meta.url), WORKERS);
  try {
    let layerCount = 0;
    const onProgress = progressReporter(() => layerCount, options.quiet || options.report === '-');
    const layers = await image.layers();
    layerCount = layers.length;
    const decoder = options.cache
      ? new LayerCache({ dir: options.cache }).decoder(workers.decode)
      : workers.decode;
    return await loadImageInput(image, { onProgress, decoder, concurrency: WORKERS, ...limitsFromEnv() });
  } finally {
    await workers.close();
  }
}

async function sourceOptions(options: CliOptions): Promise<SourceOptions> {
  // The CLI fetches whatever host its user names (a private registry included); the server does not.
  const registry: RegistryOptions = {
    insecureRegistries: options.insecureRegistries,
    addressPolicy: ALLOW_ALL_ADDRESSES,
  };
  if (options.passwordStdin && options.username === undefined)
    throw new UsageError('--password-stdin needs --username');
  if (options.username !== undefined) {
    const password = options.passwordStdin ? (await text(process.stdin)).replace(/\r?\n$/, '') : '';
    registry.credentials = { username: options.username, password };
  }
  return options.platform ? { registry, platform: options.platform } : { registry };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`).catch((err: NodeJS.ErrnoException) => {
    throw new StrataError('NOT_FOUND', `cannot write ${path}: ${err.code ?? err.message}`);
  });
}

function print(text: string, code: number): number {
  console.log(text);
  return code;
}

function describe(err: unknown): string {
  if (err instanceof UsageError) return `strata: ${err.message}\n${USAGE.split('\n')[0]}`;
  if (err instanceof StrataError) return `strata: ${err.message} [${err.code}]`;
  if (err instanceof CiConfigError) return `strata: CI config: ${err.message}`;
  return `strata: internal error: ${err instanceof Error ? err.message : String(err)}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${describe(err)}\n`);
    if (process.env.STRATA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(2);
  },
);

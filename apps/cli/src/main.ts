/**
 * `strata <source>`: analyze an image, print dive's figures and Strata's, write the exports,
 * gate CI. Exit 0 ok, 1 a CI rule failed, 2 bad input (one line, never a stack trace).
 */
import {
  adviseImage,
  CiConfigError,
  evaluateCi,
  toDiveExport,
  withPackages,
  type Analysis,
} from '@strata/analysis';
import { imageLine, SeveralImagesError, StrataError } from '@strata/image';
import { formatAdvice } from './advice.js';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args.js';
import { runCat } from './cat.js';
import { loadCiConfig } from './ci-config.js';
import { createAnalyzer } from './analyzer.js';
import { runDf } from './commands/df.js';
import { runDiff } from './commands/diff.js';
import { writeJson } from './json-out.js';
import { sourceOptions } from './registry-options.js';
import { formatCiResults, formatSummary } from './summary.js';

declare const STRATA_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'diff') return runDiff(argv.slice(1));
  if (argv[0] === 'df') return runDf(argv.slice(1));
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

async function analyze(options: CliOptions): Promise<Analysis> {
  const analyzer = createAnalyzer({
    source: await sourceOptions(options),
    quiet: options.quiet || options.report === '-',
    ...(options.cache ? { cache: options.cache } : {}),
  });
  try {
    return await analyzer.analyze(options.source);
  } finally {
    await analyzer.close();
  }
}

function print(text: string, code: number): number {
  console.log(text);
  return code;
}

function describe(err: unknown): string {
  if (err instanceof UsageError) return `strata: ${err.message}\n${USAGE.split('\n')[0]}`;
  if (err instanceof SeveralImagesError)
    return [`strata: ${err.headline} [${err.code}]`, ...err.images.map((e) => `  ${imageLine(e)}`)].join(
      '\n',
    );
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

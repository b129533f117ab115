/**
 * `strata diff A B [--json FILE] [--max-growth BYTES|PCT]`: compare two images (any sources):
 * sizes, shared layers, the files B adds, removes and changes, where the growth is (by layer,
 * by directory). Exit 0, 1 when B grew more than --max-growth allows, 2 bad input.
 */
import { diffImages, type Analysis } from '@strata/analysis';
import { UsageError } from '../args.js';
import { createAnalyzer } from '../analyzer.js';
import { writeJson } from '../json-out.js';
import { sourceOptions } from '../registry-options.js';
import { parseCommandArgs, SHARED_USAGE } from './command-args.js';
import { formatDiff } from './diff-summary.js';
import { checkGrowth, parseGrowthLimit } from './max-growth.js';

export const DIFF_USAGE = `Usage: strata diff <A> <B> [options]

Compare image B with image A (any two sources, e.g. docker-archive:img.tar:app:1 app:2):
sizes, layers they share, files B adds, removes or changes, and where B grew.

Options:
  --max-growth BYTES|PCT            exit 1 when B is bigger than A by more (20MB, 5%)
${SHARED_USAGE}`;

export async function runDiff(argv: string[]): Promise<number> {
  const { flags, positionals, values } = parseCommandArgs(argv, { 'max-growth': { type: 'string' } });
  if (flags.help) return print(DIFF_USAGE);
  if (positionals.length !== 2)
    throw new UsageError(`strata diff needs two sources, got ${positionals.length}`);
  const limit = typeof values['max-growth'] === 'string' ? parseGrowthLimit(values['max-growth']) : undefined;
  const analyzer = createAnalyzer({
    announce: true,
    source: await sourceOptions(flags),
    quiet: flags.quiet || flags.json === '-',
    ...(flags.cache ? { cache: flags.cache } : {}),
  });
  let analyses: Analysis[];
  try {
    analyses = [];
    for (const source of positionals) analyses.push(await analyzer.analyze(source));
  } finally {
    await analyzer.close();
  }
  const [a, b] = analyses as [Analysis, Analysis];
  const diff = diffImages(a, b);
  if (flags.json === '-') process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
  else console.log(formatDiff(diff, a.report, b.report));
  if (flags.json && flags.json !== '-') await writeJson(flags.json, diff);
  if (!limit) return 0;
  const verdict = checkGrowth(limit, diff.a.sizeBytes, diff.sizeDeltaBytes);
  (flags.json === '-' ? process.stderr : process.stdout).write(`\n${verdict.line}\n`);
  return verdict.passed ? 0 : 1;
}

function print(text: string): number {
  console.log(text);
  return 0;
}

/**
 * `strata df SRC… [--json FILE]`, like `docker system df -v`: the images' sizes, what they
 * share, and the true disk use of the set (each distinct layer once) against the naive sum.
 */
import { diskUse, humanBytes, type DiskUse, type Report } from '@strata/analysis';
import { UsageError } from '../args.js';
import { createAnalyzer } from '../analyzer.js';
import { writeJson } from '../json-out.js';
import { sourceOptions } from '../registry-options.js';
import { parseCommandArgs, SHARED_USAGE } from './command-args.js';

export const DF_USAGE = `Usage: strata df <source>... [options]

The disk use of a set of images: each image's size, the bytes it shares with the others and
its own; the true total (each distinct layer once) against the sum of the sizes.

Options:
${SHARED_USAGE}`;

export async function runDf(argv: string[]): Promise<number> {
  const { flags, positionals } = parseCommandArgs(argv, {});
  if (flags.help) {
    console.log(DF_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('strata df needs at least one source');
  const quiet = flags.quiet || flags.json === '-';
  const analyzer = createAnalyzer({
    announce: true,
    source: await sourceOptions(flags),
    quiet,
    ...(flags.cache ? { cache: flags.cache } : {}),
  });
  const reports: Report[] = [];
  try {
    for (const source of positionals) reports.push((await analyzer.analyze(source)).report);
  } finally {
    await analyzer.close();
  }
  const { reads, requests } = analyzer.decoder;
  if (!quiet)
    process.stderr.write(
      `df: ${reads} distinct layers read for ${requests} layers of ${reports.length} images\n`,
    );
  const use = diskUse(reports);
  if (flags.json === '-') process.stdout.write(`${JSON.stringify(use, null, 2)}\n`);
  else console.log(formatDf(use));
  if (flags.json && flags.json !== '-') await writeJson(flags.json, use);
  return 0;
}

export function formatDf(use: DiskUse): string {
  const rows = use.images.map((img) => [
    img.source,
    humanBytes(img.sizeBytes),
    humanBytes(img.sharedBytes),
    humanBytes(img.uniqueBytes),
    humanBytes(img.compressedSizeBytes),
  ]);
  const table = [['IMAGE', 'SIZE', 'SHARED', 'UNIQUE', 'COMPRESSED'], ...rows];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  const render = (r: string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    'Images:',
    ...table.map(render),
    '',
    `Layers: ${use.layers.length} distinct (${use.layers.filter((l) => l.images.length > 1).length} shared)`,
    `Total (each layer once): ${humanBytes(use.totalBytes)}, compressed ${humanBytes(use.totalCompressedBytes)}`,
    `Sum of image sizes:      ${humanBytes(use.sumBytes)}, compressed ${humanBytes(use.sumCompressedBytes)}`,
    `Shared layers save:      ${humanBytes(use.sumBytes - use.totalBytes)}`,
  ].join('\n');
}

// One image's CLI figures: the native baseline and the CLI, run alternately (so that load from
// other work on the machine hits both alike), medians, the CLI's peak RSS.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { baselineOnce, countEntries, extractLayers } from './layers.mjs';
import { log, median, run, timed } from './measure.mjs';

/**
 * One CLI run under GNU time. Its "Maximum resident set size" comes from wait4()'s rusage: the
 * largest single process of the tree (pnpm, its shell, the Node process running the CLI).
 */
export const cliOnce = (cli, archive, rssFile, cwd) =>
  timed(async () => {
    await run('/usr/bin/time', ['-v', '-o', rssFile, ...cli.argv, archive], { cwd });
    const report = await readFile(rssFile, 'utf8');
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1]);
    if (!kb) throw new Error(`no peak RSS in /usr/bin/time's report:\n${report}`);
    return { rssKB: kb };
  });

const summary = (label, all) => {
  const ms = all.map((r) => r.ms);
  log(`${label}: ${ms.map((x) => (x / 1000).toFixed(3)).join(', ')} s`);
  return { runsMs: ms.map(Math.round), medianMs: median(ms) };
};

/**
 * Baseline and CLI `runs` times each, alternating. `clis[0]` is the figure's CLI; further entries
 * (e.g. the bundle run directly, without pnpm) are measured the same way, for information.
 */
export async function benchImage({ name, archive, runs, clis, tmp, cwd, warmup = false }) {
  const dir = await mkdtemp(join(tmp, `strata-bench-${name}-`));
  try {
    const layers = await extractLayers(archive, dir);
    const counted = await countEntries(layers);
    const image = {
      name,
      archive,
      archiveBytes: (await stat(archive)).size,
      uncompressedBytes: counted.bytes,
      entries: counted.entries,
      layers: layers.length,
    };
    const rssFile = join(dir, 'time-v.txt');
    // Warm-up: Node's and pnpm's files into the page cache, a stale CLI build rebuilt; not measured.
    if (warmup) for (const cli of clis) await cliOnce(cli, archive, rssFile, cwd);
    const base = [];
    const byCli = clis.map(() => []);
    for (let i = 0; i < runs; i++) {
      base.push(await baselineOnce(layers));
      for (const [k, cli] of clis.entries()) byCli[k].push(await cliOnce(cli, archive, rssFile, cwd));
      log(`${name} run ${i + 1}/${runs} done`);
    }
    const baseline = summary(`${name} baseline (gzip -dc | tar -tv per layer)`, base);
    const cli = clis.map((c, k) => ({
      label: c.label,
      ...summary(`${name} ${c.label}`, byCli[k]),
      peakRssMB: Math.max(...byCli[k].map((r) => r.rssKB)) / 1024,
    }));
    for (const c of cli) c.ratio = c.medianMs / baseline.medianMs;
    return { image, baseline, cli };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

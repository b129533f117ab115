// `pnpm bench` (CLI part): Strata's CLI against the native baseline (`gzip -dc | tar -tv` per
// layer, serially, medians of runs measured alternately in the same run) on three images:
//   debian  the realistic image (testkit recipe bench-debian, built once with buildah, cached)
//   million 1,000,000 small files in 5 gzip layers (testkit bench-images, generated once, cached)
//   3gb     three 1 GiB gzip layers of half-random, half-zero data (same)
// then the server's /api/health latency and VmHWM while it analyses the million-file image.
// The CLI is run with the README's command (`./strata <archive>`). Writes bench-results/cli.json;
// scripts/bench-summary.mjs turns every bench's JSON into the table of targets.
// Knobs: STRATA_BENCH_ONLY=debian,million,3gb,health (default all), STRATA_BENCH_RUNS (debian,
// default 5), STRATA_BENCH_BIG_RUNS (million and 3gb, default 3), STRATA_BENCH_CLI (measure
// another build, e.g. a saved copy: `node $STRATA_BENCH_CLI` instead of `./strata`).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchImage } from './bench/cli-figures.mjs';
import { benchHealth } from './bench/health.mjs';
import { log } from './bench/measure.mjs';
import { loadTestkit } from './bench/testkit.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ONLY = (process.env.STRATA_BENCH_ONLY || 'debian,million,3gb,health').split(',');
const RUNS = Number(process.env.STRATA_BENCH_RUNS || 5);
const BIG_RUNS = Number(process.env.STRATA_BENCH_BIG_RUNS || 3);
const TMP = process.env.STRATA_BENCH_TMP || tmpdir();
const serverJs = join(root, 'apps/server/dist/server.mjs');
const bundle = join(root, 'apps/cli/dist/strata.mjs');
const README_CLI = process.env.STRATA_BENCH_CLI
  ? { label: `node ${process.env.STRATA_BENCH_CLI}`, argv: [process.execPath, process.env.STRATA_BENCH_CLI] }
  : { label: './strata', argv: [join(root, 'strata')] };
const DIRECT_CLI = { label: 'node apps/cli/dist/strata.mjs', argv: [process.execPath, bundle] };

const mb = (b) => (b / 1e6).toFixed(1);
const sec = (ms) => (ms / 1000).toFixed(3);

function imageLines(r) {
  const lines = [
    `${r.image.name}: ${mb(r.image.archiveBytes)} MB archive, ${mb(r.image.uncompressedBytes)} MB uncompressed, ${r.image.entries} tar entries in ${r.image.layers} layers`,
    `  baseline            ${sec(r.baseline.medianMs)} s  (gzip -dc | tar -tv per layer, serially)`,
    `  machine             ${r.machine.cpus} CPUs, load average ${r.machine.loadavg1mBefore.toFixed(1)} before, ${r.machine.loadavg1mAfter.toFixed(1)} after`,
  ];
  for (const c of r.cli)
    lines.push(
      `  ${c.label.padEnd(19)} ${sec(c.medianMs)} s  ratio ${c.ratio.toFixed(2)}  peak RSS ${c.peakRssMB.toFixed(0)} MB`,
    );
  return lines;
}

function healthLines(h) {
  const a = h.health.analyzing;
  return [
    `server health during the million-file analysis: upload ${sec(h.uploadMs)} s, analysis ${sec(h.analysisMs)} s`,
    `  /api/health         ${a.count} requests: p50 ${a.p50} ms, p99 ${a.p99} ms, max ${a.max} ms`,
    `  server VmHWM        ${h.serverVmHwmMB.toFixed(0)} MB`,
    `  errors              ${h.errors.length}${h.errors.length ? `: ${h.errors.slice(0, 3).join(' | ')}` : ''}`,
  ];
}

async function images(testkit) {
  const wanted = {};
  if (ONLY.includes('debian')) {
    log('building or taking the cached bench-debian image (cold: a few minutes)');
    const recipe = join(root, 'packages/testkit/recipes/bench-debian');
    wanted.debian = await testkit.buildCachedImage(recipe, { format: 'oci-archive', compress: 'gzip' });
  }
  if (ONLY.includes('million') || ONLY.includes('health')) {
    log('generating or taking the cached million-file image (cold: about 20 s)');
    wanted.million = (await testkit.cachedBenchImage('million-files', testkit.MILLION_FILES)).path;
  }
  if (ONLY.includes('3gb')) {
    log('generating or taking the cached 3 GB image (cold: about a minute)');
    wanted['3gb'] = (await testkit.cachedBenchImage('three-gb', testkit.THREE_GB)).path;
  }
  return wanted;
}

async function main() {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time missing: run bash scripts/setup.sh');
  for (const built of [bundle, serverJs])
    if (!existsSync(built)) throw new Error(`${built} is missing: run pnpm build (or pnpm bench)`);
  const testkit = await loadTestkit(root);
  const archives = await images(testkit);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cliCommand: README_CLI.label,
    images: {},
  };
  const print = [];
  const plans = [
    ['debian', RUNS, [README_CLI, DIRECT_CLI], true],
    ['million', BIG_RUNS, [README_CLI], true],
    ['3gb', BIG_RUNS, [README_CLI], false],
  ];
  for (const [name, runs, clis, warmup] of plans) {
    if (!ONLY.includes(name)) continue;
    log(`${name}: ${runs} runs of the baseline and of ${clis.map((c) => c.label).join(', ')}`);
    const loadBefore = loadavg()[0];
    const r = await benchImage({ name, archive: archives[name], runs, clis, tmp: TMP, cwd: root, warmup });
    // Other work on the machine skews every figure, parallel ones (the CLI) more than serial ones.
    const machine = {
      cpus: availableParallelism(),
      loadavg1mBefore: loadBefore,
      loadavg1mAfter: loadavg()[0],
    };
    result.images[name] = { date: new Date().toISOString(), machine, ...r };
    print.push(...imageLines(result.images[name]));
  }
  if (ONLY.includes('health')) {
    log('server health during the million-file analysis');
    result.health = {
      date: new Date().toISOString(),
      ...(await benchHealth({ serverJs, archive: archives.million, tmp: TMP })),
    };
    print.push(...healthLines(result.health));
  }
  await mkdir(join(root, 'bench-results'), { recursive: true });
  // A partial run (STRATA_BENCH_ONLY) keeps the other figures of the last full one.
  const file = join(root, 'bench-results/cli.json');
  const previous = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const merged = {
    ...result,
    images: { ...(previous.images ?? {}), ...result.images },
    health: result.health ?? previous.health,
  };
  await writeFile(file, JSON.stringify(merged, null, 2) + '\n');
  console.log(print.join('\n'));
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exit(1);
});

// `pnpm bench`: Strata's CLI against the native baseline (`gzip -dc | tar -t`, per layer, serially)
// on a realistic image (testkit recipe bench-debian, built once with buildah and cached).
// Prints a small table and writes bench-results/cli.json. Needs root (buildah, debootstrap).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// STRATA_BENCH_CLI: measure another build of the CLI (e.g. a saved copy) against the same baseline.
const cli = process.env.STRATA_BENCH_CLI || join(root, 'apps/cli/dist/strata.mjs');
const RUNS = Number(process.env.STRATA_BENCH_RUNS || 3);
const TARGET = { ratio: 1.0, rssMB: 300 };
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

/** Runs a command; resolves with stdout, rejects with the end of stderr. */
function run(cmd, args, { timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err = (err + b).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code, sig) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code ?? sig}\n${err}`)),
    );
  });
}

/**
 * The buildah helper is TypeScript; esbuild (already a root devDependency, it builds the CLI)
 * turns it into one temporary .mjs, so the bench needs no TS loader dependency.
 */
async function loadTestkit() {
  const { build } = await import('esbuild');
  const out = join(tmpdir(), `strata-bench-testkit-${process.pid}.mjs`);
  const entry = join(root, 'packages/testkit/src/buildah/index.ts');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    await rm(out, { force: true });
  }
}

/** Extracts the layer blobs of an oci-archive into `dir` (not timed) and lists them in order. */
async function extractLayers(archive, dir) {
  await run('tar', ['-xf', archive, '-C', dir]);
  const blob = (digest) => join(dir, 'blobs', ...digest.split(':'));
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(blob(index.manifests[0].digest), 'utf8'));
  return manifest.layers.map((l) => ({ path: blob(l.digest), mediaType: l.mediaType, size: l.size }));
}

const decompressor = (mediaType) =>
  /zstd/.test(mediaType) ? 'zstd -dc' : /gzip/.test(mediaType) ? 'gzip -dc' : 'cat';
const pipeline = (layer, tarArgs) => [
  '-c',
  `set -o pipefail; ${decompressor(layer.mediaType)} "$1" | tar ${tarArgs}`,
  '_',
  layer.path,
];

/** Untimed pass that also warms the page cache: entry count and uncompressed bytes. */
async function countEntries(layers) {
  let entries = 0;
  let bytes = 0;
  for (const layer of layers) {
    const out = await run('bash', pipeline(layer, `-tv | awk '{n++; s+=$3} END {print n+0, s+0}'`));
    const [n, s] = out.trim().split(' ').map(Number);
    entries += n;
    bytes += s;
  }
  return { entries, bytes };
}

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const extra = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ...extra };
}

const baselineOnce = (layers) =>
  timed(async () => {
    for (const layer of layers) await run('bash', pipeline(layer, '-t > /dev/null'));
  });

/** GNU time reports the child's peak RSS (KB) from wait4(), the same figure the kernel keeps. */
const cliOnce = (archive, rssFile) =>
  timed(async () => {
    await run('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, cli, archive]);
    return { rssKB: Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) };
  });

async function repeat(label, fn) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await fn());
    log(`${label} run ${i + 1}/${RUNS}: ${(runs.at(-1).ms / 1000).toFixed(3)} s`);
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { runs, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

const mb = (b) => (b / 1e6).toFixed(1);
const sec = (ms) => (ms / 1000).toFixed(3);

function table(r) {
  const lines = [
    `Strata bench: ${r.image.recipe} (oci-archive, gzip layers), median of ${RUNS} runs`,
    `  image            ${mb(r.image.archiveBytes)} MB archive, ${mb(r.image.uncompressedBytes)} MB uncompressed`,
    `  files            ${r.image.entries} tar entries in ${r.image.layers} layers`,
    `  baseline         ${sec(r.baseline.medianMs)} s  (gzip -dc | tar -t per layer, serially)`,
  ];
  if (r.cli) {
    lines.push(
      `  strata CLI       ${sec(r.cli.medianMs)} s`,
      `  ratio CLI/base   ${r.ratio.toFixed(2).padEnd(8)} target <= ${TARGET.ratio.toFixed(1)}  ${r.pass.ratio ? 'PASS' : 'MISS'}`,
      `  CLI peak RSS     ${`${r.cli.peakRssMB.toFixed(0)} MB`.padEnd(8)} target < ${TARGET.rssMB}   ${r.pass.rss ? 'PASS' : 'MISS'}`,
    );
  } else {
    lines.push(`  strata CLI       not measured: ${r.cliError}`);
  }
  return lines.join('\n');
}

async function main() {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time missing: run bash scripts/setup.sh');
  const { buildCachedImage } = await loadTestkit();
  const recipe = join(root, 'packages/testkit/recipes/bench-debian');
  log('building or taking the cached bench-debian image (cold: a few minutes)');
  const archive = await buildCachedImage(recipe, { format: 'oci-archive', compress: 'gzip' });
  const work = await mkdtemp(join(tmpdir(), 'strata-bench-'));
  try {
    const layers = await extractLayers(archive, work);
    const counted = await countEntries(layers);
    const image = {
      recipe: 'bench-debian',
      archive,
      archiveBytes: (await stat(archive)).size,
      uncompressedBytes: counted.bytes,
      entries: counted.entries,
      layers: layers.length,
    };
    const baseline = await repeat('baseline', () => baselineOnce(layers));
    const result = { date: new Date().toISOString(), runs: RUNS, targets: TARGET, image, baseline };
    if (!existsSync(cli)) {
      result.cliError = `${cli} is missing: build it with pnpm --filter @strata/cli build`;
    } else {
      const rssFile = join(work, 'rss');
      await cliOnce(archive, rssFile); // warm-up: Node's module cache on disk, not measured
      const c = await repeat('strata CLI', () => cliOnce(archive, rssFile));
      const peakRssMB = Math.max(...c.runs.map((x) => x.rssKB)) / 1024;
      result.cli = { path: cli, ...c, peakRssMB };
      result.ratio = c.medianMs / baseline.medianMs;
      result.pass = { ratio: result.ratio <= TARGET.ratio, rss: peakRssMB < TARGET.rssMB };
    }
    await mkdir(join(root, 'bench-results'), { recursive: true });
    await writeFile(join(root, 'bench-results/cli.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(table(result));
    if (result.cliError) {
      console.error(`bench: ${result.cliError}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

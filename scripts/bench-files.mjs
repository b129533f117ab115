// `pnpm bench` (files step): issue 11's target "reading a small file at the end of the largest
// gzip layer of the bench image costs <= 0.1x of decoding that whole layer", on the bench-debian
// image and on the 3 GB image, through the built server's file API (scripts/bench/file-read.mjs
// says what is read and against what). Writes bench-results/files.json; bench-summary.mjs puts
// the ratios in the table of targets.
// Knobs: STRATA_BENCH_FILES_ONLY=debian,3gb (default both), STRATA_BENCH_FILES_RUNS (default 5).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFileRead, loadSeekIndexer } from './bench/file-read.mjs';
import { log } from './bench/measure.mjs';
import { loadTestkit } from './bench/testkit.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ONLY = (process.env.STRATA_BENCH_FILES_ONLY || 'debian,3gb').split(',');
const RUNS = Number(process.env.STRATA_BENCH_FILES_RUNS || 5);
const TMP = process.env.STRATA_BENCH_TMP || tmpdir();
const serverJs = join(root, 'apps/server/dist/server.mjs');

async function images(testkit) {
  const wanted = [];
  if (ONLY.includes('debian')) {
    log('building or taking the cached bench-debian image (cold: a few minutes)');
    const recipe = join(root, 'packages/testkit/recipes/bench-debian');
    wanted.push([
      'debian',
      await testkit.buildCachedImage(recipe, { format: 'oci-archive', compress: 'gzip' }),
    ]);
  }
  if (ONLY.includes('3gb')) {
    log('generating or taking the cached 3 GB image (cold: about a minute)');
    wanted.push(['3gb', (await testkit.cachedBenchImage('three-gb', testkit.THREE_GB)).path]);
  }
  return wanted;
}

const ms = (x) => `${x.toFixed(1)} ms`;

function lines(r) {
  const what = r.target.range ? `its last ${r.target.range[1] - r.target.range[0]} bytes (Range)` : 'whole';
  return [
    `${r.name}: layer ${r.layer.index} (${(r.layer.gzipBytes / 1e6).toFixed(1)} MB gzip), ${r.target.path} (${r.target.size} bytes), ${what}`,
    `  read via GET /api/analyses/:id/files  median ${ms(r.readMedianMs)} (first ${ms(r.firstReadMs)}), bytes ${r.bytesOk ? 'equal tar' : 'DIFFER'}`,
    `  decode of the whole layer            node gunzip ${ms(r.baseline.nodeGunzipMedianMs)}, gzip -dc ${ms(r.baseline.gzipCliMedianMs)}`,
    `  ratio                                ${r.ratio?.toFixed(3) ?? '-'} (vs gzip -dc ${r.ratioVsGzipCli?.toFixed(3) ?? '-'})`,
    `  checkpoints                          ${r.seekIndex.builtIn}${r.seekIndex.checkpoints ? `: ${r.seekIndex.checkpoints}, ${(r.seekIndex.bytes / 1e6).toFixed(2)} MB on disk` : ''}`,
    `  building them                        indexing inflate ${ms(r.buildCost.indexedInflateMs)} vs plain gunzip ${ms(r.buildCost.plainGunzipMs)} (${r.buildCost.ratio.toFixed(2)}x)`,
  ];
}

async function main() {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} missing: pnpm --filter @strata/server build`);
  const testkit = await loadTestkit(root);
  const indexer = await loadSeekIndexer(root);
  const results = {};
  for (const [name, archive] of await images(testkit)) {
    const before = loadavg()[0];
    const r = await benchFileRead({ name, archive, serverJs, tmp: TMP, runs: RUNS, image: indexer });
    r.machine = { cpus: availableParallelism(), loadavg1mBefore: before, loadavg1mAfter: loadavg()[0] };
    results[name] = r;
    console.log(lines(r).join('\n'));
  }
  await mkdir(join(root, 'bench-results'), { recursive: true });
  const out = { date: new Date().toISOString(), runs: RUNS, images: results };
  await writeFile(join(root, 'bench-results', 'files.json'), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  console.error(`bench-files: ${err.stack ?? err}`);
  process.exit(1);
});

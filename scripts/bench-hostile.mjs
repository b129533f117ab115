// `pnpm bench` (hostile soak): the built server on a free loopback port takes issue 10's hostile
// archives (packages/testkit's catalogue: bombs, pax floods, bad documents, …) 4 at a time, mixed
// with good uploads (the public dive fixtures), for a bounded count of rounds. Meanwhile it polls
// /api/health (latency), the server's /proc status (VmHWM, VmRSS) and its temp dir's size.
// Reports health p50/p99/max, peak RSS, temp-disk peak, each hostile input's answer and time, and
// whether the good uploads got dive's figures (from shared/fixtures/dive/EXPECTED.md). Prints a
// table, writes bench-results/hostile.json; exits non-zero only when the soak cannot run.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverJs = process.env.STRATA_BENCH_SERVER || join(root, 'apps/server/dist/server.mjs');
const env = (name, fallback) => Number(process.env[name] || fallback);
const ROUNDS = env('STRATA_BENCH_HOSTILE_ROUNDS', 2);
const PARALLEL = 4;
const TIMEOUT_MS = env('STRATA_BENCH_TIMEOUT_S', 900) * 1000;
const CASE_TIMEOUT_MS = 120_000;
const TARGET = { healthP99Ms: 100, healthMaxMs: 1000, vmHwmBytes: 1.5 * 1024 ** 3, caseMs: CASE_TIMEOUT_MS };
/** A regular expression to soak only some cases (to find which one hurts). */
const ONLY = process.env.STRATA_BENCH_HOSTILE_ONLY
  ? new RegExp(process.env.STRATA_BENCH_HOSTILE_ONLY)
  : undefined;
const GOOD = ['test-docker-image.tar', 'test-kaniko-image.tar', 'test-oci-zstd-image.tar'];
const log = (msg) => process.stderr.write(`bench-hostile: ${msg}\n`);

/** The catalogue is TypeScript in packages/testkit: bundle it once for this plain script. */
async function loadCatalogue(dir) {
  const entry = join(dir, 'entry.ts');
  const testkit = join(root, 'packages/testkit/src');
  await writeFile(
    entry,
    `export { HOSTILE_CASES } from ${JSON.stringify(join(testkit, 'archive-builder/hostile/catalogue.ts'))};\n` +
      `export { expectedFigures } from ${JSON.stringify(join(testkit, 'fixtures.ts'))};\n`,
  );
  const outfile = join(dir, 'catalogue.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  process.env.STRATA_SHARED_DIR ??= join(root, '../shared');
  return import(pathToFileURL(outfile).href);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startServer(dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STRATA_DATA_DIR: dataDir,
      STRATA_LAYER_CACHE_MAX_BYTES: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await sleep(50);
  }
  throw new Error('the server did not start');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function upload(url, path) {
  const res = await fetch(`${url}/api/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: await readFile(path),
  });
  const body = await res.json();
  if (res.status !== 202) return { error: body.error ?? { code: `HTTP ${res.status}` } };
  for (;;) {
    const job = await (await fetch(`${url}/api/jobs/${body.jobId}`)).json();
    if (job.phase === 'done' || job.phase === 'failed') return job;
    await sleep(100);
  }
}

/** Bytes under `dir`, recursively (the server's temp dir: uploads and inflated archives). */
async function du(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await du(path);
    else total += (await stat(path).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

async function procStatus(pid) {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

/** Health latency, memory and temp disk, sampled until stop() is called. */
function monitor(url, pid, tmp) {
  const latencies = [];
  const peak = { hwm: 0, rss: 0, tmp: 0 };
  let running = true;
  const health = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${url}/api/health`).then(
        (r) => r.arrayBuffer(),
        () => {},
      );
      latencies.push(performance.now() - t);
      await sleep(50);
    }
  })();
  const sampler = (async () => {
    while (running) {
      const s = await procStatus(pid);
      peak.hwm = Math.max(peak.hwm, s.hwm);
      peak.rss = Math.max(peak.rss, s.rss);
      peak.tmp = Math.max(peak.tmp, await du(tmp));
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([health, sampler]);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, peak };
    },
  };
}

/** `items` run `limit` at a time, in order. */
async function pool(items, limit, fn) {
  const out = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

function figuresMatch(report, expected) {
  const image = report?.image;
  return (
    image?.sizeBytes === expected.sizeBytes &&
    image?.wastedBytes === expected.wastedBytes &&
    Math.abs(image?.efficiency - expected.efficiency) < 1e-9
  );
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'strata-bench-hostile-'));
  const dataDir = join(work, 'data');
  let server;
  const hardStop = setTimeout(() => {
    log(`hard timeout after ${TIMEOUT_MS / 1000} s`);
    server?.child.kill('SIGKILL');
    process.exit(1);
  }, TIMEOUT_MS);
  try {
    const { HOSTILE_CASES, expectedFigures } = await loadCatalogue(work);
    const inputs = join(work, 'inputs');
    await mkdir(inputs);
    const hostile = [];
    for (const c of HOSTILE_CASES.filter((h) => !ONLY || ONLY.test(h.name))) {
      const path = join(inputs, `${c.name}.tar`);
      await writeFile(path, c.bytes());
      hostile.push({ kind: 'hostile', case: c, path });
    }
    const expected = new Map(expectedFigures().map((f) => [f.fixture, f]));
    const good = GOOD.map((name) => ({
      kind: 'good',
      name,
      path: join(process.env.STRATA_SHARED_DIR, 'fixtures/dive', name),
    }));
    // Every fourth input is a good one, so good uploads always run beside hostile ones.
    const queue = [];
    for (let r = 0; r < ROUNDS; r++)
      hostile.forEach((h, i) => {
        queue.push(h);
        if (i % 3 === 2) queue.push(good[(r * hostile.length + i) % good.length]);
      });
    server = await startServer(dataDir);
    log(`server pid ${server.child.pid} on ${server.url}; ${queue.length} uploads, ${PARALLEL} at a time`);
    const watch = monitor(server.url, server.child.pid, join(dataDir, 'tmp'));
    const started = performance.now();
    const results = await pool(queue, PARALLEL, async (item) => {
      const t = performance.now();
      const job = await upload(server.url, item.path);
      const ms = performance.now() - t;
      if (item.kind === 'hostile') {
        const message = job.error?.message ?? '';
        const words = item.case.message;
        const said = typeof words === 'string' ? message.includes(words) : words.test(message);
        const ok =
          job.phase === 'failed' && job.error?.code === item.case.code && job.error.status < 500 && said;
        return {
          kind: 'hostile',
          name: item.case.name,
          ms,
          ok,
          code: job.error?.code,
          status: job.error?.status,
        };
      }
      const report = job.analysisId
        ? await (await fetch(`${server.url}/api/analyses/${job.analysisId}`)).json()
        : undefined;
      const want = expected.get(item.name);
      return { kind: 'good', name: item.name, ms, ok: job.phase === 'done' && figuresMatch(report, want) };
    });
    const wallS = (performance.now() - started) / 1000;
    const stats = await watch.stop();
    const status = await procStatus(server.child.pid);
    stats.peak.hwm = Math.max(stats.peak.hwm, status.hwm);
    const left = await readdir(join(dataDir, 'tmp')).catch(() => []);
    const bad = results.filter((r) => !r.ok);
    const slowest = Math.max(...results.filter((r) => r.kind === 'hostile').map((r) => r.ms));
    const verdict = {
      healthP99: stats.p99 <= TARGET.healthP99Ms,
      healthMax: stats.max <= TARGET.healthMaxMs,
      vmHwm: stats.peak.hwm <= TARGET.vmHwmBytes,
      noTempLeft: left.length === 0,
      everyAnswerRight: bad.length === 0,
      everyCaseUnder120s: slowest <= TARGET.caseMs,
    };
    const summary = {
      uploads: results.length,
      hostile: results.filter((r) => r.kind === 'hostile').length,
      good: results.filter((r) => r.kind === 'good').length,
      wallSeconds: Math.round(wallS),
      health: {
        samples: stats.samples,
        p50Ms: round(stats.p50),
        p99Ms: round(stats.p99),
        maxMs: round(stats.max),
      },
      server: { vmHwmBytes: stats.peak.hwm, peakRssBytes: stats.peak.rss },
      tempDiskPeakBytes: stats.peak.tmp,
      slowestHostileMs: Math.round(slowest),
      tempFilesLeft: left,
      wrong: bad,
      verdict,
    };
    await mkdir(join(root, 'bench-results'), { recursive: true });
    await writeFile(
      join(root, 'bench-results/hostile.json'),
      `${JSON.stringify({ summary, results }, null, 2)}\n`,
    );
    const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    const mark = (ok) => (ok ? 'ok' : 'MISS');
    console.log(
      [
        `hostile soak: ${summary.uploads} uploads (${summary.hostile} hostile, ${summary.good} good), ${PARALLEL} at a time, ${summary.wallSeconds} s`,
        `  /api/health  p50 ${summary.health.p50Ms} ms  p99 ${summary.health.p99Ms} ms (${mark(verdict.healthP99)} <= 100)  max ${summary.health.maxMs} ms (${mark(verdict.healthMax)} <= 1000)`,
        `  server VmHWM ${mb(stats.peak.hwm)} (${mark(verdict.vmHwm)} <= 1536 MB)`,
        `  temp disk peak ${mb(stats.peak.tmp)}; temp files left: ${left.length} (${mark(verdict.noTempLeft)})`,
        `  slowest hostile input ${summary.slowestHostileMs} ms (${mark(verdict.everyCaseUnder120s)} <= 120000)`,
        `  answers: ${results.length - bad.length}/${results.length} right (${mark(verdict.everyAnswerRight)})`,
        ...bad.map((r) => `    wrong: ${r.kind} ${r.name} ${r.code ?? ''} ${r.status ?? ''}`),
      ].join('\n'),
    );
  } finally {
    clearTimeout(hardStop);
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.once('exit', r)));
    }
    await rm(work, { recursive: true, force: true });
  }
}

const round = (ms) => Math.round(ms * 10) / 10;

main().catch((err) => {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

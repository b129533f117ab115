// `pnpm bench` (second part): the server under load, loopback only and bounded. 8 different
// ~100 MB OCI archives (generated here, seeded, cached) are uploaded at once as raw bodies while 20
// clients poll the results; reports upload throughput, time to all analyses done, poll latency,
// the server's peak RSS and every error (target: none). Prints a table and writes
// bench-results/server.json. Exits non-zero only when the bench itself cannot finish (the server
// crashed, the hard timeout hit, no build); errors under load are a MISS, not a crash.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { availableParallelism, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  call,
  hardStop,
  latencyStats,
  rssSampler,
  sleep,
  startServer,
  stopServer,
} from './bench/server-harness.mjs';
import { loadTestkit } from './bench/testkit.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const testkit = await loadTestkit(root);
const serverJs = process.env.STRATA_BENCH_SERVER || join(root, 'apps/server/dist/server.mjs');
const env = (name, fallback) => Number(process.env[name] || fallback);
const UPLOADS = env('STRATA_BENCH_UPLOADS', 8);
const POLLERS = env('STRATA_BENCH_POLLERS', 20);
/** Each poller's pause between two requests (a UI refreshing a list, not a flood). */
const POLL_MS = env('STRATA_BENCH_POLL_MS', 250);
/** How often an uploader asks for its job's state. */
const JOB_POLL_MS = 100;
const TIMEOUT_MS = env('STRATA_BENCH_TIMEOUT_S', 600) * 1000;
const UPLOAD_TIMEOUT_MS = 300_000;
const JOB_CONCURRENCY = process.env.STRATA_JOB_CONCURRENCY || '2';
const TARGET = { errors: 0 };
const log = (msg) => process.stderr.write(`bench-server: ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Test images: OCI archives (index.json, oci-layout, blobs/sha256/…) with 4 gzip layers each.
// Bulk bytes come from AES-256-CTR keyed by the recipe (incompressible, seeded, fast); names,
// sizes and choices from the testkit's seeded mulberry32. Bump GENERATOR_VERSION when the output changes.
// ---------------------------------------------------------------------------------------------
const GENERATOR_VERSION = 1;
const MiB = 1024 * 1024;
const RECIPE = {
  seed: 'strata-bench-server',
  images: UPLOADS,
  mtime: 1700000000,
  layers: [
    {
      name: 'base',
      root: 'usr/share/doc',
      small: 1600,
      big: { dir: 'usr/lib/x86_64-linux-gnu', mib: [10, 8, 6, 5] },
    },
    { name: 'deps', root: 'usr/lib/node_modules', small: 1000, big: { dir: 'opt/deps', mib: [16, 12] } },
    { name: 'app', root: 'app/src', small: 500, big: { dir: 'app/assets', mib: [22, 8] } },
    // Rewrites files of the base layer (waste), deletes some of deps (whiteouts), adds links.
    { name: 'fixup', overwrite: 150, whiteouts: 40, symlinks: 50, big: { dir: 'var/cache/app', mib: [6] } },
  ],
};
const WORDS = (
  'the of and to in is for on that with as by this be are from or at it an which file package ' +
  'license copyright version module export import function return const value config data node ' +
  'build test source include library system debian usr share doc index main default error type'
).split(' ');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** A seeded source (`rand()`, `int(n)`, `bytes(n)`): the testkit's, keyed by this recipe's seed. */
const seeded = (...parts) => testkit.seeded(RECIPE.seed, ...parts);

const octal = (value, width) => value.toString(8).padStart(width - 1, '0') + '\0';

/** One ustar header; names stay under 100 bytes here, so no prefix or PAX needed. */
function tarHeader({ name, size = 0, type = '0', mode = 0o644, linkname = '' }) {
  if (Buffer.byteLength(name) > 100 || Buffer.byteLength(linkname) > 100)
    throw new Error(`name too long: ${name}`);
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write(octal(mode, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(RECIPE.mtime, 12), 136);
  h.fill(0x20, 148, 156);
  h.write(type, 156);
  h.write(linkname, 157, 100);
  h.write('ustar\x0000', 257);
  h.write('root', 265);
  h.write('root', 297);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

const padding = (size) => Buffer.alloc((512 - (size % 512)) % 512);

/** A tar in memory: entries in order, parent directories added on first use. */
class Tar {
  chunks = [];
  dirs = new Set();
  add(entry, data) {
    const parts = entry.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') + '/';
      if (this.dirs.has(dir)) continue;
      this.dirs.add(dir);
      this.chunks.push(tarHeader({ name: dir, type: '5', mode: 0o755 }));
    }
    this.chunks.push(tarHeader({ ...entry, size: data?.length ?? 0 }));
    if (data) this.chunks.push(data, padding(data.length));
  }
  finish() {
    return Buffer.concat([...this.chunks, Buffer.alloc(1024)]);
  }
}

/** Text-like content (compresses a few times, like docs and sources). */
function textFile(src, path, size) {
  const words = [`# ${path}\n`];
  let length = words[0].length;
  while (length < size) {
    const w = WORDS[src.int(WORDS.length)] + (src.int(12) === 0 ? '\n' : ' ');
    words.push(w);
    length += w.length;
  }
  return Buffer.from(words.join('').slice(0, size));
}

const smallSize = (src) => Math.round(256 * Math.pow(64, src.rand())); // 256 B … 16 KiB, log-uniform

/** Builds layer `l` of image `image`; `paths` carries file paths of earlier layers for the fixup. */
function buildLayer(image, l, paths) {
  const spec = RECIPE.layers[l];
  const src = seeded('image', image, 'layer', l);
  const tar = new Tar();
  const mine = [];
  for (let k = 0; k < (spec.small ?? 0); k++) {
    const pkg = `pkg-${image}-${src.int(80).toString().padStart(2, '0')}`;
    const name = `${spec.root}/${pkg}/${['doc', 'lib', 'etc', 'bin'][src.int(4)]}/f${k}.txt`;
    tar.add({ name }, textFile(src, name, smallSize(src)));
    mine.push(name);
  }
  for (const [j, mib] of spec.big.mib.entries()) {
    const name = `${spec.big.dir}/blob-${image}-${l}-${j}.bin`;
    tar.add({ name, mode: 0o755 }, src.bytes(mib * MiB - src.int(4096)));
  }
  const base = paths[0] ?? [];
  const deps = paths[1] ?? [];
  for (let k = 0; k < (spec.overwrite ?? 0); k++) {
    const name = base[src.int(base.length)];
    tar.add({ name }, textFile(src, name, smallSize(src)));
  }
  const removed = new Set();
  for (let k = 0; k < (spec.whiteouts ?? 0); k++) {
    const name = deps[src.int(deps.length)];
    if (removed.has(name)) continue;
    removed.add(name);
    const slash = name.lastIndexOf('/');
    tar.add({ name: `${name.slice(0, slash)}/.wh.${name.slice(slash + 1)}` });
  }
  for (let k = 0; k < (spec.symlinks ?? 0); k++) {
    tar.add({
      name: `usr/local/bin/link-${k}`,
      type: '2',
      mode: 0o777,
      linkname: `/${base[src.int(base.length)]}`,
    });
  }
  paths.push(mine);
  return tar.finish();
}

const gzipAsync = promisify(gzip);

function jsonBlob(value) {
  const data = Buffer.from(JSON.stringify(value));
  return { data, digest: `sha256:${sha256(data)}`, size: data.length };
}

/** Writes image `image` as an oci-archive to `path` (via a temp name and rename). */
async function writeImage(image, path) {
  const paths = [];
  const layers = [];
  for (let l = 0; l < RECIPE.layers.length; l++) {
    const tar = buildLayer(image, l, paths);
    const data = await gzipAsync(tar, { level: 6 });
    layers.push({
      data,
      diffId: `sha256:${sha256(tar)}`,
      digest: `sha256:${sha256(data)}`,
      size: data.length,
    });
  }
  const created = new Date(RECIPE.mtime * 1000).toISOString();
  const config = jsonBlob({
    created,
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'], Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: layers.map((x) => x.diffId) },
    history: RECIPE.layers.map((spec) => ({ created, created_by: `bench-server ${spec.name}` })),
  });
  const manifest = jsonBlob({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: config.digest,
      size: config.size,
    },
    layers: layers.map((x) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: x.digest,
      size: x.size,
    })),
  });
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifest.digest,
          size: manifest.size,
          annotations: { 'org.opencontainers.image.ref.name': `bench-server-${image}:latest` },
        },
      ],
    }),
  );
  const tmp = `${path}.tmp-${process.pid}`;
  const out = await open(tmp, 'w');
  try {
    const put = async (name, data, type = '0') => {
      await out.write(tarHeader({ name, type, mode: type === '5' ? 0o755 : 0o644, size: data?.length ?? 0 }));
      if (data) await out.write(Buffer.concat([data, padding(data.length)]));
    };
    await put('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
    await put('blobs/', null, '5');
    await put('blobs/sha256/', null, '5');
    for (const blob of [...layers, config, manifest])
      await put(`blobs/sha256/${blob.digest.slice(7)}`, blob.data);
    await put('index.json', index);
    await out.write(Buffer.alloc(1024));
  } finally {
    await out.close();
  }
  await rename(tmp, path);
  return { path, bytes: (await stat(path)).size, digest: manifest.digest };
}

/** The 8 archives, from the cache when this recipe was generated before. */
async function benchImages() {
  const cacheRoot = process.env.STRATA_CACHE_DIR || join(homedir(), '.cache', 'strata');
  const key = sha256(JSON.stringify({ version: GENERATOR_VERSION, recipe: RECIPE })).slice(0, 16);
  const dir = join(cacheRoot, 'bench-server', key);
  const listing = join(dir, 'images.json');
  if (existsSync(listing)) {
    const images = JSON.parse(await readFile(listing, 'utf8'));
    const intact = await Promise.all(
      images.map(async (img) => (await stat(img.path).catch(() => null))?.size === img.bytes),
    );
    if (intact.every(Boolean)) return { images, cached: true, dir };
  }
  log(`generating ${RECIPE.images} images in ${dir} (cold: well under a minute)`);
  await rm(dir, { recursive: true, force: true }); // a half-written earlier attempt
  await mkdir(dir, { recursive: true });
  const images = new Array(RECIPE.images);
  let next = 0;
  const worker = async () => {
    while (next < RECIPE.images) {
      const i = next++;
      images[i] = await writeImage(i, join(dir, `image-${i}.oci.tar`));
      log(`image ${i}: ${(images[i].bytes / 1e6).toFixed(1)} MB`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  await writeFile(listing, JSON.stringify(images, null, 2) + '\n');
  return { images, cached: false, dir };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function loadRun(server, images) {
  const base = server.url;
  const errors = [];
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  // Our own event loop: a poll's latency includes it, so a slow bench client shows up here.
  const clientDelay = monitorEventLoopDelay({ resolution: 10 });
  clientDelay.enable();
  const fail = (where, err) => {
    const message = `${where}: ${err instanceof Error ? err.message : err}`;
    errors.push({ atMs: Math.round(now()), message });
  };
  const samples = []; // { endpoint, ms, atMs, period }
  let period = 'uploading';
  const finished = []; // analysis ids, for the pollers
  const uploads = images.map(() => ({}));
  let uploadsReceivedAt = null;
  /** The last body on disk ends the upload period (bodies arrive in any order). */
  const received = (u) => {
    u.receivedAtMs ??= now();
    if (uploadsReceivedAt === null && uploads.every((x) => x.receivedAtMs !== undefined)) {
      uploadsReceivedAt = now();
      period = 'analyzing';
    }
  };

  const uploader = async (image, i) => {
    const u = uploads[i];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const start = now();
      const res = await call(base, 'POST', `/api/analyses?name=bench-server-${i}.oci.tar`, {
        agent,
        body: createReadStream(image.path, { highWaterMark: 256 * 1024 }),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(image.bytes) },
        timeoutMs: UPLOAD_TIMEOUT_MS,
      });
      u.uploadMs = now() - start;
      received(u);
      if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
      const { jobId } = res.body;
      for (;;) {
        await sleep(JOB_POLL_MS);
        const job = await call(base, 'GET', `/api/jobs/${jobId}`, { agent });
        samples.push({ endpoint: 'GET /api/jobs/:id', ms: job.ms, atMs: now(), period });
        if (job.status !== 200) throw new Error(`job ${jobId} answered ${job.status}`);
        if (job.body.phase === 'analyzing') u.analyzingAtMs ??= now();
        if (job.body.phase === 'failed') throw new Error(`job failed: ${JSON.stringify(job.body.error)}`);
        if (job.body.phase === 'done') {
          u.doneAtMs = now();
          u.analysisId = job.body.analysisId;
          u.deduplicated = job.body.deduplicated;
          if (job.body.deduplicated)
            fail(`upload ${i}`, 'answered from the store (dedup): images not distinct');
          finished.push(job.body.analysisId);
          return;
        }
      }
    } catch (err) {
      u.failed = true;
      received(u);
      fail(`upload ${i}`, err);
    } finally {
      agent.destroy();
    }
  };

  let running = true;
  const poller = async (p) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { rand: src } = seeded('poller', p);
    await sleep(src() * POLL_MS); // spread the clients out
    let step = 0;
    while (running) {
      const which = step++ % 3;
      let endpoint = which === 0 ? 'GET /api/analyses' : 'GET /api/health';
      let path = which === 0 ? '/api/analyses' : '/api/health';
      const options = { agent };
      if (which === 2 && finished.length > 0) {
        endpoint = 'GET /api/analyses/:id';
        path = `/api/analyses/${finished[Math.floor(src() * finished.length)]}`;
        Object.assign(options, { headers: { 'accept-encoding': 'gzip' }, json: false });
      }
      try {
        const res = await call(base, 'GET', path, options);
        samples.push({ endpoint, ms: res.ms, atMs: now(), period });
        if (res.status !== 200) fail(`poller ${p} ${endpoint}`, `status ${res.status}`);
      } catch (err) {
        if (!hardStop.signal.aborted) fail(`poller ${p} ${endpoint}`, err);
      }
      await sleep(POLL_MS);
    }
    agent.destroy();
  };

  const pollers = Array.from({ length: POLLERS }, (_, p) => poller(p));
  await Promise.all(images.map((image, i) => uploader(image, i)));
  const allDoneMs = now();
  running = false;
  await Promise.all(pollers);

  // Each result must be there and be the 4-layer image we sent.
  const ids = new Set();
  for (const [i, u] of uploads.entries()) {
    if (!u.analysisId) continue;
    ids.add(u.analysisId);
    try {
      const res = await call(base, 'GET', `/api/analyses/${u.analysisId}`);
      const layerCount = res.body?.image?.layerCount;
      if (res.status !== 200 || layerCount !== RECIPE.layers.length)
        fail(`result ${i}`, `status ${res.status}, ${layerCount} layers, expected ${RECIPE.layers.length}`);
    } catch (err) {
      fail(`result ${i}`, err);
    }
  }
  if (ids.size !== uploads.filter((u) => u.analysisId).length)
    fail('results', 'two uploads share an analysis id');
  clientDelay.disable();
  return {
    errors,
    samples,
    uploads,
    uploadsReceivedMs: uploadsReceivedAt ?? allDoneMs,
    allDoneMs,
    clientLoopDelayMs: { p99: clientDelay.percentile(99) / 1e6, max: clientDelay.max / 1e6 },
  };
}

const mb = (b) => (b / 1e6).toFixed(1);
const sec = (ms) => (ms / 1000).toFixed(1);

function table(r) {
  const l = r.latency;
  const row = (name, s) =>
    `    ${name.padEnd(24)} ${String(s.count).padStart(6)}  ${s.p50} / ${s.p95} / ${s.max} ms`;
  const lines = [
    `Strata server bench: ${r.uploads.count} concurrent raw uploads of ~${mb(r.uploads.bytes / r.uploads.count)} MB OCI archives, ${r.pollers} pollers (every ${POLL_MS} ms), job concurrency ${r.jobConcurrency}`,
    `  wall time         ${sec(r.wall.totalMs)} s: images ${sec(r.wall.imagesMs)} s (${r.images.cached ? 'cached' : 'generated'}), server start ${sec(r.wall.serverStartMs)} s, load ${sec(r.wall.loadMs)} s, stop ${sec(r.wall.stopMs)} s`,
    `  uploaded          ${mb(r.uploads.bytes)} MB in ${sec(r.uploads.receivedMs)} s = ${r.uploads.throughputMBps.toFixed(1)} MB/s (all together)`,
    `  all analyses done ${sec(r.analyses.allDoneMs)} s after the first byte (${r.analyses.done}/${r.uploads.count} done) = ${r.analyses.perMinute.toFixed(1)} analyses/min`,
    `  per upload        upload ${sec(r.perUpload.uploadMs.min)}-${sec(r.perUpload.uploadMs.max)} s, done at ${sec(r.perUpload.doneAtMs.min)}-${sec(r.perUpload.doneAtMs.max)} s`,
    `  poll requests     ${l.all.count} served, p50 ${l.all.p50} ms, p95 ${l.all.p95} ms, max ${l.all.max} ms`,
    `                             count  p50 / p95 / max`,
    ...Object.entries(l.byEndpoint).map(([name, s]) => row(name, s)),
    row('(while uploading)', l.byPeriod.uploading),
    row('(while analyzing)', l.byPeriod.analyzing),
    `  bench client      event-loop delay p99 ${r.clientLoopDelayMs.p99.toFixed(0)} ms, max ${r.clientLoopDelayMs.max.toFixed(0)} ms (part of every latency above)`,
    `  machine           ${r.machine.cpus} CPUs, load average ${r.machine.loadavg1mStart.toFixed(1)} before, ${r.machine.loadavg1mEnd.toFixed(1)} after (other work skews every figure)`,
    `  server peak RSS   ${r.server.peakRssMB.toFixed(0)} MB (VmHWM; sampled VmRSS max ${r.server.sampledMaxRssMB.toFixed(0)} MB)`,
    `  temp files left   ${r.server.tempFilesLeft}`,
    `  errors            ${String(r.errors.count).padEnd(8)} target: none  ${r.pass.errors ? 'PASS' : 'MISS'}`,
    ...r.errors.first.map((e) => `    at ${sec(e.atMs)} s: ${e.message}`),
  ];
  return lines.join('\n');
}

const range = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });

async function main() {
  if (!existsSync(serverJs))
    throw new Error(`${serverJs} is missing: build it with pnpm --filter @strata/server build`);
  const tGen = performance.now();
  const wall = { startedMs: tGen };
  const { images, cached, dir } = await benchImages();
  const generationMs = performance.now() - tGen;
  log(
    `${images.length} images ${cached ? 'from the cache' : 'generated'} in ${sec(generationMs)} s (${dir})`,
  );

  const loadavg1mStart = loadavg()[0];
  const dataDir = await mkdtemp(join(tmpdir(), 'strata-bench-server-'));
  let server;
  let sampler;
  let result;
  let run;
  const hardTimer = setTimeout(() => hardStop.abort(), TIMEOUT_MS);
  const onSignal = () => {
    hardStop.abort();
    server?.child.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => server && !server.exited && server.child.kill('SIGKILL'));
  try {
    const tServer = performance.now();
    server = await startServer(serverJs, dataDir, { STRATA_JOB_CONCURRENCY: JOB_CONCURRENCY });
    wall.serverStartMs = performance.now() - tServer;
    log(`server ${server.url} (pid ${server.child.pid}, data in ${dataDir}); running the load`);
    sampler = rssSampler(server.child.pid);
    const crashed = server.done.then(({ code, signal }) => {
      throw new Error(
        `the server exited during the run (${code ?? signal}): ${server.stderr.slice(-5).join(' | ')}`,
      );
    });
    const timedOut = new Promise((_, reject) =>
      hardStop.signal.addEventListener('abort', () =>
        reject(new Error(`hard timeout: the run took more than ${TIMEOUT_MS / 1000} s`)),
      ),
    );
    const tRun = performance.now();
    run = await Promise.race([loadRun(server, images), crashed, timedOut]);
    wall.loadMs = performance.now() - tRun;
    const rss = await sampler.stop();
    const tempFilesLeft = (await readdir(join(dataDir, 'tmp')).catch(() => [])).length;
    // Anything the server wrote to stderr under load is worth a look (uncaught errors, warnings).
    for (const line of server.stderr)
      run.errors.push({ atMs: Math.round(run.allDoneMs), message: `server stderr: ${line}` });

    const totalBytes = images.reduce((s, img) => s + img.bytes, 0);
    const done = run.uploads.filter((u) => u.doneAtMs !== undefined);
    const pollSamples = run.samples;
    const byEndpoint = {};
    for (const name of [...new Set(pollSamples.map((s) => s.endpoint))].sort())
      byEndpoint[name] = latencyStats(pollSamples.filter((s) => s.endpoint === name));
    const perSecond = [];
    for (const s of pollSamples) {
      const second = Math.floor(s.atMs / 1000);
      perSecond[second] = Math.max(perSecond[second] ?? 0, Math.round(s.ms));
    }
    result = {
      date: new Date().toISOString(),
      targets: TARGET,
      node: process.version,
      jobConcurrency: Number(JOB_CONCURRENCY),
      pollers: POLLERS,
      pollIntervalMs: POLL_MS,
      machine: { cpus: availableParallelism(), loadavg1mStart, loadavg1mEnd: loadavg()[0] },
      clientLoopDelayMs: run.clientLoopDelayMs,
      images: { cached, generationMs: Math.round(generationMs), dir, list: images },
      uploads: {
        count: images.length,
        bytes: totalBytes,
        receivedMs: Math.round(run.uploadsReceivedMs),
        throughputMBps: totalBytes / 1e6 / (run.uploadsReceivedMs / 1000),
      },
      analyses: {
        done: done.length,
        allDoneMs: Math.round(run.allDoneMs),
        perMinute: done.length / (run.allDoneMs / 60_000),
      },
      perUpload: {
        uploadMs: range(run.uploads.map((u) => u.uploadMs ?? NaN)),
        doneAtMs: range(run.uploads.map((u) => u.doneAtMs ?? NaN)),
        each: run.uploads.map((u) => ({
          uploadMs: Math.round(u.uploadMs),
          analyzingAtMs: Math.round(u.analyzingAtMs),
          doneAtMs: Math.round(u.doneAtMs),
          analysisId: u.analysisId,
        })),
      },
      latency: {
        all: latencyStats(pollSamples),
        byEndpoint,
        byPeriod: {
          uploading: latencyStats(pollSamples.filter((s) => s.period === 'uploading')),
          analyzing: latencyStats(pollSamples.filter((s) => s.period === 'analyzing')),
        },
        maxPerSecondMs: Array.from(perSecond, (x) => x ?? null),
      },
      server: {
        peakRssMB: rss.hwmKB / 1024,
        sampledMaxRssMB: rss.maxRssKB / 1024,
        rssTimelineMB: rss.timeline,
        tempFilesLeft,
      },
    };
  } finally {
    clearTimeout(hardTimer);
    await sampler?.stop();
    const tStop = performance.now();
    await stopServer(server);
    wall.stopMs = performance.now() - tStop;
    await rm(dataDir, { recursive: true, force: true });
  }
  // SIGTERM must end the server cleanly (jobs cancelled, files removed, exit 0) and in time.
  const exit = server.exited;
  result.server.exit = exit;
  if (exit.code !== 0)
    run.errors.push({
      atMs: Math.round(performance.now() - tGen),
      message: `server shutdown: exit ${exit.code ?? exit.signal}`,
    });
  result.errors = { count: run.errors.length, first: run.errors.slice(0, 5), all: run.errors.slice(0, 200) };
  result.pass = { errors: run.errors.length <= TARGET.errors };
  result.wall = {
    totalMs: Math.round(performance.now() - wall.startedMs),
    imagesMs: Math.round(generationMs),
    serverStartMs: Math.round(wall.serverStartMs),
    loadMs: Math.round(wall.loadMs),
    stopMs: Math.round(wall.stopMs),
  };
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results/server.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(table(result));
}

// Last resort: whatever hangs, the process ends shortly after the hard timeout.
setTimeout(() => {
  console.error('bench-server: still running past the hard timeout; giving up');
  process.exit(1);
}, TIMEOUT_MS + 60_000).unref();

main().catch((e) => {
  console.error(`bench-server: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

// The server's responsiveness during one big analysis: the image is uploaded to the built server
// (loopback, temp data dir, free port) while one client asks GET /api/health every ~20 ms, one
// request at a time, so a blocked event loop shows as one long request. Reports the latency
// during the analysis (upload received -> job done) and the server's VmHWM (worker threads are
// threads of the same process, so they count).
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { log, percentile, sleep } from './measure.mjs';
import { call, startServer, stopServer } from './server-harness.mjs';

const HEALTH_EVERY_MS = 20;
/**
 * A new connection per request: a reused keep-alive socket can be closed by the server's idle
 * timer the moment its event loop comes back from a long block, which turns a slow answer into an
 * ECONNRESET; a fresh connection waits in the kernel's accept queue and measures the wait.
 */
const fresh = () => new Agent({ keepAlive: false });
const JOB_EVERY_MS = 200;

function stats(samples) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const r = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
  return {
    count: sorted.length,
    p50: r(percentile(sorted, 50)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.at(-1)),
  };
}

async function vmHwmKB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Polls health until `until.done`; each sample is { atMs, ms, period }. */
async function healthPoller(base, clock, until) {
  const agent = fresh();
  const samples = [];
  const errors = [];
  while (!until.done) {
    const atMs = clock();
    try {
      const res = await call(base, 'GET', '/api/health', { agent, timeoutMs: 120_000 });
      samples.push({ atMs, ms: res.ms, period: until.period });
      if (res.status !== 200) errors.push(`health answered ${res.status}`);
    } catch (err) {
      // A failed request counts with the time it took to fail: the server did not answer.
      samples.push({ atMs, ms: clock() - atMs, period: until.period, error: err.message });
      errors.push(`health at ${Math.round(atMs)} ms: ${err.message}`);
    }
    await sleep(HEALTH_EVERY_MS);
  }
  agent.destroy();
  return { samples, errors };
}

async function uploadAndWait(base, archive, clock, state) {
  const agent = fresh();
  try {
    const bytes = (await stat(archive)).size;
    const res = await call(base, 'POST', `/api/analyses?name=bench-health.oci.tar`, {
      agent,
      body: createReadStream(archive, { highWaterMark: 256 * 1024 }),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
      timeoutMs: 600_000,
    });
    state.uploadedAtMs = clock();
    state.period = 'analyzing';
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
    for (;;) {
      await sleep(JOB_EVERY_MS);
      const job = await call(base, 'GET', `/api/jobs/${res.body.jobId}`, { agent, timeoutMs: 120_000 });
      if (job.body?.phase === 'failed') throw new Error(`job failed: ${JSON.stringify(job.body.error)}`);
      if (job.body?.phase === 'done') {
        state.doneAtMs = clock();
        const result = await call(base, 'GET', `/api/analyses/${job.body.analysisId}`, {
          agent,
          timeoutMs: 120_000,
        });
        return {
          analysisId: job.body.analysisId,
          layerCount: result.body?.image?.layerCount,
          status: result.status,
        };
      }
    }
  } finally {
    agent.destroy();
  }
}

export async function benchHealth({ serverJs, archive, tmp }) {
  const dataDir = await mkdtemp(join(tmp, 'strata-bench-health-'));
  let server;
  try {
    server = await startServer(serverJs, dataDir);
    log(`health: server ${server.url} (pid ${server.child.pid}); uploading ${archive}`);
    const t0 = performance.now();
    const clock = () => performance.now() - t0;
    const state = { done: false, period: 'uploading' };
    const poller = healthPoller(server.url, clock, state);
    const crashed = server.done.then(({ code, signal }) => {
      throw new Error(
        `the server exited during the run (${code ?? signal}): ${server.stderr.slice(-5).join(' | ')}`,
      );
    });
    let result;
    try {
      result = await Promise.race([uploadAndWait(server.url, archive, clock, state), crashed]);
    } finally {
      state.done = true;
    }
    const hwmKB = await vmHwmKB(server.child.pid);
    const { samples, errors } = await poller;
    const analyzing = samples.filter((s) => s.period === 'analyzing');
    return {
      archive,
      uploadMs: Math.round(state.uploadedAtMs),
      analysisMs: Math.round(state.doneAtMs - state.uploadedAtMs),
      result,
      health: {
        analyzing: stats(analyzing),
        uploading: stats(samples.filter((s) => s.period === 'uploading')),
      },
      slowestMs: [...analyzing]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((s) => ({ atMs: Math.round(s.atMs), ms: Math.round(s.ms) })),
      serverVmHwmMB: hwmKB / 1024,
      errors: [...errors, ...server.stderr.map((l) => `server stderr: ${l}`)],
    };
  } finally {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

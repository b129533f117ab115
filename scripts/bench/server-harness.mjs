// The built server as the benches drive it: spawned on a free loopback port with its own data
// dir, its peak RSS read from /proc, and an HTTP client whose every request has a deadline
// (everything is aborted at `hardStop`). Shared by scripts/bench-server.mjs (load test) and
// scripts/bench/health.mjs (health latency during one big analysis).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const REQUEST_TIMEOUT_MS = 30_000;
const gunzipAsync = promisify(gunzip);

// ---------------------------------------------------------------------------------------------
// The server: spawned on a free loopback port (PORT=0), peak RSS sampled from /proc.
// ---------------------------------------------------------------------------------------------

/** Starts the built server; resolves once it prints its URL. */
export function startServer(serverJs, dataDir, env = {}) {
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STRATA_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      // As scripts/start.sh and the Dockerfile start it.
      MALLOC_ARENA_MAX: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, stderr: [], stdout: [], exited: null };
  const keep = (lines) => (b) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep(server.stdout));
  child.stderr.on('data', keep(server.stderr));
  server.done = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((server.exited = { code, signal }))),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    child.on('error', reject);
    child.stdout.on('data', () => {
      const m = server.stdout.join('\n').match(/listening on (http:\/\/\S+)/);
      if (m && !server.url) {
        clearTimeout(timer);
        server.url = m[1];
        resolve(server);
      }
    });
    void server.done.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the server exited (${code ?? signal}) before listening: ${server.stderr.slice(-5).join(' | ')}`,
        ),
      );
    });
  });
}

export async function stopServer(server) {
  if (!server || server.exited) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.done;
  clearTimeout(timer);
}

/** VmRSS sampled often, and the kernel's own high-water mark (VmHWM) for the whole process. */
export function rssSampler(pid, everyMs = 50) {
  const state = { maxRssKB: 0, hwmKB: 0, timeline: [] };
  const t0 = performance.now();
  let lastSecond = -1;
  const sample = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
    if (!status) return;
    const rss = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    const hwm = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
    state.maxRssKB = Math.max(state.maxRssKB, rss);
    state.hwmKB = Math.max(state.hwmKB, hwm);
    const second = Math.floor((performance.now() - t0) / 1000);
    if (second !== lastSecond)
      state.timeline.push({ s: (lastSecond = second), rssMB: Math.round(rss / 1024) });
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    state,
    stop: async () => {
      clearInterval(timer);
      await sample();
      return state;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP clients: every request has a deadline; everything is aborted at the hard timeout.
// ---------------------------------------------------------------------------------------------
export const hardStop = new AbortController();

/** One request; resolves `{ status, body, ms }` (body parsed as JSON when `json`), or rejects. */
export function call(
  base,
  method,
  path,
  { agent, body, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS, json = true } = {},
) {
  const signal = AbortSignal.any([hardStop.signal, AbortSignal.timeout(timeoutMs)]);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, agent, headers, signal }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', async () => {
        try {
          let raw = Buffer.concat(chunks);
          let parsed = null;
          if (json) {
            if (res.headers['content-encoding'] === 'gzip') raw = await gunzipAsync(raw);
            parsed = raw.length ? JSON.parse(raw.toString()) : null;
          }
          resolve({ status: res.statusCode, body: parsed, bytes: raw.length, ms: performance.now() - t0 });
        } catch (err) {
          reject(err);
        }
      });
    });
    // A server that refuses an upload (413, 415) answers and closes before reading it all: the
    // write then fails with EPIPE, but its answer is the error worth reporting, so wait for it.
    req.on('response', () => (answered = true));
    let answered = false;
    req.on('error', (err) => {
      const why = signal.aborted && !hardStop.signal.aborted ? timeoutError(timeoutMs) : err;
      if (answered) return;
      if (!body) return reject(why);
      setTimeout(() => answered || reject(why), 200);
    });
    if (body) {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    } else req.end();
  });
}

export const timeoutError = (ms) => new Error(`no answer within ${ms / 1000} s`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function latencyStats(samples) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
  };
}

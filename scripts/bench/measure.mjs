// Small helpers shared by the bench scripts: running commands, timing, medians, percentiles.
import { spawn } from 'node:child_process';

export const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command; resolves with stdout, rejects with the end of stderr. */
export function run(cmd, args, { timeoutMs = 1_800_000, cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, cwd, env });
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

export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const extra = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ...extra };
}

export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** `runs` timed calls of `fn`, logged as they finish; the median of their `ms`. */
export async function repeat(label, runs, fn) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    all.push(await fn());
    log(`${label} run ${i + 1}/${runs}: ${(all.at(-1).ms / 1000).toFixed(3)} s`);
  }
  return { runs: all, medianMs: median(all.map((r) => r.ms)) };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// `pnpm bench`: builds what is measured, runs each bench in turn (going on after a failure, so one
// run reports every figure it can), then prints the table of targets (scripts/bench-summary.mjs).
// Exits non-zero when a bench could not finish; a missed target is a FAIL in the table, not a crash.
// STRATA_BENCH_STEPS=cli,files,server,web,hostile picks steps (default all); STRATA_BENCH_ONLY narrows the cli step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = (process.env.STRATA_BENCH_STEPS || 'cli,files,server,web,hostile').split(',');
const all = [
  ['build', ['pnpm', '--filter', '@strata/cli', '--filter', '@strata/server', 'build']],
  ['cli', ['node', 'scripts/bench.mjs']],
  // Issue 11: a small read at the end of the largest gzip layer, through the server's file API.
  ['files', ['node', 'scripts/bench-files.mjs']],
  ['server', ['node', 'scripts/bench-server.mjs']],
  ['web', ['pnpm', '--filter', '@strata/e2e', 'bench']],
  // Issue 10's soak: hostile uploads 4 at a time beside good ones (its own table, printed by itself).
  ['hostile', ['node', 'scripts/bench-hostile.mjs']],
];
const failed = [];
for (const [name, [cmd, ...args]] of all) {
  if (name !== 'build' && !STEPS.includes(name)) continue;
  process.stderr.write(`\n== bench step ${name}: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed.push(name);
    if (name === 'build') break;
  }
}
process.stderr.write('\n');
spawnSync('node', ['scripts/bench-summary.mjs'], { cwd: root, stdio: 'inherit' });
if (failed.length) {
  console.error(`bench: steps that did not finish: ${failed.join(', ')}`);
  process.exit(1);
}

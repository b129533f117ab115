// `pnpm strata …`: the built CLI, rebuilt first only when its sources changed since the last build
// (scripts/cli-freshness.mjs), so a call costs one Node start instead of esbuild every time.
// The CLI runs in this very process (imported, with process.argv as the CLI expects it), so its
// exit code, signals and stdio are its own: there is no child to forward them to.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './cli-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleReason(root);
if (reason) {
  process.stderr.write(`strata: building the CLI (${reason})\n`);
  // Build output goes to stderr: stdout is the CLI's (reports, `--json -`).
  const built = spawnSync('pnpm', ['--silent', '--filter', '@strata/cli', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) {
    process.stderr.write(
      `strata: the CLI build failed (${built.error?.message ?? `exit ${built.status}`})\n`,
    );
    process.exit(2);
  }
}
await import(pathToFileURL(join(root, 'apps/cli/dist/strata.mjs')).href);

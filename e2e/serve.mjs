// Starts the real Strata server for the browser tests: builds the web app and the server
// (unless STRATA_E2E_SKIP_BUILD=1), then runs it on PORT with a fresh data directory that is
// removed when the server exits.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.env.STRATA_E2E_SKIP_BUILD !== '1') {
  for (const pkg of ['@strata/web', '@strata/server'])
    execFileSync('pnpm', ['--silent', '--filter', pkg, 'build'], { cwd: root, stdio: 'inherit' });
}
const dataDir = mkdtempSync(join(tmpdir(), 'strata-e2e-data-'));
const server = spawn(process.execPath, [join(root, 'apps/server/dist/server.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HOST: '127.0.0.1', STRATA_DATA_DIR: dataDir },
});
const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
server.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

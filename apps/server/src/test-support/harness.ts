/** Test servers on a free loopback port over a temp data dir (real HTTP, in-thread decoding). */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import type { ServiceOptions } from '../services.js';

export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-server-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STRATA_DATA_DIR: dataDir,
    STRATA_WEB_DIR: join(dataDir, 'no-web'),
  });
  return { ...base, ...overrides };
}

export function startTestServer(
  dataDir: string,
  overrides: Partial<Config> = {},
  options: ServiceOptions = {},
): Promise<RunningServer> {
  return startServer(testConfig(dataDir, overrides), options);
}

/** Files left in the data dir's tmp/ (must be none once jobs have ended). */
export async function tmpFiles(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'tmp')).catch(() => []);
}

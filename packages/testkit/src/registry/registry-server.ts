/**
 * The CNCF distribution registry (`/usr/bin/docker-registry serve CONFIG`, Debian package
 * docker-registry) on a free 127.0.0.1 port with a temp storage dir, in one of three modes:
 * open, htpasswd basic auth, or token auth against our own token server.
 *
 * The registry runs under a shell watchdog that kills it and removes the temp dir when our
 * stdin closes, which also happens when the test process dies without running its hooks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from './cleanup.js';
import { freePort } from './ports.js';
import { ISSUER, SERVICE, registryConfig } from './registry-config.js';
import { run } from './run.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export type RegistryMode = 'open' | 'basic' | 'token';

export interface RegistryHarnessOptions {
  mode?: RegistryMode;
  /** Users for basic and token modes. Default `{ strata: 'strata-test-password' }`. */
  users?: Record<string, string>;
  /** Token mode: anonymous requests get pull-only tokens. Default false. */
  anonymousPull?: boolean;
  /** Readiness bound. Default 20 s. */
  startTimeoutMs?: number;
}

export interface RunningRegistry {
  mode: RegistryMode;
  /** `127.0.0.1:PORT`, the registry part of a reference. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Storage root: blobs are under `docker/registry/v2/blobs/sha256/xx/<hex>/data`. */
  storageDir: string;
  users: Record<string, string>;
  /** The first user, for basic and token modes. */
  credentials?: { username: string; password: string };
  tokenServer?: TokenServer;
  stop(): Promise<void>;
}

const REGISTRY_BIN = '/usr/bin/docker-registry';
/**
 * Reads stdin until a line or EOF: `keep` is our `stop()`, which removes the dir itself; EOF
 * without it means the test process died, so the watchdog removes the temp dir too.
 */
const WATCHDOG = [
  '"$@" & child=$!',
  'echo "$child"',
  'read -r line || line=',
  'kill "$child" 2>/dev/null; wait "$child" 2>/dev/null',
  '[ "$line" = keep ] || rm -rf "$STRATA_TMP"',
].join('\n');

export async function startRegistry(options: RegistryHarnessOptions = {}): Promise<RunningRegistry> {
  const mode = options.mode ?? 'open';
  const users = mode === 'open' ? {} : (options.users ?? { strata: 'strata-test-password' });
  const dir = await mkdtemp(join(tmpdir(), 'strata-registry-'));
  const forget = onExit(() => rmSync(dir, { recursive: true, force: true }));
  let tokenServer: TokenServer | undefined;
  try {
    if (mode === 'basic') await writeHtpasswd(join(dir, 'htpasswd'), users);
    if (mode === 'token') {
      tokenServer = await startTokenServer({
        dir,
        service: SERVICE,
        issuer: ISSUER,
        users,
        anonymousPull: options.anonymousPull ?? false,
      });
    }
    const running = await launch(dir, mode, tokenServer, options.startTimeoutMs ?? 20_000);
    const [first] = Object.entries(users);
    return {
      mode,
      host: running.host,
      url: `http://${running.host}`,
      storageDir: join(dir, 'storage'),
      users,
      ...(first ? { credentials: { username: first[0], password: first[1] } } : {}),
      ...(tokenServer ? { tokenServer } : {}),
      stop: async () => {
        await running.stop();
        await tokenServer?.stop();
        await rm(dir, { recursive: true, force: true });
        forget();
      },
    };
  } catch (err) {
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
    forget();
    throw err;
  }
}

async function writeHtpasswd(path: string, users: Record<string, string>): Promise<void> {
  const lines = [];
  for (const [name, password] of Object.entries(users)) {
    lines.push((await run('htpasswd', ['-Bbn', name, password])).stdout.trim());
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** Start on a free port; retry a few times in case another process took the port first. */
async function launch(
  dir: string,
  mode: RegistryMode,
  tokenServer: TokenServer | undefined,
  timeoutMs: number,
): Promise<{ host: string; stop(): Promise<void> }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const host = `127.0.0.1:${await freePort()}`;
    const configPath = join(dir, 'config.yml');
    await writeFile(
      configPath,
      registryConfig({ host, storageDir: join(dir, 'storage'), dir, mode, tokenServer }),
    );
    const child = spawnWatched(dir, configPath);
    try {
      await waitReady(child, host, timeoutMs);
      return { host, stop: () => stopWatched(child) };
    } catch (err) {
      lastError = err;
      await stopWatched(child);
    }
  }
  throw lastError;
}

interface Watched {
  process: ChildProcess;
  registryPid: Promise<number>;
  output: string[];
  exited: Promise<void>;
  forget: () => void;
}

function spawnWatched(dir: string, configPath: string): Watched {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'watchdog', REGISTRY_BIN, 'serve', configPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, STRATA_TMP: dir },
  });
  const output: string[] = [];
  const registryPid = new Promise<number>((resolve) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim().split('\n')[0])));
    child.once('exit', () => resolve(0));
  });
  const keep = (chunk: Buffer): void => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const forget = onExit(() => child.kill('SIGKILL'));
  return { process: child, registryPid, output, exited, forget };
}

async function waitReady(w: Watched, host: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void w.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const why = exited ? 'exited' : `was not ready after ${timeoutMs} ms`;
  throw new Error(`docker-registry on ${host} ${why}:\n${w.output.join('').slice(-4000)}`);
}

/** Tell the watchdog to stop the registry (and keep the dir), then make sure both are gone. */
async function stopWatched(w: Watched): Promise<void> {
  w.process.stdin?.end('keep\n');
  const pid = await w.registryPid;
  const timer = setTimeout(() => {
    if (pid > 0) killQuietly(pid);
    w.process.kill('SIGKILL');
  }, 5000);
  await w.exited;
  clearTimeout(timer);
  w.forget();
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

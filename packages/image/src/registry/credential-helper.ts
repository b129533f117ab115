/**
 * Docker credential helpers (docker-credential-helpers' protocol, as the Docker CLI runs them):
 * `docker-credential-NAME get`, the server address on stdin, `{"ServerURL","Username","Secret"}`
 * on stdout; "credentials not found" on stdout with a failing exit means there are none.
 * Run synchronously (the registry client asks for credentials synchronously), bounded in time
 * and output. The helper's output holds the secret: it never goes into a message.
 */
import { spawnSync } from 'node:child_process';
import { StrataError } from '../errors.js';
import type { Credentials } from './credentials.js';

const TIMEOUT_MS = 15_000;
const MAX_OUTPUT = 64 * 1024;
const NOT_FOUND = /credentials not found/i;
/** A helper name is a suffix of an executable name, nothing more (no paths, no options). */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function runCredentialHelper(helper: string, serverAddress: string): Credentials | undefined {
  if (!HELPER_NAME.test(helper))
    throw new StrataError('UNAUTHORIZED', `invalid credential helper name ${JSON.stringify(helper)}`);
  const program = `docker-credential-${helper}`;
  const run = spawnSync(program, ['get'], {
    input: serverAddress,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (run.error) {
    const why =
      (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found on PATH' : run.error.message;
    throw new StrataError('UNAUTHORIZED', `credential helper ${program}: ${why}`);
  }
  if (run.status !== 0) {
    if (NOT_FOUND.test(run.stdout) || NOT_FOUND.test(run.stderr)) return undefined;
    throw new StrataError(
      'UNAUTHORIZED',
      `credential helper ${program} failed for ${serverAddress} (exit ${run.status})`,
    );
  }
  return parseHelperOutput(run.stdout, program);
}

function parseHelperOutput(stdout: string, program: string): Credentials | undefined {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw new StrataError('UNAUTHORIZED', `credential helper ${program} did not print JSON`);
  }
  const { Username, Secret } = (value ?? {}) as { Username?: unknown; Secret?: unknown };
  if (typeof Username !== 'string' || typeof Secret !== 'string')
    throw new StrataError('UNAUTHORIZED', `credential helper ${program} printed no Username and Secret`);
  if (Secret === '') return undefined;
  // Docker's convention: a token (identity token) is returned with the user name `<token>`.
  return { username: Username, password: Secret };
}

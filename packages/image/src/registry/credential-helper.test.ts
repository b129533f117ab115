/**
 * Docker credential helpers, run for real: the test writes small `docker-credential-*` scripts on
 * PATH and a config.json using `credHelpers` and `credsStore`, as Docker Desktop or
 * docker-credential-pass set them up.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFromDockerConfig } from './credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-credhelper-'));
const log = join(dir, 'asked.log');
const oldPath = process.env['PATH'];

/** Answers for two hosts, "not found" (exit 1) for others, as docker-credential-helpers do. */
function writeHelper(name: string, table: Record<string, [string, string]>): void {
  const cases = Object.entries(table)
    .map(
      ([host, [user, secret]]) =>
        `  '${host}') echo '{"ServerURL":"${host}","Username":"${user}","Secret":"${secret}"}' ;;`,
    )
    .join('\n');
  const script = `#!/bin/sh
[ "$1" = get ] || exit 3
read -r host
echo "${name} $host" >> '${log}'
case "$host" in
${cases}
  broken.example) echo 'oops' >&2; exit 2 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;
  const path = join(dir, `docker-credential-${name}`);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
}

function config(value: unknown): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

beforeAll(() => {
  writeHelper('store', {
    'https://index.docker.io/v1/': ['hubby', 'hub-secret'],
    'localhost:5000': ['local', 'pw1'],
  });
  writeHelper('ghcr', { 'ghcr.io': ['gh', 'gh-token'] });
  process.env['PATH'] = `${dir}${delimiter}${oldPath ?? ''}`;
});
afterAll(() => {
  process.env['PATH'] = oldPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('credential helpers', () => {
  it('runs credHelpers for its registry and credsStore for the rest, with the host on stdin', () => {
    const path = config({ credsStore: 'store', credHelpers: { 'ghcr.io': 'ghcr' } });
    expect(credentialsFromDockerConfig('ghcr.io', path)).toEqual({ username: 'gh', password: 'gh-token' });
    expect(credentialsFromDockerConfig('localhost:5000', path)).toEqual({
      username: 'local',
      password: 'pw1',
    });
    // Docker Hub is asked for under its legacy v1 URL, as `docker login` stored it
    expect(credentialsFromDockerConfig('docker.io', path)).toEqual({
      username: 'hubby',
      password: 'hub-secret',
    });
    const asked = readFileSync(log, 'utf8');
    expect(asked).toContain('ghcr ghcr.io\n');
    expect(asked).toContain('store localhost:5000\n');
    expect(asked).toContain('store https://index.docker.io/v1/\n');
  });

  it('falls back to auths when the helper has nothing, and is anonymous when nobody has anything', () => {
    const auth = Buffer.from('fileuser:filepw').toString('base64');
    const path = config({ credsStore: 'store', auths: { 'quay.io': { auth } } });
    expect(credentialsFromDockerConfig('quay.io', path)).toEqual({
      username: 'fileuser',
      password: 'filepw',
    });
    expect(credentialsFromDockerConfig('other.example', path)).toBeUndefined();
  });

  it('says which helper failed, without its output', () => {
    const path = config({ credHelpers: { 'broken.example': 'store', 'gone.example': 'missing' } });
    expect(() => credentialsFromDockerConfig('broken.example', path)).toThrow(
      /credential helper docker-credential-store failed for broken\.example \(exit 2\)/,
    );
    expect(() => credentialsFromDockerConfig('gone.example', path)).toThrow(
      /docker-credential-missing: not found on PATH/,
    );
    const bad = config({ credsStore: '../../bin/sh' });
    expect(() => credentialsFromDockerConfig('x.example', bad)).toThrow(/invalid credential helper name/);
  });
});

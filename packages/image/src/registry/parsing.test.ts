import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Descriptor } from '../image.js';
import { parseChallenges } from './challenge.js';
import { credentialsFromDockerConfig } from './credentials.js';
import { selectManifest } from '../platform.js';
import { Secrets } from './redact.js';

describe('parseChallenges', () => {
  it('reads a Bearer challenge with a quoted comma in the scope', () => {
    const header =
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"';
    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'registry.example',
          scope: 'repository:a/b:pull,push',
        },
      },
    ]);
  });

  it('reads several challenges, bare values and escapes', () => {
    const header = 'Basic realm="x \\"y\\"", Bearer realm=https://t/token, error=insufficient_scope';
    expect(parseChallenges(header)).toEqual([
      { scheme: 'basic', params: { realm: 'x "y"' } },
      { scheme: 'bearer', params: { realm: 'https://t/token', error: 'insufficient_scope' } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });
});

describe('platform selection from an index', () => {
  const d = (
    n: number,
    platform?: Descriptor['platform'],
    annotations?: Record<string, string>,
  ): Descriptor => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    size: 100,
    ...(platform ? { platform } : {}),
    ...(annotations ? { annotations } : {}),
  });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      d(
        1,
        { os: 'unknown', architecture: 'unknown' },
        { 'vnd.docker.reference.type': 'attestation-manifest' },
      ),
      d(2, { os: 'linux', architecture: 'arm', variant: 'v6' }),
      d(3, { os: 'linux', architecture: 'arm', variant: 'v7' }),
      d(4, { os: 'linux', architecture: 'arm64' }),
      d(5, { os: 'linux', architecture: 'amd64' }),
    ],
  };
  const pick = (os: string, architecture: string, variant?: string): string =>
    selectManifest(index.manifests, variant ? { os, architecture, variant } : { os, architecture }, 'x')
      .digest;

  it('matches normalized platforms and prefers the default variant', () => {
    expect(pick('linux', 'amd64')).toBe(index.manifests[4]?.digest);
    expect(pick('linux', 'arm64', 'v8')).toBe(index.manifests[3]?.digest);
    expect(pick('linux', 'aarch64')).toBe(index.manifests[3]?.digest);
    expect(pick('linux', 'arm')).toBe(index.manifests[2]?.digest);
    expect(pick('linux', 'arm', 'v6')).toBe(index.manifests[1]?.digest);
  });

  it('never picks an attestation and lists what is available', () => {
    expect(() => pick('unknown', 'unknown')).toThrow(/no image for platform unknown\/unknown/);
    expect(() => pick('linux', 's390x')).toThrow(
      'no image for platform linux/s390x in x; available: linux/arm/v6, linux/arm/v7, linux/arm64, linux/amd64',
    );
    expect(() => pick('linux', 'arm64', 'v9')).toThrow(/PLATFORM|no image for platform linux\/arm64\/v9/);
  });
});

describe('credentials from a Docker config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-dockercfg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'config.json');
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  writeFileSync(
    path,
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
        'localhost:5000': { auth: b64('local:pw') },
        'https://ghcr.io': { username: 'gh', password: 'token' },
      },
    }),
  );

  it('finds entries by host, URL key and the Docker Hub legacy key', () => {
    expect(credentialsFromDockerConfig('docker.io', path)).toEqual({
      username: 'hubuser',
      password: 'hub:pass',
    });
    expect(credentialsFromDockerConfig('localhost:5000', path)).toEqual({
      username: 'local',
      password: 'pw',
    });
    expect(credentialsFromDockerConfig('ghcr.io', path)).toEqual({ username: 'gh', password: 'token' });
    expect(credentialsFromDockerConfig('quay.io', path)).toBeUndefined();
    expect(credentialsFromDockerConfig('ghcr.io', join(dir, 'missing.json'))).toBeUndefined();
  });
});

describe('Secrets', () => {
  it('masks registered values and credential-looking strings', () => {
    const secrets = new Secrets();
    secrets.add('hunter2-password');
    const text = secrets.redact(
      'failed with hunter2-password, Authorization: Bearer eyJabc.def-ghi, ' +
        'https://t/token?scope=x&access_token=abc123 and https://u:pw@host/x',
    );
    expect(text).not.toMatch(/hunter2|eyJabc|abc123|:pw@/);
    expect(text).toContain('Bearer ***');
  });
});

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { diveFixture } from '../fixtures.js';
import { startRegistry, type RunningRegistry } from './registry-server.js';
import { blobDataPath } from './storage.js';
import { seedImage } from './seed.js';

const started: RunningRegistry[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
});

async function start(...args: Parameters<typeof startRegistry>): Promise<RunningRegistry> {
  const registry = await startRegistry(...args);
  started.push(registry);
  return registry;
}

const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('registry harness', () => {
  it('starts an open registry on loopback and stops it, removing its storage', async () => {
    const registry = await startRegistry();
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(200);
    const digest = await seedImage(
      registry,
      `docker-archive:${diveFixture('test-docker-image.tar')}`,
      'dive/app:1',
    );
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    const manifest = await fetch(`${registry.url}/v2/dive/app/manifests/1`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    const doc = (await manifest.json()) as { config: { digest: string } };
    expect(existsSync(blobDataPath(registry, doc.config.digest))).toBe(true);

    await registry.stop();
    expect(existsSync(registry.storageDir)).toBe(false);
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it('basic mode accepts the right password and rejects a wrong one', async () => {
    const registry = await start({ mode: 'basic', users: { alice: 'right-password' } });
    expect((await fetch(`${registry.url}/v2/`)).status).toBe(401);
    const ok = await fetch(`${registry.url}/v2/`, {
      headers: { authorization: basic('alice', 'right-password') },
    });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${registry.url}/v2/`, { headers: { authorization: basic('alice', 'wrong') } });
    expect(bad.status).toBe(401);
    await seedImage(registry, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'private/app:1');
  });

  it('token mode: the registry accepts tokens from our token server only for the right user', async () => {
    const registry = await start({ mode: 'token', users: { bob: 'token-password' } });
    const challenge = await fetch(`${registry.url}/v2/`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(registry.tokenServer?.realm ?? '?');

    const realm = new URL(registry.tokenServer?.realm ?? '');
    realm.searchParams.set('service', 'strata-test-registry');
    realm.searchParams.set('scope', 'repository:team/app:pull,push');
    const denied = await fetch(realm, { headers: { authorization: basic('bob', 'nope') } });
    expect(denied.status).toBe(401);
    const anonymous = await fetch(realm);
    expect(anonymous.status).toBe(401);
    const granted = await fetch(realm, { headers: { authorization: basic('bob', 'token-password') } });
    const { token } = (await granted.json()) as { token: string };
    const ok = await fetch(`${registry.url}/v2/`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);

    await seedImage(registry, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'team/app:1');
  });
});

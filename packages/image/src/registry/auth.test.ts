/**
 * Authentication against the real registry: htpasswd basic auth, token auth with our token
 * server (credentials and anonymous), Docker config credentials, re-scoping, and redaction.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diveFixture, seedImage, startRegistry, type RunningRegistry } from '@strata/testkit';
import type { StrataError } from '../errors.js';
import { RegistryClient } from './client.js';
import type { RegistryOptions } from './options.js';
import { RegistryImage } from './registry-image.js';
import { failure } from './test-failure.js';

const ARCHIVE = `docker-archive:${diveFixture('test-docker-image.tar')}` as const;
const PASSWORD = 'correct-horse-battery-staple';
const WRONG = 'wrong-password-xyz';

const registries: RunningRegistry[] = [];
const images: RegistryImage[] = [];
let basic: RunningRegistry;
let token: RunningRegistry;
let anonymous: RunningRegistry;
let configDir: string;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'strata-auth-test-'));
  const users = { alice: PASSWORD };
  [basic, token, anonymous] = await Promise.all([
    startRegistry({ mode: 'basic', users }),
    startRegistry({ mode: 'token', users }),
    startRegistry({ mode: 'token', users, anonymousPull: true }),
  ]);
  registries.push(basic, token, anonymous);
  await Promise.all(
    registries.map(async (r) => {
      await seedImage(r, ARCHIVE, 'team/app:1');
      await seedImage(r, ARCHIVE, 'team/other:1');
    }),
  );
});

afterAll(async () => {
  await Promise.all(images.map((i) => i.close()));
  await Promise.all(registries.map((r) => r.stop()));
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

function open(registry: RunningRegistry, repo: string, options: RegistryOptions = {}): RegistryImage {
  const image = new RegistryImage(`${registry.host}/${repo}`, {
    dockerConfig: false,
    retries: 0,
    ...options,
  });
  images.push(image);
  return image;
}

/** Pull the manifest and config and read every layer to the end. */
async function pull(image: RegistryImage): Promise<void> {
  await image.config();
  for (const layer of await image.layers()) {
    for await (const chunk of await layer.open()) void chunk;
  }
}

const alice = (password: string) => ({ credentials: { username: 'alice', password } });
const basicString = (password: string): string => Buffer.from(`alice:${password}`).toString('base64');

function expectRedacted(err: StrataError, registry: RunningRegistry): void {
  const text = `${err.message}\n${err.stack ?? ''}`;
  for (const secret of [PASSWORD, WRONG, basicString(PASSWORD), basicString(WRONG)])
    expect(text).not.toContain(secret);
  for (const issued of registry.tokenServer?.issued ?? []) expect(text).not.toContain(issued);
}

describe('htpasswd basic auth', () => {
  it('pulls with the right password', async () => {
    await pull(open(basic, 'team/app:1', alice(PASSWORD)));
  });

  it('fails clearly with a wrong password or none, never showing the password', async () => {
    const wrong = await failure(open(basic, 'team/app:1', alice(WRONG)).manifest());
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toContain(`${basic.host} rejected the password of user "alice"`);
    expectRedacted(wrong, basic);
    const none = await failure(open(basic, 'team/app:1').manifest());
    expect(none.code).toBe('UNAUTHORIZED');
    expect(none.message).toContain(`${basic.host} requires a username and password`);
  });

  it('pings: the registry answers the API, and says when it wants credentials', async () => {
    const client = new RegistryClient({ dockerConfig: false, retries: 0 });
    const authed = new RegistryClient({ ...alice(PASSWORD), dockerConfig: false, retries: 0 });
    try {
      const err = await failure(client.ping(basic.host));
      expect(err.code).toBe('UNAUTHORIZED');
      expect(err.message).toContain(`registry ${basic.host}`);
      await authed.ping(basic.host);
      await authed.ping(token.host);
    } finally {
      client.close();
      authed.close();
    }
  });

  it('reads credentials from a Docker config.json', async () => {
    const path = join(configDir, 'config.json');
    const auths = { [`http://${basic.host}`]: { auth: basicString(PASSWORD) } };
    await writeFile(path, JSON.stringify({ auths }));
    await pull(open(basic, 'team/app:1', { dockerConfig: path }));
  });
});

describe('token auth', () => {
  it('pulls with the right credentials, re-scoping the token per repository', async () => {
    const client = new RegistryClient({ ...alice(PASSWORD), dockerConfig: false, retries: 0 });
    try {
      const requests = token.tokenServer?.requests ?? [];
      const before = requests.length;
      await pull(new RegistryImage(`${token.host}/team/app:1`, {}, client));
      await pull(new RegistryImage(`${token.host}/team/other:1`, {}, client));
      await pull(new RegistryImage(`${token.host}/team/app:1`, {}, client));
      const scopes = requests
        .slice(before)
        .map((r) => new URL(r.slice(4), 'http://x').searchParams.getAll('scope'));
      // One token per repository: the second pull of team/app reuses the cached token.
      expect(scopes).toEqual([['repository:team/app:pull'], ['repository:team/other:pull']]);
    } finally {
      client.close();
    }
  });

  it('fails clearly with wrong credentials, never showing the password', async () => {
    const err = await failure(open(token, 'team/app:1', alice(WRONG)).manifest());
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('refused the credentials of user "alice" (HTTP 401)');
    expectRedacted(err, token);
  });

  it('fails clearly without credentials when anonymous pulls are refused', async () => {
    const err = await failure(open(token, 'team/app:1').manifest());
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('refused anonymous access');
  });

  it('pulls anonymously when the token server grants anonymous pull', async () => {
    await pull(open(anonymous, 'team/app:1'));
  });

  it('never puts an issued token in an error', async () => {
    const err = await failure(open(token, 'team/missing:1', alice(PASSWORD)).manifest());
    expect(err.code).toBe('NOT_FOUND');
    expect(token.tokenServer?.issued.length).toBeGreaterThan(0);
    expectRedacted(err, token);
  });
});

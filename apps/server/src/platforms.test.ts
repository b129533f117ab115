/**
 * `/api/platforms` against the real distribution registry (testkit's harness): an index seeded
 * with buildah, a hand-pushed index with an attestation entry, a single image, credentials, and
 * each typed failure (bad reference, unknown tag, no credentials, a hanging registry, a refused
 * address).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformsResponseSchema } from '@strata/contract';
import {
  diveFixture,
  pushManifest,
  pushOpaqueImage,
  seedImage,
  seedIndex,
  startRegistry,
  startSilentServer,
  type RunningRegistry,
  type StubServer,
} from '@strata/testkit';
import type { Config } from './config.js';
import type { RunningServer } from './server.js';
import { startTestServer, tempDataDir, testConfig } from './test-support/harness.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

let open: RunningRegistry;
let basic: RunningRegistry;
let silent: StubServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: RunningServer;

beforeAll(async () => {
  [open, basic, silent, data] = await Promise.all([
    startRegistry(),
    startRegistry({ mode: 'basic' }),
    startSilentServer(),
    tempDataDir(),
  ]);
  await seedIndex(
    open,
    [
      `docker-archive:${diveFixture('test-docker-image.tar')}`,
      `oci-archive:${diveFixture('test-oci-uncompressed-image.tar')}`,
    ],
    'team/multi:1',
  );
  await seedImage(open, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'team/single:1');
  await seedImage(basic, `docker-archive:${diveFixture('test-docker-image.tar')}`, 'private/app:1');
  await pushAttestedIndex(open);
  const registry: Config['registry'] = { ...testConfig(data.dir).registry, idleTimeoutMs: 1000, retries: 0 };
  server = await startTestServer(data.dir, { registry, layerCacheMaxBytes: 0 });
}, 300_000);
afterAll(async () => {
  await server?.close();
  await Promise.all([open?.stop(), basic?.stop(), silent?.stop(), data?.remove()]);
});

/** An index as BuildKit pushes it: two images, and a provenance attestation listed as unknown/unknown. */
async function pushAttestedIndex(registry: RunningRegistry): Promise<void> {
  const amd64 = await pushOpaqueImage(registry, 'team/attested:amd64', [16]);
  const arm = await pushOpaqueImage(registry, 'team/attested:arm', [16], {
    os: 'linux',
    architecture: 'arm',
    variant: 'v7',
  } as { os: string; architecture: string });
  const attestation = await pushOpaqueImage(registry, 'team/attested:att', [16], {
    os: 'unknown',
    architecture: 'unknown',
  });
  const entry = (digest: string, manifest: object) => ({
    mediaType: OCI_MANIFEST,
    digest,
    size: JSON.stringify(manifest).length,
  });
  await pushManifest(
    registry,
    'team/attested',
    '1',
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { ...entry(amd64.digest, amd64.manifest), platform: { os: 'linux', architecture: 'amd64' } },
        {
          ...entry(arm.digest, arm.manifest),
          platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
        },
        {
          ...entry(attestation.digest, attestation.manifest),
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: {
            'vnd.docker.reference.type': 'attestation-manifest',
            'vnd.docker.reference.digest': amd64.digest,
          },
        },
      ],
    },
    OCI_INDEX,
  );
}

const lookup = (reference: string): Promise<Response> =>
  fetch(`${server.url}/api/platforms?reference=${encodeURIComponent(reference)}`);

const lookupPost = (body: object): Promise<Response> =>
  fetch(`${server.url}/api/platforms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

describe('platforms of a reference', () => {
  it('lists the platforms of an index pushed by buildah, in its order', async () => {
    const res = await lookup(`${open.host}/team/multi:1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = PlatformsResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ reference: `${open.host}/team/multi:1`, index: true });
    expect(body.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(body.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('leaves attestations out and keeps variants', async () => {
    const body = PlatformsResponseSchema.parse(await (await lookup(`${open.host}/team/attested:1`)).json());
    expect(body).toMatchObject({ index: true, platforms: ['linux/amd64', 'linux/arm/v7'] });
  });

  it("a single image: its config's platform", async () => {
    const body = PlatformsResponseSchema.parse(await (await lookup(`${open.host}/team/single:1`)).json());
    expect(body).toMatchObject({ index: false, platforms: ['linux/amd64'] });
  });

  it('uses credentials sent in a POST body, and says 401 without them', async () => {
    const reference = `${basic.host}/private/app:1`;
    expect(await errorOf(await lookup(reference))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const { username, password } = basic.credentials as { username: string; password: string };
    const res = await lookupPost({ reference, username, password });
    expect(res.status).toBe(200);
    expect(PlatformsResponseSchema.parse(await res.json()).platforms).toEqual(['linux/amd64']);
    const wrong = await errorOf(await lookupPost({ reference, username, password: 'wrong' }));
    expect(wrong).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(wrong.message).not.toContain(password);
  });

  it('a bad reference: 400 INVALID_REFERENCE; a bad body: 400 BAD_REQUEST', async () => {
    expect(await errorOf(await lookup('Not A Reference!'))).toMatchObject({
      status: 400,
      code: 'INVALID_REFERENCE',
    });
    expect(await errorOf(await fetch(`${server.url}/api/platforms`))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
    expect(await errorOf(await lookupPost({ reference: 'a', extra: 1 }))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
    expect(await errorOf(await lookupPost({ reference: 'a', password: 'p' }))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
  });

  it('an unknown tag or repository: 404 NOT_FOUND', async () => {
    expect(await errorOf(await lookup(`${open.host}/team/multi:nope`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await errorOf(await lookup(`${open.host}/team/none:1`))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('a registry that never answers: 502 NETWORK, within the idle timeout', async () => {
    expect(await errorOf(await lookup(`${silent.host}/hang/app:1`))).toMatchObject({
      status: 502,
      code: 'NETWORK',
    });
  });

  it('a loopback registry when the address policy refuses loopback: 403 DENIED', async () => {
    const other = await tempDataDir();
    const base = testConfig(other.dir);
    const strict = await startTestServer(other.dir, { registry: { ...base.registry, allowLoopback: false } });
    try {
      const res = await fetch(`${strict.url}/api/platforms?reference=${open.host}/team/multi:1`);
      expect(await errorOf(res)).toMatchObject({ status: 403, code: 'DENIED' });
    } finally {
      await strict.close();
      await other.remove();
    }
  });
});

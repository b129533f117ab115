/**
 * RegistryImage against the real distribution registry (open mode): tag and digest pulls,
 * an index with two platforms (and one with an attestation entry), zstd layers, tampered
 * blobs and manifests, unknown repositories and tags.
 */
import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobDataPath,
  diveFixture,
  pushBlob,
  pushManifest,
  pushOpaqueImage,
  seedImage,
  seedIndex,
  startRegistry,
  tamperBlob,
  type PushedImage,
  type RunningRegistry,
} from '@strata/testkit';
import type { Image } from '../image.js';
import { RegistryImage } from './registry-image.js';
import type { RegistryOptions } from './options.js';
import { failure } from './test-failure.js';

const AMD64_ARCHIVE = `docker-archive:${diveFixture('test-docker-image.tar')}` as const;
const ARM64_ARCHIVE = `oci-archive:${diveFixture('test-oci-uncompressed-image.tar')}` as const;

let registry: RunningRegistry;
const opened: Image[] = [];
const seeded: Record<string, string> = {};
let tamperedLayer: PushedImage;
let tamperedManifest: PushedImage;

beforeAll(async () => {
  registry = await startRegistry();
  // zstd first: skopeo would otherwise reuse the gzip blobs it pushed for the same content.
  seeded['zstd'] = await seedImage(registry, AMD64_ARCHIVE, 'dive/zstd:latest', { zstd: true });
  seeded['docker'] = await seedImage(registry, AMD64_ARCHIVE, 'dive/docker:latest', { format: 'v2s2' });
  seeded['index'] = await seedIndex(registry, [ARM64_ARCHIVE, AMD64_ARCHIVE], 'multi/app:v1');
  seeded['attested'] = await pushAttestedIndex(registry, 'multi/app', 'attested', seeded['index']);
  tamperedLayer = await pushOpaqueImage(registry, 'tamper/layer:1', [1024, 3 * 1024 * 1024]);
  tamperedManifest = await pushOpaqueImage(registry, 'tamper/manifest:1', [2048]);
});

afterAll(async () => {
  await Promise.all(opened.map((image) => image.close()));
  await registry?.stop();
});

function open(reference: string, options: RegistryOptions = {}): RegistryImage {
  const image = new RegistryImage(reference, { retries: 1, retryDelayMs: 10, ...options });
  opened.push(image);
  return image;
}

async function sha256OfStream(stream: Readable): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** Read every layer to the end and compare with the manifest's digests and sizes. */
async function expectLayersVerify(image: Image): Promise<void> {
  const [manifest, layers, config] = await Promise.all([image.manifest(), image.layers(), image.config()]);
  expect(layers.map((l) => l.digest)).toEqual(manifest.layers.map((d) => d.digest));
  expect(layers.map((l) => l.diffId)).toEqual(config.rootfs.diff_ids);
  for (const [i, layer] of layers.entries()) {
    const read = await sha256OfStream(await layer.open());
    expect(read).toEqual({ digest: manifest.layers[i]?.digest, size: manifest.layers[i]?.size });
  }
}

describe('pull by tag and by digest', () => {
  it('pulls by tag: manifest digest, config and every layer verify', async () => {
    const image = open(`${registry.host}/dive/docker:latest`);
    expect(image.source).toBe(`${registry.host}/dive/docker:latest`);
    expect(await image.digest()).toBe(seeded['docker']);
    expect((await image.manifest()).mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect((await image.config()).architecture).toBe('amd64');
    expect(await image.names()).toEqual([`${registry.host}/dive/docker:latest`]);
    await expectLayersVerify(image);
  });

  it('pulls by digest and by tag+digest (the digest wins)', async () => {
    const byDigest = open(`${registry.host}/dive/docker@${seeded['docker']}`);
    expect(await byDigest.digest()).toBe(seeded['docker']);
    await expectLayersVerify(byDigest);
    const both = open(`${registry.host}/dive/docker:no-such-tag@${seeded['docker']}`);
    expect(await both.digest()).toBe(seeded['docker']);
  });

  it('fails a pull whose manifest bytes do not match the digest', async () => {
    await appendFile(blobDataPath(registry, tamperedManifest.digest), '\n');
    const byDigest = await failure(
      open(`${registry.host}/tamper/manifest@${tamperedManifest.digest}`).manifest(),
    );
    expect(byDigest.code).toBe('DIGEST_MISMATCH');
    expect(byDigest.message).toContain(`expected ${tamperedManifest.digest}`);
    // By tag, the registry's Docker-Content-Digest header gives it away.
    const byTag = await failure(open(`${registry.host}/tamper/manifest:1`).manifest());
    expect(byTag.code).toBe('DIGEST_MISMATCH');
  });
});

describe('an index with two platforms', () => {
  it('picks linux/amd64 by default', async () => {
    const image = open(`${registry.host}/multi/app:v1`);
    expect(await image.indexDigest()).toBe(seeded['index']);
    expect(await image.digest()).not.toBe(seeded['index']);
    expect((await image.config()).architecture).toBe('amd64');
    await expectLayersVerify(image);
    // The index as the registry sent it, for the page's JSON view: its bytes hash to its digest.
    const index = await image.index();
    const platforms = (index?.['manifests'] as Array<{ platform: { architecture: string } }>).map(
      (m) => m.platform.architecture,
    );
    expect(platforms.sort()).toEqual(['amd64', 'arm64']);
  });

  it('a reference to a single image has no index', async () => {
    expect(await open(`${registry.host}/dive/docker:latest`).index()).toBeUndefined();
  });

  it('picks the asked platform, with or without the default variant', async () => {
    for (const platform of ['linux/arm64', 'linux/arm64/v8', { os: 'linux', architecture: 'aarch64' }]) {
      const image = open(`${registry.host}/multi/app:v1`, { platform });
      expect((await image.config()).architecture).toBe('arm64');
    }
    await expectLayersVerify(open(`${registry.host}/multi/app:v1`, { platform: 'linux/arm64' }));
  });

  it('fails listing the available platforms when none fits', async () => {
    const err = await failure(open(`${registry.host}/multi/app:v1`, { platform: 'linux/s390x' }).manifest());
    expect(err.code).toBe('PLATFORM');
    expect(err.message).toBe(
      `no image for platform linux/s390x in ${registry.host}/multi/app:v1; available: linux/arm64, linux/amd64`,
    );
  });

  it('skips attestation entries', async () => {
    const image = open(`${registry.host}/multi/app:attested`);
    expect((await image.config()).architecture).toBe('amd64');
    const err = await failure(
      open(`${registry.host}/multi/app:attested`, { platform: 'unknown/unknown' }).digest(),
    );
    expect(err.message).toMatch(/available: linux\/amd64$/);
  });

  it('refuses a single-platform image that is not the asked platform', async () => {
    const err = await failure(
      open(`${registry.host}/dive/docker:latest`, { platform: 'linux/arm64' }).config(),
    );
    expect(err.code).toBe('PLATFORM');
    expect(err.message).toContain('is linux/amd64, not linux/arm64');
  });
});

describe('zstd layers', () => {
  it('streams zstd blobs as stored and verifies them', async () => {
    const image = open(`${registry.host}/dive/zstd:latest`);
    const manifest = await image.manifest();
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.layers.every((l) => l.mediaType === 'application/vnd.oci.image.layer.v1.tar+zstd')).toBe(
      true,
    );
    await expectLayersVerify(image);
    const first = (await image.layers())[0];
    const stream = await first!.open();
    const head = (await stream[Symbol.asyncIterator]().next()).value as Buffer;
    stream.destroy();
    expect(head.subarray(0, 4)).toEqual(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])); // zstd frame magic
  });
});

describe('a tampered blob', () => {
  it('fails the layer stream at the end, naming the layer digest', async () => {
    const layerDigest = tamperedLayer.manifest['layers'] as Array<{ digest: string }>;
    const bad = layerDigest[1]!.digest;
    await tamperBlob(registry, bad);
    const image = open(`${registry.host}/tamper/layer:1`);
    const layers = await image.layers();
    expect(await sha256OfStream(await layers[0]!.open())).toMatchObject({ digest: layerDigest[0]!.digest });
    const err = await failure(sha256OfStream(await layers[1]!.open()));
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`layer ${bad}`);
    expect(err.message).toContain(`${registry.host}/tamper/layer:1`);
  });
});

describe('not found', () => {
  it('names the reference for an unknown repository', async () => {
    const err = await failure(open(`${registry.host}/no/such-repo:1`).manifest());
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain(`repository ${registry.host}/no/such-repo not found`);
    expect(err.message).toContain(`${registry.host}/no/such-repo:1`);
  });

  it('names the reference for an unknown tag and digest', async () => {
    const tag = await failure(open(`${registry.host}/dive/docker:nope`).manifest());
    expect(tag.code).toBe('NOT_FOUND');
    expect(tag.message).toContain(`manifest ${registry.host}/dive/docker:nope not found`);
    const digest = `sha256:${'0'.repeat(64)}`;
    const byDigest = await failure(open(`${registry.host}/dive/docker@${digest}`).manifest());
    expect(byDigest.code).toBe('NOT_FOUND');
    expect(byDigest.message).toContain(`${registry.host}/dive/docker@${digest} not found`);
  });
});

/** An index of the amd64 image plus a BuildKit-style attestation manifest for it. */
async function pushAttestedIndex(
  r: RunningRegistry,
  repo: string,
  tag: string,
  indexDigest: string,
): Promise<string> {
  const res = await fetch(`${r.url}/v2/${repo}/manifests/${indexDigest}`, {
    headers: { accept: 'application/vnd.oci.image.index.v1+json' },
  });
  const index = (await res.json()) as { manifests: Array<{ platform: { architecture: string } }> };
  const amd64 = index.manifests.find((m) => m.platform.architecture === 'amd64');
  const statement = '{"_type":"https://in-toto.io/Statement/v0.1"}';
  const config = '{"architecture":"unknown","os":"unknown","rootfs":{"type":"layers","diff_ids":[]}}';
  const [layer, configDigest] = [await pushBlob(r, repo, statement), await pushBlob(r, repo, config)];
  const attestation = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configDigest,
      size: config.length,
    },
    layers: [{ mediaType: 'application/vnd.in-toto+json', digest: layer, size: statement.length }],
  };
  const attDigest = await pushManifest(r, repo, 'attestation', attestation, attestation.mediaType);
  const attested = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: attestation.mediaType,
        digest: attDigest,
        size: JSON.stringify(attestation).length,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': 'x',
        },
      },
      amd64,
    ],
  };
  return pushManifest(r, repo, tag, attested, attested.mediaType);
}

/**
 * A registry's documents go through the same image-spec core as an archive's: a wrong shape is
 * a typed error naming the field, and the layer bounds hold for pulls too.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startStubServer, type StubServer } from '@strata/testkit';
import { RegistryImage } from './registry-image.js';
import { failure } from './test-failure.js';

const sha256 = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const servers: StubServer[] = [];
const images: RegistryImage[] = [];
afterAll(async () => {
  await Promise.all(images.map((i) => i.close()));
  await Promise.all(servers.map((s) => s.stop()));
});

const LAYER = sha256('layer');

/** A registry that serves `manifest` for any tag and `config` by its digest. */
async function registry(
  manifest: (configDigest: string) => unknown,
  config: unknown,
): Promise<RegistryImage> {
  const configText = JSON.stringify(config);
  const manifestText = JSON.stringify(manifest(sha256(configText)));
  const server = await startStubServer((req, res) => {
    if (req.url?.includes('/manifests/'))
      return res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
        .end(manifestText);
    if (req.url?.endsWith(sha256(configText))) return res.writeHead(200).end(configText);
    res.writeHead(404).end();
  });
  servers.push(server);
  const pulled = new RegistryImage(`${server.host}/a/b:1`, {
    retries: 0,
    dockerConfig: false,
    imageLimits: { maxLayerRepeats: 4 },
  });
  images.push(pulled);
  return pulled;
}

const image = (layers: unknown[]) => (configDigest: string) => ({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: 1 },
  layers,
});
const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: LAYER, size: 5 };
const config = (extra: Record<string, unknown> = {}) => ({
  os: 'linux',
  architecture: 'amd64',
  rootfs: { type: 'layers', diff_ids: [LAYER] },
  ...extra,
});

describe('registry documents', () => {
  it('a numeric layer digest in the manifest names the field', async () => {
    const pulled = await registry(image([{ ...layer, digest: 42 }]), config());
    const err = await failure(pulled.manifest());
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toMatch(/manifest .*: layers\[0\]\.digest: expected a string, got a number/);
  });

  it('created_by: 123 in the config names the field', async () => {
    const pulled = await registry(image([layer]), config({ history: [{ created_by: 123 }] }));
    const err = await failure(pulled.config());
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain('config.history[0].created_by: expected a string, got a number');
  });

  it('a layer listed more often than the bound is refused before any blob is fetched', async () => {
    const repeated = Array.from({ length: 5 }, () => layer);
    const pulled = await registry(
      image(repeated),
      config({ rootfs: { type: 'layers', diff_ids: Array(5).fill(LAYER) } }),
    );
    const err = await failure(pulled.layers());
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/is listed more than 4 times/);
  });
});

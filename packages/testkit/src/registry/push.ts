/**
 * Raw pushes over the distribution API, for documents the tools will not make (an index with
 * an attestation entry, a hand-written manifest). Open and basic-auth registries only.
 * Spec: distribution-spec "Pushing blobs" (POST then PUT, monolithic) and "Pushing Manifests".
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RunningRegistry } from './registry-server.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function authHeader(registry: RunningRegistry): Record<string, string> {
  const c = registry.mode === 'basic' ? registry.credentials : undefined;
  return c ? { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` } : {};
}

async function expect2xx(res: Response, what: string): Promise<void> {
  if (res.ok) {
    await res.arrayBuffer();
    return;
  }
  throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
}

/** Upload a blob; returns its digest. */
export async function pushBlob(
  registry: RunningRegistry,
  repo: string,
  bytes: Uint8Array | string,
): Promise<string> {
  const digest = sha256Digest(bytes);
  const start = await fetch(`${registry.url}/v2/${repo}/blobs/uploads/`, {
    method: 'POST',
    headers: authHeader(registry),
  });
  await expect2xx(start, `starting upload to ${repo}`);
  const location = new URL(start.headers.get('location') ?? '', registry.url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...authHeader(registry), 'content-type': 'application/octet-stream' },
    body: typeof bytes === 'string' ? bytes : Buffer.from(bytes),
  });
  await expect2xx(put, `uploading blob ${digest} to ${repo}`);
  return digest;
}

/** PUT a manifest (or index) under `reference` (a tag or its digest); returns its digest. */
export async function pushManifest(
  registry: RunningRegistry,
  repo: string,
  reference: string,
  document: unknown,
  mediaType: string,
): Promise<string> {
  const body = typeof document === 'string' ? document : JSON.stringify(document);
  const res = await fetch(`${registry.url}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { ...authHeader(registry), 'content-type': mediaType },
    body,
  });
  await expect2xx(res, `pushing manifest ${repo}:${reference}`);
  return sha256Digest(body);
}

export interface PushedImage {
  digest: string;
  manifest: Record<string, unknown>;
  config: string;
  layers: Buffer[];
}

/**
 * Push an image whose layers are random bytes of the given sizes (not tar files: for transport
 * tests that only stream and hash blobs). Unique content, so tampering with its blobs on disk
 * affects no other image in the registry.
 */
export async function pushOpaqueImage(
  registry: RunningRegistry,
  repoTag: string,
  layerSizes: number[],
  platform = { os: 'linux', architecture: 'amd64' },
): Promise<PushedImage> {
  const [repo = '', tag = 'latest'] = repoTag.split(':');
  const layers = layerSizes.map((size) => randomBytes(size));
  const diffIds = layers.map((l) => sha256Digest(l));
  const config = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: diffIds }, history: [] });
  for (const layer of layers) await pushBlob(registry, repo, layer);
  await pushBlob(registry, repo, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256Digest(config),
      size: config.length,
    },
    layers: layers.map((l, i) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      digest: diffIds[i],
      size: l.length,
    })),
  };
  const digest = await pushManifest(registry, repo, tag, manifest, OCI_MANIFEST);
  return { digest, manifest, config, layers };
}

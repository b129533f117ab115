/**
 * Failure modes a real registry will not produce on demand, against stub servers on loopback:
 * nothing listening, a server that never answers, 429/5xx with retries, a connection dropped
 * mid-blob (Range resume), redirects to another host, oversized bodies, lying manifests.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  startSilentServer,
  startStubServer,
  startUnacceptingServer,
  unusedPort,
  type StubHandler,
  type StubServer,
} from '@strata/testkit';
import type { RegistryOptions } from './options.js';
import { RegistryImage } from './registry-image.js';
import { failure } from './test-failure.js';

const servers: StubServer[] = [];
const images: RegistryImage[] = [];
afterEach(async () => {
  await Promise.all(images.splice(0).map((i) => i.close()));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A one-layer image, served by a stub whose blob answer a test scripts. */
function fakeImage(layerSize = 256 * 1024) {
  const layer = randomBytes(layerSize);
  const config = JSON.stringify({
    os: 'linux',
    architecture: 'amd64',
    rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256(config),
      size: config.length,
    },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length },
    ],
  });
  return { layer, config, manifest, layerDigest: sha256(layer) };
}
type FakeImage = ReturnType<typeof fakeImage>;

/** Serves manifest and config; the layer blob goes to `blob` (default: served whole). */
function registryHandler(image: FakeImage, blob?: StubHandler): StubHandler {
  return (req, res, index) => {
    const url = req.url ?? '';
    if (url.includes('/manifests/')) {
      res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
        .end(image.manifest);
    } else if (url.endsWith(sha256(image.config))) {
      res.writeHead(200).end(image.config);
    } else if (url.endsWith(image.layerDigest)) {
      if (blob) blob(req, res, index);
      else res.writeHead(200, { 'content-length': image.layer.length }).end(image.layer);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND"}]}');
    }
  };
}

async function stub(handler: StubHandler): Promise<StubServer> {
  const server = await startStubServer(handler);
  servers.push(server);
  return server;
}

function open(host: string, options: RegistryOptions = {}): RegistryImage {
  const image = new RegistryImage(`${host}/test/app:1`, {
    retries: 2,
    retryDelayMs: 5,
    dockerConfig: false,
    ...options,
  });
  images.push(image);
  return image;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readLayer(image: RegistryImage): Promise<Buffer> {
  const [layer] = await image.layers();
  return readAll(await layer!.open());
}

describe('unreachable and hanging registries', () => {
  it('fails fast and clearly when nothing listens on the port', async () => {
    const port = await unusedPort();
    const err = await failure(open(`127.0.0.1:${port}`).manifest());
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`cannot connect to 127.0.0.1:${port}: connection refused`);
  });

  it('gives up on a server that accepts and never answers, within the idle bound', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = Date.now();
    const err = await failure(open(silent.host, { idleTimeoutMs: 300, retries: 1 }).manifest());
    const elapsed = Date.now() - started;
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`no data from ${silent.host} for 0.3s (idle timeout)`);
    expect(silent.connections()).toBe(2); // the first try and one retry
    expect(elapsed).toBeGreaterThanOrEqual(550);
  });

  it('bounds a connect that never completes (SYNs dropped)', async () => {
    const listener = await startUnacceptingServer();
    try {
      const err = await failure(open(listener.host, { connectTimeoutMs: 300, retries: 0 }).manifest());
      expect(err.code).toBe('NETWORK');
      expect(err.message).toContain(`connecting to ${listener.host} timed out after 0.3s`);
    } finally {
      await listener.stop();
    }
  });

  it('times out a body that stops flowing, and names the layer', async () => {
    const image = fakeImage();
    const server = await stub(
      registryHandler(image, (_req, res) => {
        res.writeHead(200, { 'content-length': image.layer.length });
        res.write(image.layer.subarray(0, 1000)); // then silence
      }),
    );
    const err = await failure(readLayer(open(server.host, { idleTimeoutMs: 300, retries: 1 })));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`layer ${image.layerDigest}`);
    expect(err.message).toContain('idle timeout');
  });
});

describe('retries', () => {
  it('retries 429 and 5xx with backoff, honouring Retry-After', async () => {
    const image = fakeImage();
    const answers = [429, 503, 502];
    let manifestCalls = 0;
    const server = await stub((req, res, i) => {
      if (req.url?.includes('/manifests/') && manifestCalls++ < answers.length) {
        res.writeHead(answers[manifestCalls - 1] ?? 500, { 'retry-after': '0' }).end();
        return;
      }
      registryHandler(image)(req, res, i);
    });
    const pulled = open(server.host, { retries: 3 });
    expect(sha256(await readLayer(pulled))).toBe(image.layerDigest);
    expect(manifestCalls).toBe(4);
  });

  it('stops after the retry budget with the last status', async () => {
    const server = await stub((_req, res) => res.writeHead(503).end());
    const err = await failure(open(server.host, { retries: 2 }).manifest());
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`${server.host} answered HTTP 503`);
    expect(server.requests).toHaveLength(3);
  });

  it('resumes a dropped blob download with Range', async () => {
    const image = fakeImage(512 * 1024);
    const cut = 100_000;
    const server = await stub(
      registryHandler(image, (req, res) => dropThenServeRange(req, res, image.layer, cut)),
    );
    expect(sha256(await readLayer(open(server.host)))).toBe(image.layerDigest);
    const ranges = server.requests
      .filter((r) => r.url.endsWith(image.layerDigest))
      .map((r) => r.headers.range);
    expect(ranges).toEqual([undefined, `bytes=${cut}-`]);
  });

  it('resumes from a registry that ignores Range by skipping what it already has', async () => {
    const image = fakeImage(300 * 1024);
    let calls = 0;
    const server = await stub(
      registryHandler(image, (_req, res) => {
        res.writeHead(200, { 'content-length': image.layer.length });
        if (calls++ === 0) res.write(image.layer.subarray(0, 70_000), () => res.destroy());
        else res.end(image.layer);
      }),
    );
    expect(sha256(await readLayer(open(server.host)))).toBe(image.layerDigest);
  });

  it('fails naming the layer when a blob keeps arriving short', async () => {
    const image = fakeImage();
    const server = await stub(
      registryHandler(image, (_req, res) => {
        res.writeHead(200, { 'content-length': image.layer.length });
        res.write(image.layer.subarray(0, 10), () => res.destroy());
      }),
    );
    const err = await failure(readLayer(open(server.host, { retries: 2 })));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`layer ${image.layerDigest} of ${server.host}/test/app:1`);
    expect(err.message).toMatch(/dropped/);
  });
});

describe('redirects', () => {
  it('never sends credentials to another host, and still verifies the blob', async () => {
    const image = fakeImage();
    const storage = await stub((_req, res) => res.writeHead(200).end(image.layer));
    const password = 'redirect-secret-pw';
    const expected = `Basic ${Buffer.from(`u:${password}`).toString('base64')}`;
    const server = await stub((req, res, i) => {
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="stub"' }).end();
      } else if (req.url?.endsWith(image.layerDigest)) {
        // `localhost` is another origin than `127.0.0.1`, as object storage would be.
        res.writeHead(307, { location: `http://localhost:${storage.port}/blob?sig=abc` }).end();
      } else {
        registryHandler(image)(req, res, i);
      }
    });
    const pulled = open(server.host, { credentials: { username: 'u', password } });
    expect(sha256(await readLayer(pulled))).toBe(image.layerDigest);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('fails when a redirect loops', async () => {
    const server = await stub((req, res) => res.writeHead(302, { location: req.url ?? '/' }).end());
    const err = await failure(open(server.host).manifest());
    expect(err.message).toContain('too many redirects');
  });
});

describe('bounded bodies and lying registries', () => {
  it('refuses a manifest over the cap, declared or streamed', async () => {
    const big = `{"pad":"${'x'.repeat(64 * 1024)}"}`;
    const declared = await stub((_req, res) => res.writeHead(200, { 'content-length': big.length }).end(big));
    const err = await failure(open(declared.host, { maxManifestBytes: 16 * 1024 }).manifest());
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain('larger than the limit of 16384 bytes');
    const chunked = await stub((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
      res.end();
    });
    expect((await failure(open(chunked.host, { maxManifestBytes: 16 * 1024 }).manifest())).code).toBe(
      'TOO_LARGE',
    );
  });

  it('refuses an oversized token response', async () => {
    const server = await stub((req, res) => {
      if (req.url?.startsWith('/token')) return res.writeHead(200).end(`{"token":"${'t'.repeat(4096)}"}`);
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="http://127.0.0.1:${server.port}/token",service="s"`,
      });
      res.end();
    });
    const err = await failure(open(server.host, { maxTokenBytes: 1024 }).manifest());
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain('token from');
  });

  it('checks Docker-Content-Digest on a tag pull and the bytes on a digest pull', async () => {
    const image = fakeImage();
    const liar = await stub((req, res, i) => {
      if (req.url?.includes('/manifests/')) {
        res.writeHead(200, { 'docker-content-digest': sha256('something else') }).end(image.manifest);
        return;
      }
      registryHandler(image)(req, res, i);
    });
    const byTag = await failure(open(liar.host).manifest());
    expect(byTag.code).toBe('DIGEST_MISMATCH');
    const wanted = sha256('another manifest');
    const byDigest = new RegistryImage(`${liar.host}/test/app@${wanted}`, { retries: 0 });
    images.push(byDigest);
    const err = await failure(byDigest.manifest());
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`expected ${wanted}`);
  });

  it('fails a config whose digest does not match', async () => {
    const image = fakeImage();
    const server = await stub((req, res, i) => {
      if (req.url?.endsWith(sha256(image.config)))
        return res.writeHead(200).end(image.config.replace('amd64', 'arm64'));
      registryHandler(image)(req, res, i);
    });
    const err = await failure(open(server.host).config());
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`config of ${server.host}/test/app:1 ${sha256(image.config)}`);
  });

  it('redacts secrets a registry echoes back in an error body', async () => {
    const password = 'echoed-secret-password';
    const server = await stub((req, res) => {
      if (!req.headers.authorization)
        return res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
      const decoded = Buffer.from(req.headers.authorization.slice(6), 'base64').toString();
      const message = `denied for ${req.headers.authorization} (${decoded})`;
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'DENIED', message }] }));
    });
    const err = await failure(open(server.host, { credentials: { username: 'bob', password } }).manifest());
    expect(err.code).toBe('DENIED');
    expect(err.message).toContain('access denied');
    expect(err.message).not.toContain(password);
    expect(err.message).not.toContain(Buffer.from(`bob:${password}`).toString('base64'));
  });
});

/** First request: headers for the whole blob, `cut` bytes, then a dropped connection; then 206s. */
function dropThenServeRange(req: IncomingMessage, res: ServerResponse, blob: Buffer, cut: number): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, { 'content-length': blob.length, 'accept-ranges': 'bytes' });
    res.write(blob.subarray(0, cut), () => res.destroy());
    return;
  }
  const start = Number(range[1]);
  res.writeHead(206, {
    'content-length': blob.length - start,
    'content-range': `bytes ${start}-${blob.length - 1}/${blob.length}`,
  });
  res.end(blob.subarray(start));
}

/**
 * Client of the OCI distribution API (https://github.com/opencontainers/distribution-spec/blob/main/spec.md):
 * ping, manifests and blobs, with auth, redirects, retries and bounded bodies. Every error it
 * throws is a StrataError with secrets redacted. One client per job: credentials and tokens
 * live in it, in memory only, and `close()` ends its connections.
 */
import type { Readable } from 'node:stream';
import { StrataError } from '../errors.js';
import type { Descriptor } from '../image.js';
import { Authenticator } from './auth.js';
import { openVerifiedBlob, type BlobResponse } from './blob-stream.js';
import { readCapped, discard } from './body.js';
import { credentialsFromDockerConfig, type Credentials } from './credentials.js';
import { digestOf } from '../spec/digest.js';
import { registryBaseUrl } from './endpoint.js';
import { parseManifest, type ParsedManifest } from '../spec/manifest.js';
import { MANIFEST_ACCEPT } from '../spec/media-types.js';
import { settingsFrom, type RegistryOptions, type Settings } from './options.js';
import { Secrets } from './redact.js';
import { getFollowingRedirects } from './redirects.js';
import { formatReference, referenceName, type Reference } from './reference.js';
import { isRetryableStatus, retryAfterMs, withRetries, type RetryPolicy } from './retry.js';
import { describeStatus } from './status.js';
import { TransientError } from './transient.js';
import { Transport, type HttpResponse } from './transport.js';

/** Two rounds: the first challenge, then one re-scope if the registry asks for more. */
const MAX_CHALLENGES = 2;

export interface FetchedManifest {
  /** Digest of the bytes received (verified against the requested digest, if any). */
  digest: string;
  mediaType: string;
  bytes: Buffer;
  parsed: ParsedManifest;
}

interface Target {
  registry: string;
  scopes: string[];
  /** Names what is fetched, for messages: `manifest localhost:5000/a:b`. */
  what: string;
  ref?: Reference;
}

export class RegistryClient {
  readonly settings: Settings;
  private readonly transport: Transport;
  private readonly secrets = new Secrets();
  private readonly auth: Authenticator;
  private readonly retry: RetryPolicy;
  private readonly configCredentials = new Map<string, Credentials | undefined>();

  constructor(options: RegistryOptions = {}) {
    this.settings = settingsFrom(options);
    const s = this.settings;
    this.transport = new Transport({
      policy: s.addressPolicy,
      connectTimeoutMs: s.connectTimeoutMs,
      idleTimeoutMs: s.idleTimeoutMs,
      userAgent: s.userAgent,
      ...(s.resolve ? { resolve: s.resolve } : {}),
      ...(s.signal ? { signal: s.signal } : {}),
    });
    this.retry = { retries: s.retries, retryDelayMs: s.retryDelayMs, signal: s.signal };
    this.secrets.add(s.credentials?.password);
    this.auth = new Authenticator({
      transport: this.transport,
      secrets: this.secrets,
      credentialsFor: (registry) => this.credentialsFor(registry),
      insecureRegistries: s.insecureRegistries,
      maxTokenBytes: s.maxTokenBytes,
      retry: this.retry,
    });
  }

  /** GET /v2/: is this a registry, and can we authenticate to it? (spec: "end-1") */
  async ping(registry: string): Promise<void> {
    const target: Target = { registry, scopes: [], what: `registry ${registry}` };
    await this.guard(target.what, async () => discard(await this.get(target, '', {})));
  }

  /** GET /v2/<name>/manifests/<reference>, verified when `identifier` is a digest. */
  async fetchManifest(ref: Reference, identifier: string): Promise<FetchedManifest> {
    const name = `${referenceName(ref)}${identifier.includes(':') ? '@' : ':'}${identifier}`;
    const target = this.target(ref, `manifest ${name}`);
    return this.guard(target.what, async () => {
      const path = `${ref.repository}/manifests/${identifier}`;
      const res = await this.get(target, path, { accept: MANIFEST_ACCEPT }).catch((err: unknown) =>
        this.explainNotFound(err, ref),
      );
      const bytes = await readCapped(res, this.settings.maxManifestBytes, target.what);
      const digest = checkManifestDigest(bytes, identifier, res, target.what);
      const contentType = res.headers['content-type'];
      const parsed = parseManifest(bytes, contentType, target.what, this.settings.imageLimits);
      const mediaType = parsed.kind === 'index' ? parsed.index.mediaType : parsed.manifest.mediaType;
      return { digest, mediaType, bytes, parsed };
    });
  }

  /** A small blob (an image config) in memory, size-capped and digest-verified. */
  async fetchBlob(ref: Reference, descriptor: Descriptor, limit: number, what: string): Promise<Buffer> {
    const target = this.target(ref, `${what} ${descriptor.digest}`);
    return this.guard(target.what, async () => {
      if (descriptor.size > limit) {
        throw new StrataError('TOO_LARGE', `${target.what} is larger than the limit of ${limit} bytes`);
      }
      const res = await this.get(target, `${ref.repository}/blobs/${descriptor.digest}`, {});
      const bytes = await readCapped(res, limit, target.what);
      const actual = digestOf(bytes, descriptor.digest);
      if (actual !== descriptor.digest) {
        throw new StrataError(
          'DIGEST_MISMATCH',
          `${target.what}: the registry sent content with digest ${actual}`,
        );
      }
      return bytes;
    });
  }

  /**
   * Stream a blob as stored, verifying its size and digest while streaming; a dropped
   * connection resumes with Range. The stream fails with DIGEST_MISMATCH naming the blob.
   */
  async openBlob(ref: Reference, descriptor: Descriptor, what = 'layer'): Promise<Readable> {
    const label = `${what} ${descriptor.digest}`;
    const target = this.target(ref, label);
    const path = `${ref.repository}/blobs/${descriptor.digest}`;
    const fetchFrom = (offset: number): Promise<BlobResponse> =>
      this.get(target, path, offset > 0 ? { range: `bytes=${offset}-` } : {}).then(toBlobResponse);
    return this.guard(label, () =>
      openVerifiedBlob(fetchFrom, descriptor, {
        label: `${label} of ${formatReference(ref)}`,
        retry: this.retry,
        redact: (err) => this.secrets.redactError(err),
      }),
    );
  }

  /**
   * Registries answer MANIFEST_UNKNOWN for a missing repository too; asking for its tags
   * (spec: "Content discovery") tells "no such repository" from "no such tag".
   */
  private async explainNotFound(err: unknown, ref: Reference): Promise<never> {
    if (!(err instanceof StrataError) || err.code !== 'NOT_FOUND' || err.message.startsWith('repository '))
      throw err;
    const target = this.target(ref, `repository ${referenceName(ref)}`);
    const exists = await this.get(target, `${ref.repository}/tags/list?n=1`, {}).then(
      async (res) => (await discard(res), true),
      (probe: unknown) => !(probe instanceof StrataError && probe.code === 'NOT_FOUND'),
    );
    if (exists) throw err;
    throw new StrataError(
      'NOT_FOUND',
      `repository ${referenceName(ref)} not found (looking for ${formatReference(ref)})`,
    );
  }

  close(): void {
    this.transport.close();
  }

  private target(ref: Reference, what: string): Target {
    return { registry: ref.registry, scopes: [`repository:${ref.repository}:pull`], what, ref };
  }

  /** Explicit credentials, else the Docker config's, read once per registry. */
  private credentialsFor(registry: string): Credentials | undefined {
    if (this.settings.credentials) return this.settings.credentials;
    if (this.settings.dockerConfig === false) return undefined;
    if (!this.configCredentials.has(registry)) {
      const found = credentialsFromDockerConfig(registry, this.settings.dockerConfig);
      this.secrets.add(found?.password);
      this.configCredentials.set(registry, found);
    }
    return this.configCredentials.get(registry);
  }

  /** Run `fn`, turning any failure into a redacted StrataError that says what we were doing. */
  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = this.secrets.redactError(err);
      throw e.message.includes(what) ? e : new StrataError(e.code, `${what}: ${e.message}`);
    }
  }

  /** A successful (2xx) response for GET /v2/<path>, after auth, redirects and retries. */
  private get(
    target: Target,
    path: string,
    init: { accept?: string; range?: string },
  ): Promise<HttpResponse> {
    const url = new URL(path, registryBaseUrl(target.registry, this.settings.insecureRegistries));
    const headers: Record<string, string> = {};
    if (init.accept) headers['accept'] = init.accept;
    if (init.range) headers['range'] = init.range;
    return withRetries(this.retry, () => this.attempt(target, url, headers));
  }

  private async attempt(target: Target, url: URL, headers: Record<string, string>): Promise<HttpResponse> {
    for (let challenges = 0; ; challenges++) {
      const authorization = await this.auth.header(target.registry, target.scopes);
      const sent = authorization ? { ...headers, authorization } : headers;
      const res = await getFollowingRedirects(this.transport, url, sent);
      if (res.status === 401 && challenges < MAX_CHALLENGES) {
        await discard(res);
        await this.auth.onChallenge(target.registry, target.scopes, res.headers['www-authenticate']);
        continue;
      }
      if (isRetryableStatus(res.status)) {
        await discard(res);
        throw new TransientError(`${url.host} answered HTTP ${res.status}`, retryAfterMs(res.headers));
      }
      if (res.status < 200 || res.status > 299) throw await describeStatus(res, target, !!authorization);
      return res;
    }
  }
}

function toBlobResponse(res: HttpResponse): BlobResponse {
  const range = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''));
  const start = res.status === 206 && range?.[1] ? Number(range[1]) : 0;
  return { body: res.body, start, url: res.url };
}

/**
 * Pulling by digest: the bytes must hash to it (spec: "Pulling manifests"). Pulling by tag:
 * the digest is computed, and must agree with Docker-Content-Digest when the registry sends it.
 */
function checkManifestDigest(bytes: Buffer, identifier: string, res: HttpResponse, what: string): string {
  const expected = identifier.includes(':') ? identifier : headerDigest(res);
  const actual = digestOf(bytes, expected ?? 'sha256:');
  if (expected && actual !== expected) {
    throw new StrataError(
      'DIGEST_MISMATCH',
      `${what}: the registry sent a manifest with digest ${actual}, expected ${expected}`,
    );
  }
  return actual;
}

function headerDigest(res: HttpResponse): string | undefined {
  const value = res.headers['docker-content-digest'];
  return typeof value === 'string' && /^sha(256|512):[a-f0-9]+$/.test(value) ? value : undefined;
}

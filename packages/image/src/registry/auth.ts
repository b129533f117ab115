/**
 * Registry authentication, learned from 401 challenges (distribution-spec, and the token auth
 * spec: https://distribution.github.io/distribution/spec/auth/token/):
 * - `Basic`: send the user's credentials.
 * - `Bearer realm,service,scope`: GET `realm?service=…&scope=…` (with the user's credentials as
 *   Basic when we have them, anonymously otherwise) for a token, then retry with it. Tokens are
 *   cached per scope set; a challenge naming another scope gets a new token (re-scope).
 */
import { StrataError } from '../errors.js';
import { readCapped } from './body.js';
import { parseChallenges, type Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { allowsPlainHttp } from './endpoint.js';
import { getFollowingRedirects } from './redirects.js';
import type { Secrets } from './redact.js';
import { isRetryableStatus, retryAfterMs, withRetries, type RetryPolicy } from './retry.js';
import { TransientError } from './transient.js';
import type { Transport } from './transport.js';

/** Tokens without `expires_in` are good for 60 s (token spec); refresh a little early. */
const DEFAULT_TOKEN_SECONDS = 60;
const EARLY_REFRESH_MS = 5_000;

interface BearerRealm {
  realm: URL;
  service: string | undefined;
}

interface RegistryAuth {
  scheme: 'basic' | 'bearer';
  bearer?: BearerRealm;
  tokens: Map<string, { token: string; expiresAt: number }>;
}

export interface AuthDeps {
  transport: Transport;
  secrets: Secrets;
  credentialsFor: (registry: string) => Credentials | undefined;
  insecureRegistries: readonly string[];
  maxTokenBytes: number;
  retry: RetryPolicy;
}

export class Authenticator {
  private readonly state = new Map<string, RegistryAuth>();

  constructor(private readonly deps: AuthDeps) {}

  /** The Authorization header for `registry` and `scopes`, when we know how to authenticate. */
  async header(registry: string, scopes: string[]): Promise<string | undefined> {
    const auth = this.state.get(registry);
    if (!auth) return undefined;
    if (auth.scheme === 'basic') return this.basicHeader(registry);
    const key = scopeKey(scopes);
    const cached = auth.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
    if (!auth.bearer) return undefined;
    return `Bearer ${await this.fetchToken(registry, auth, scopes)}`;
  }

  /** Learn from a 401's challenge; afterwards `header()` gives what to retry with. */
  async onChallenge(
    registry: string,
    scopes: string[],
    header: string | string[] | undefined,
  ): Promise<void> {
    const challenges = parseChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) return this.onBearer(registry, scopes, bearer);
    if (challenges.some((c) => c.scheme === 'basic')) return this.onBasic(registry);
    const what = challenges.map((c) => c.scheme).join(', ') || 'no WWW-Authenticate challenge';
    throw new StrataError('UNAUTHORIZED', `${registry} requires authentication we do not support (${what})`);
  }

  private onBasic(registry: string): void {
    const creds = this.deps.credentialsFor(registry);
    if (!creds) throw new StrataError('UNAUTHORIZED', `${registry} requires a username and password`);
    if (this.state.get(registry)?.scheme === 'basic') {
      throw new StrataError('UNAUTHORIZED', `${registry} rejected the password of user "${creds.username}"`);
    }
    this.state.set(registry, { scheme: 'basic', tokens: new Map() });
  }

  private async onBearer(registry: string, scopes: string[], challenge: Challenge): Promise<void> {
    const realm = parseRealm(registry, challenge);
    const service = challenge.params['service'];
    const asked = (challenge.params['scope'] ?? '').split(' ').filter(Boolean);
    const wanted = [...new Set([...scopes, ...asked])];
    const auth: RegistryAuth = this.state.get(registry) ?? { scheme: 'bearer', tokens: new Map() };
    auth.scheme = 'bearer';
    auth.bearer = { realm, service };
    this.state.set(registry, auth);
    const token = await this.fetchToken(registry, auth, wanted);
    // Remember the token for the scopes the caller will ask `header()` for, too.
    auth.tokens.set(scopeKey(scopes), auth.tokens.get(scopeKey(wanted)) ?? { token, expiresAt: 0 });
  }

  private basicHeader(registry: string): string | undefined {
    const creds = this.deps.credentialsFor(registry);
    if (!creds) return undefined;
    const encoded = Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
    this.deps.secrets.add(encoded);
    return `Basic ${encoded}`;
  }

  private async fetchToken(registry: string, auth: RegistryAuth, scopes: string[]): Promise<string> {
    const { realm, service } = auth.bearer as BearerRealm;
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const creds = this.deps.credentialsFor(registry);
    if (creds && url.protocol === 'http:' && !allowsPlainHttp(url.host, this.deps.insecureRegistries)) {
      throw new StrataError(
        'UNAUTHORIZED',
        `refusing to send credentials over plain http to the token realm ${url.host}`,
      );
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    const basic = this.basicHeader(registry);
    if (basic) headers['authorization'] = basic;
    const body = await withRetries(this.deps.retry, () => this.requestToken(url, headers, creds));
    const { token, seconds } = parseTokenResponse(body, url.host);
    this.deps.secrets.add(token);
    const expiresAt = Date.now() + seconds * 1000 - EARLY_REFRESH_MS;
    auth.tokens.set(scopeKey(scopes), { token, expiresAt });
    return token;
  }

  private async requestToken(
    url: URL,
    headers: Record<string, string>,
    creds?: Credentials,
  ): Promise<Buffer> {
    const res = await getFollowingRedirects(this.deps.transport, url, headers);
    if (res.status === 200) return readCapped(res, this.deps.maxTokenBytes, `token from ${url.host}`);
    res.body.destroy();
    const who = creds ? `the credentials of user "${creds.username}"` : 'anonymous access';
    if (res.status === 401 || res.status === 403) {
      throw new StrataError('UNAUTHORIZED', `token server ${url.host} refused ${who} (HTTP ${res.status})`);
    }
    if (isRetryableStatus(res.status)) {
      throw new TransientError(
        `token server ${url.host} answered HTTP ${res.status}`,
        retryAfterMs(res.headers),
      );
    }
    throw new StrataError('UNAUTHORIZED', `token server ${url.host} answered HTTP ${res.status}`);
  }
}

function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

function parseRealm(registry: string, challenge: Challenge): URL {
  const realm = challenge.params['realm'];
  let url: URL | undefined;
  try {
    url = realm ? new URL(realm) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new StrataError(
      'UNAUTHORIZED',
      `${registry} sent a Bearer challenge with a bad realm ${JSON.stringify(realm)}`,
    );
  }
  return url;
}

function parseTokenResponse(body: Buffer, host: string): { token: string; seconds: number } {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new StrataError('UNAUTHORIZED', `token server ${host} sent a response that is not JSON`);
  }
  const token = typeof doc['token'] === 'string' ? doc['token'] : doc['access_token'];
  if (typeof token !== 'string' || token === '') {
    throw new StrataError('UNAUTHORIZED', `token server ${host} sent no token`);
  }
  const expires = Number(doc['expires_in']);
  return { token, seconds: Number.isFinite(expires) && expires > 0 ? expires : DEFAULT_TOKEN_SECONDS };
}

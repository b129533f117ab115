/**
 * A small token server for the distribution registry's `auth.token` mode
 * (https://distribution.github.io/distribution/spec/auth/token/): GET /token?service&scope,
 * Basic credentials checked against `users`, answered with an RS256 JWT whose header carries
 * the signing certificate in `x5c`; the registry trusts it through `rootcertbundle`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run.js';

export interface TokenServerOptions {
  /** Directory for the key and certificate. */
  dir: string;
  service: string;
  issuer: string;
  users: Record<string, string>;
  /** Grant pull (never push) to requests without credentials. */
  anonymousPull: boolean;
  /** Token lifetime; default 300 s. */
  expiresInSeconds?: number;
}

export interface TokenServer {
  /** The realm URL to configure and to expect in challenges. */
  realm: string;
  /** PEM certificate for the registry's `rootcertbundle`. */
  certPath: string;
  /** Every token issued, so tests can check none leaks into an error. */
  issued: string[];
  /** Every request received (method and URL), in order. */
  requests: string[];
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const { key, certPath, x5c } = await makeSigningKey(options.dir);
  const issued: string[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handle(req, res, options, (access, subject) => {
      const token = signJwt(key, x5c, claims(options, access, subject));
      issued.push(token);
      return token;
    });
  });
  const port = await listen(server);
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certPath,
    issued,
    requests,
    stop: () => closeServer(server),
  };
}

async function makeSigningKey(dir: string): Promise<{ key: KeyObject; certPath: string; x5c: string }> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  const args = 'req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=strata-test-token-issuer'.split(' ');
  await run('openssl', [...args, '-keyout', keyPath, '-out', certPath]);
  const pem = await readFile(certPath, 'utf8');
  const der = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return { key: createPrivateKey(await readFile(keyPath)), certPath, x5c: der };
}

type Issue = (access: Access[], subject: string) => string;

function handle(req: IncomingMessage, res: ServerResponse, options: TokenServerOptions, issue: Issue): void {
  const url = new URL(req.url ?? '/', 'http://token');
  if (url.pathname !== '/token')
    return reply(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] });
  if (url.searchParams.get('service') !== options.service) {
    return reply(res, 400, { errors: [{ code: 'INVALID_REQUEST', message: 'unknown service' }] });
  }
  const user = authenticate(req.headers.authorization, options.users);
  if (user === false || (user === undefined && !options.anonymousPull)) {
    res.setHeader('www-authenticate', 'Basic realm="strata-test-token"');
    return reply(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] });
  }
  const access = url.searchParams.getAll('scope').flatMap((s) => grant(s, user !== undefined));
  const token = issue(access, user ?? '');
  const expires = options.expiresInSeconds ?? 300;
  reply(res, 200, { token, access_token: token, expires_in: expires, issued_at: new Date().toISOString() });
}

/** The user name, undefined when anonymous, false when the credentials are wrong. */
function authenticate(header: string | undefined, users: Record<string, string>): string | undefined | false {
  if (!header) return undefined;
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return false;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const name = text.slice(0, colon);
  return colon > 0 && Object.hasOwn(users, name) && users[name] === text.slice(colon + 1) ? name : false;
}

/** `repository:name:pull,push`; names may not contain `:` but the type may have a class. */
function grant(scope: string, authenticated: boolean): Access[] {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return [];
  const wanted = scope.slice(last + 1).split(',');
  const actions = authenticated ? wanted : wanted.filter((a) => a === 'pull');
  return [{ type: scope.slice(0, first), name: scope.slice(first + 1, last), actions }];
}

function claims(options: TokenServerOptions, access: Access[], subject: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresInSeconds ?? 300);
  return {
    iss: options.issuer,
    sub: subject,
    aud: options.service,
    exp,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
}

function signJwt(key: KeyObject, x5c: string, payload: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ typ: 'JWT', alg: 'RS256', x5c: [x5c] })}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

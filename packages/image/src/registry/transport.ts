/**
 * One HTTP exchange over node:http/https with the guards a fetch of a user-supplied URL needs:
 * the address policy checked on the resolved address of each connection (a custom `lookup`,
 * plus a check of literal IPs, for which Node skips `lookup`), a connect timeout, and an idle
 * timeout that also covers a body that stops flowing. No redirects, auth or retries here.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { StrataError } from '../errors.js';
import { addressRefusal, type AddressPolicy } from './address-policy.js';
import { TransientError } from './transient.js';

/** Resolves a hostname to its addresses; replaceable in tests to simulate DNS answers. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface TransportSettings {
  policy: AddressPolicy;
  resolve?: Resolver;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  userAgent: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  url: URL;
}

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

export class Transport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly lookup: LookupFunction;

  constructor(private readonly settings: TransportSettings) {
    this.lookup = guardedLookup(settings.policy, settings.resolve ?? systemResolver);
  }

  /** Send one request; resolves once the response headers arrived. */
  send(url: URL, method: string, headers: Record<string, string>): Promise<HttpResponse> {
    checkLiteralAddress(url, this.settings.policy);
    const secure = url.protocol === 'https:';
    const options: http.RequestOptions = {
      method,
      headers: { 'user-agent': this.settings.userAgent, ...headers },
      agent: secure ? this.httpsAgent : this.httpAgent,
      lookup: this.lookup,
      ...(this.settings.signal ? { signal: this.settings.signal } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, options);
      this.watch(req, url, resolve, reject);
      req.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private watch(
    req: http.ClientRequest,
    url: URL,
    resolve: (res: HttpResponse) => void,
    reject: (err: StrataError) => void,
  ): void {
    const { connectTimeoutMs, idleTimeoutMs } = this.settings;
    let response: IncomingMessage | undefined;
    let finished = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const fail = (err: Error): void => {
      clearTimeout(connectTimer);
      if (finished) return;
      if (response) response.destroy(err);
      else req.destroy(err);
    };
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () =>
          fail(
            new StrataError(
              'NETWORK',
              `connecting to ${url.host} timed out after ${seconds(connectTimeoutMs)}`,
            ),
          ),
        connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.setTimeout(idleTimeoutMs, () =>
      fail(new TransientError(`no data from ${url.host} for ${seconds(idleTimeoutMs)} (idle timeout)`)),
    );
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      response = res;
      res.once('close', () => (finished = true));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url });
    });
    req.on('error', (err) => {
      clearTimeout(connectTimer);
      reject(describeNetworkError(err, url));
    });
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Node connects to a literal IP without calling `lookup`, so check those up front. */
function checkLiteralAddress(url: URL, policy: AddressPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) return;
  const why = addressRefusal(host, policy);
  if (why) throw new StrataError('DENIED', `refusing to connect to ${url.host}: ${why} (address policy)`);
}

function guardedLookup(policy: AddressPolicy, resolve: Resolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((a) => !options.family || a.family === options.family);
        if (addresses.length === 0) return callback(notFound(hostname), '', 0);
        // Refuse when any answer is refused, so a mixed answer cannot smuggle one through.
        for (const { address } of addresses) {
          const why = addressRefusal(address, policy);
          if (why) {
            const err = new StrataError(
              'DENIED',
              `refusing to connect to ${hostname} (${address}): ${why} (address policy)`,
            );
            return callback(err as NodeJS.ErrnoException, '', 0);
          }
        }
        const first = addresses[0] as LookupAddress;
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETRESET',
]);

/** Turn a Node socket/TLS error into a message that says what happened and where. */
export function describeNetworkError(err: unknown, url: URL): StrataError {
  if (err instanceof StrataError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (e.name === 'AbortError') return new StrataError('NETWORK', `request to ${url.host} was aborted`);
  if (code === 'ECONNREFUSED') {
    return new StrataError(
      'NETWORK',
      `cannot connect to ${url.host}: connection refused (is a registry listening there?)`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME') {
    return new StrataError('NETWORK', `cannot resolve host "${url.hostname}"`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new StrataError('NETWORK', `cannot reach ${url.host}: ${code}`);
  }
  if (TRANSIENT_CODES.has(code) || e.message === 'socket hang up' || e.message === 'aborted') {
    return new TransientError(`connection to ${url.host} dropped (${code || e.message})`);
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return new StrataError('NETWORK', `TLS error talking to ${url.host}: ${e.message}`);
  }
  return new StrataError('NETWORK', `request to ${url.host} failed: ${e.message}`);
}

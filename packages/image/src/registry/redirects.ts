/**
 * GET with redirects followed by hand, because credentials must never follow a redirect to
 * another origin (registries redirect blob downloads to object storage, which authenticates
 * with a signed URL instead). Each hop goes through the transport, so the address policy is
 * checked on every hop's resolved address.
 */
import { StrataError } from '../errors.js';
import { discard } from './body.js';
import type { HttpResponse, Transport } from './transport.js';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function getFollowingRedirects(
  transport: Transport,
  url: URL,
  headers: Record<string, string>,
): Promise<HttpResponse> {
  let current = url;
  let sending = headers;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await transport.send(current, 'GET', sending);
    if (!REDIRECTS.has(res.status)) return res;
    const location = res.headers.location;
    await discard(res);
    if (!location) throw new StrataError('NETWORK', `${current.host} answered a redirect without a Location`);
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new StrataError(
        'NETWORK',
        `${current.host} redirected to an unsupported scheme ${next.protocol}`,
      );
    }
    if (next.origin !== url.origin) sending = withoutCredentials(sending);
    current = next;
  }
  throw new StrataError(
    'NETWORK',
    `too many redirects (more than ${MAX_REDIRECTS}) fetching from ${url.host}`,
  );
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const kept = Object.entries(headers).filter(([name]) => !/^(authorization|cookie)$/i.test(name));
  return Object.fromEntries(kept);
}

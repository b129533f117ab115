/**
 * Listing a repository's tags (distribution spec "Listing Tags"): `GET /v2/<name>/tags/list?n=`
 * answers `{ name, tags }` and, when there are more, `Link: <url>; rel="next"`. Only a next page
 * on the same origin is followed: credentials are never sent elsewhere.
 */
import { StrataError } from '../errors.js';

export const MAX_TAG_PAGES = 50;

export function parseTagList(bytes: Buffer, what: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new StrataError('CORRUPT', `${what}: the registry's tag list is not JSON`);
  }
  const tags = (value as { tags?: unknown } | null)?.tags;
  if (tags === null || tags === undefined) return [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
    throw new StrataError('CORRUPT', `${what}: the registry's tag list has no "tags" array of strings`);
  return tags;
}

/** The `rel="next"` target of a Link header, resolved against `base`; undefined when none or foreign. */
export function nextPage(link: string | string[] | undefined, base: URL): URL | undefined {
  const text = Array.isArray(link) ? link.join(', ') : link;
  const m = text ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(text) : null;
  if (!m?.[1]) return undefined;
  const url = new URL(m[1], base);
  return url.origin === base.origin ? url : undefined;
}

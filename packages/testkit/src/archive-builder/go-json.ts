import { createHash } from 'node:crypto';

/**
 * JSON.stringify with Go's encoding/json escaping (`<`, `>`, `&`, U+2028, U+2029 as \uXXXX), so
 * documents we imitate from Go tools (docker, skopeo) hash the same as theirs. The characters can
 * only occur inside strings, so replacing them in the whole text is safe.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Go marshals maps with sorted keys; objects we build as "maps" go through this first. */
export function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The hex part of `sha256:<hex>`. */
export function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

/** Go's time.Time JSON form for whole seconds (`1970-01-01T00:00:00Z`, no milliseconds). */
export function goTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

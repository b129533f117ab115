/**
 * The Content-Type of a file from the image, by its first bytes (WHATWG MIME Sniffing's
 * signatures for the image types). Never text/html or image/svg+xml: the bytes are untrusted and
 * served from our origin, so markup is sent as text/plain (and the route adds a sandbox CSP).
 */
const SIGNATURES: Array<[string, number[], number?]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/bmp', [0x42, 0x4d]],
  ['image/x-icon', [0x00, 0x00, 0x01, 0x00]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['application/gzip', [0x1f, 0x8b]],
  ['application/zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/x-executable', [0x7f, 0x45, 0x4c, 0x46]],
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sniffContentType(head: Buffer): string {
  for (const [type, magic] of SIGNATURES) if (magic.every((b, i) => head[i] === b)) return type;
  if (
    head.length >= 12 &&
    head.toString('latin1', 0, 4) === 'RIFF' &&
    head.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  if (head.length === 0) return 'text/plain; charset=utf-8';
  return isUtf8Text(head) ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // The head may end inside a multi-byte character: drop up to 3 trailing bytes of one.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    try {
      utf8.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

/**
 * Errors as the user reads them: what went wrong and what to do next. Codes come from the
 * server's `{ error: { code, message } }`; unknown codes keep the server's message.
 */
export interface ReadableError {
  title: string;
  message: string;
  hint: string;
}

const HINTS: Array<[RegExp, string, string]> = [
  [
    /NOT_AN_IMAGE|UNKNOWN_FORMAT|FORMAT|NOT_A_TAR|BAD_ARCHIVE|INVALID_ARCHIVE/i,
    'This file is not a container image archive',
    'Export an image with `docker save IMAGE -o image.tar`, `podman save`, or `skopeo copy … docker-archive:image.tar`, then drop that file here.',
  ],
  [
    /TOO_LARGE|PAYLOAD|\b413\b/i,
    'The archive is larger than this server accepts',
    'Ask the operator to raise the upload limit, or analyze the image by reference from its registry instead.',
  ],
  [
    /TRUNCATED|UNEXPECTED_EOF|INCOMPLETE/i,
    'The archive ends early',
    'The file was cut short (interrupted download or copy). Export the image again and retry.',
  ],
  [
    /DIGEST|MISMATCH|TAMPER/i,
    "The archive's contents do not match its digests",
    'The file was modified or corrupted after export. Export the image again.',
  ],
  [
    /AUTH|UNAUTHORI[SZ]ED|DENIED|FORBIDDEN|\b401\b|\b403\b/i,
    'The registry refused access',
    'Check the username and password (or token), and that the account may pull this repository.',
  ],
  [
    /MANIFEST_UNKNOWN|NOT_FOUND|NAME_UNKNOWN|\b404\b/i,
    'The registry does not have this image',
    'Check the repository name and tag (e.g. `nginx:1.27`) or digest, and the registry address.',
  ],
  [/PLATFORM/i, 'This image has no such platform', 'Pick one of the platforms listed for this image.'],
  [
    /REFERENCE|INVALID_REF/i,
    'This is not an image reference',
    'Write it as `name:tag`, `registry:port/name:tag` or `name@sha256:…`.',
  ],
  [
    /ADDRESS|PRIVATE|BLOCKED|POLICY/i,
    'The server may not contact this registry',
    'The server refuses private or link-local addresses unless its operator allows them.',
  ],
  [
    /NETWORK|UNREACHABLE|TIMEOUT|ECONN|FETCH/i,
    'Could not reach the server or registry',
    'Check that the Strata server is running and the registry address is right, then retry.',
  ],
  [/CANCEL/i, 'The analysis was cancelled', 'Start it again when you are ready.'],
];

export function readableError(code: string | undefined, message: string): ReadableError {
  // The code decides when it can; the message only when the code says nothing (a port such as
  // 127.0.0.1:34011 in a message must not read as an HTTP 401).
  for (const probe of [code ?? '', message]) {
    for (const [re, title, hint] of HINTS) {
      if (probe && re.test(probe)) return { title, message, hint };
    }
  }
  return {
    title: 'Something went wrong',
    message,
    hint: 'Retry; if it fails again, the message above says where.',
  };
}

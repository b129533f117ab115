/**
 * Path and whiteout conventions of image layers.
 * Whiteouts: OCI image-spec layer.md "Whiteouts" (`.wh.<name>` deletes `<name>`,
 * `.wh..wh..opq` hides everything below its directory in lower layers).
 */
export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
/** Names with this prefix are reserved; dive drops them, and so do we (except the opaque marker). */
export const META_PREFIX = '.wh..wh.';

/** A name that `cleanPath` would change beyond its leading `./` or `/`: empty, `.` or `..` parts, a trailing slash. */
const NEEDS_CLEANING = /(?:^|\/)\.\.?(?:\/|$)|\/\/|^\/|\/$/;

/**
 * Clean a tar entry name the way Go's path.Clean does after trimming the root:
 * `./a//b/../c/` -> `a/c`. Returns '' for the root itself (`.`, `./`, `/`).
 */
export function cleanPath(name: string): string {
  // The decoder cleans every tar name: most are clean already but for a leading `./` or `/`.
  const rest = name.startsWith('./') ? name.slice(2) : name.startsWith('/') ? name.slice(1) : name;
  if (!NEEDS_CLEANING.test(rest)) return rest;
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The absolute display path of a cleaned relative path (`etc/passwd` -> `/etc/passwd`). */
export function absolutePath(relative: string): string {
  return '/' + relative;
}

/** Parent of an absolute or relative path; '' for a top-level name. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '' : path.slice(0, i);
}

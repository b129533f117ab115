/**
 * Image sources in skopeo's syntax (containers-transports(5)):
 *   docker-archive:PATH[:REF|:@N]   oci-archive:PATH[:REF]   oci:DIR[:REF]
 *   docker://REF                    a bare REF (a registry reference)
 *   PATH                            an archive file or a layout directory, format detected
 * skopeo splits PATH from REF at the first colon; so do we, except that an existing path that
 * contains colons is taken whole (checked with `exists`), so `./a:b.tar` still opens.
 */
import type { ArchiveKind } from '../archive/open-archive.js';

export type SourceSpec =
  | { kind: 'archive'; path: string; transport?: ArchiveKind; image?: string }
  | { kind: 'registry'; reference: string };

const TRANSPORTS: ArchiveKind[] = ['docker-archive', 'oci-archive', 'oci'];
const REGISTRY_PREFIX = 'docker://';

export function parseSource(text: string, exists: (path: string) => boolean): SourceSpec {
  if (text.startsWith(REGISTRY_PREFIX))
    return { kind: 'registry', reference: text.slice(REGISTRY_PREFIX.length) };
  for (const transport of TRANSPORTS) {
    if (text.startsWith(`${transport}:`)) {
      return {
        kind: 'archive',
        transport,
        ...splitPathAndImage(text.slice(transport.length + 1), exists, true),
      };
    }
  }
  if (exists(text)) return { kind: 'archive', path: text };
  const split = splitPathAndImage(text, exists, false);
  // `nginx:1.27` stays a reference even beside a directory named nginx: only `@N` or an archive name.
  const archiveLike = split.image?.startsWith('@') || looksLikePath(split.path);
  if (split.image !== undefined && archiveLike && exists(split.path)) return { kind: 'archive', ...split };
  if (looksLikePath(text)) return { kind: 'archive', path: text };
  return { kind: 'registry', reference: text };
}

/** The longest existing PATH before a colon; else (with a transport) skopeo's first-colon split. */
function splitPathAndImage(
  rest: string,
  exists: (path: string) => boolean,
  firstColonFallback: boolean,
): { path: string; image?: string } {
  if (exists(rest)) return { path: rest };
  for (let at = rest.lastIndexOf(':'); at > 0; at = rest.lastIndexOf(':', at - 1)) {
    if (exists(rest.slice(0, at))) return { path: rest.slice(0, at), image: rest.slice(at + 1) };
  }
  const first = rest.indexOf(':');
  if (!firstColonFallback || first < 0) return { path: rest };
  return { path: rest.slice(0, first), image: rest.slice(first + 1) };
}

/** A reference never starts with `/` or `.`, nor ends in an archive suffix: say "no such file" for these. */
function looksLikePath(source: string): boolean {
  return /^(\/|\.{1,2}\/|~)/.test(source) || /\.(tar|tgz|tar\.gz|tar\.zst)$/.test(source);
}

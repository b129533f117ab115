/**
 * Choosing one image among the several an archive or a layout holds, in skopeo's syntax
 * (containers-transports(5)): `docker-archive:PATH:REF` (a RepoTag of manifest.json),
 * `docker-archive:PATH:@N` (the N-th entry of manifest.json), `oci-archive:PATH:REF` and
 * `oci:DIR:REF` (an `org.opencontainers.image.ref.name`). `@N` also works for OCI layouts:
 * the N-th image of index.json as listed here (same-digest or same-name entries are one image).
 * No choice and several images is an error that lists them, never a silent first pick.
 */
import { StrataError } from '../errors.js';
import { formatReference, parseReference } from '../registry/reference.js';

export type ImageChoice = { ref: string } | { index: number };

/** One image of an archive or layout, as listed for a choice (and the web app's picker). */
export interface ImageEntry {
  /** The N of `@N`. */
  index: number;
  /** RepoTags, or the ref-name annotations of index.json. */
  refs: string[];
  /** `os/arch[/variant]` of each platform it offers (one for a plain image; empty when unknown). */
  platforms: string[];
  /**
   * Its layers (diff_id for a docker-archive, blob digest for an OCI layout) and stored sizes,
   * bottom first, so a picker can show sizes and what images share; empty for a multi-platform one.
   */
  layers: Array<{ id: string; size: number }>;
}

/** `@N` or a REF; undefined for an empty choice (none made). */
export function parseImageChoice(text: string | undefined): ImageChoice | undefined {
  if (text === undefined || text === '') return undefined;
  if (!text.startsWith('@')) return { ref: text };
  const n = text.slice(1);
  if (!/^\d{1,6}$/.test(n))
    throw new StrataError(
      'INVALID_REFERENCE',
      `invalid image choice ${JSON.stringify(text)}: expected @N, e.g. @0`,
    );
  return { index: Number(n) };
}

export function formatImageChoice(choice: ImageChoice): string {
  return 'ref' in choice ? choice.ref : `@${choice.index}`;
}

/** Several images and no choice: carries them, so a CLI prints one per line and a server lists them. */
export class SeveralImagesError extends StrataError {
  /** The message without the list: `x.tar holds 2 images; choose one with :REF or :@N`. */
  readonly headline: string;
  constructor(
    readonly images: ImageEntry[],
    what: string,
  ) {
    const headline = `${what} holds ${images.length} images; choose one with :REF or :@N`;
    super('SEVERAL_IMAGES', `${headline} (${images.map(imageLine).join('; ')})`);
    this.name = 'SeveralImagesError';
    this.headline = headline;
  }
}

/** `@1  docker.io/library/b:2, b:latest  linux/amd64`: what a user types, then what it is. */
export function imageLine(entry: ImageEntry): string {
  const refs = entry.refs.length ? entry.refs.join(', ') : '(untagged)';
  const platforms = entry.platforms.length ? `  ${entry.platforms.join(', ')}` : '';
  return `@${entry.index}  ${refs}${platforms}`;
}

/** The chosen image; or the only one when no choice is made. */
export function chooseImage<T extends ImageEntry>(
  entries: T[],
  choice: ImageChoice | undefined,
  what: string,
): T {
  if (entries.length === 0) throw new StrataError('NOT_AN_IMAGE', `${what} holds no image`);
  if (!choice) {
    if (entries.length === 1) return entries[0] as T;
    throw new SeveralImagesError(entries, what);
  }
  const found =
    'index' in choice
      ? entries[choice.index]
      : entries.find((e) => e.refs.some((r) => sameRef(r, choice.ref)));
  if (found) return found;
  throw new StrataError(
    'NOT_FOUND',
    `${what} has no image ${formatImageChoice(choice)}; it holds: ${entries.map(imageLine).join('; ')}`,
  );
}

/** Equal as written, or equal once normalized as Docker does (`a:1` is `docker.io/library/a:1`). */
export function sameRef(have: string, want: string): boolean {
  if (have === want) return true;
  const a = normalized(have);
  return a !== undefined && a === normalized(want);
}

function normalized(ref: string): string | undefined {
  try {
    return formatReference(parseReference(ref));
  } catch {
    return undefined; // an OCI ref name need not be a Docker reference (`v1.0`, `latest`)
  }
}

/**
 * `manifest.json` of a docker-archive (`docker save`, moby image/tarexport): a list of
 * `{ Config, RepoTags, Layers }`, one per image (several for `docker save a b`).
 */
import { StrataError } from '../errors.js';
import { DEFAULT_IMAGE_LIMITS, layerCountError, type ImageLimits } from './image-limits.js';
import { array, field, object, optional, string } from './json-shape.js';
import { parseJson } from './parse-json.js';

export interface ManifestJsonEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

const WHAT = 'manifest.json';

/** The `entryIndex`-th image (`docker-archive:PATH:@N`); the first by default. */
export function parseManifestJson(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  entryIndex = 0,
): ManifestJsonEntry {
  const images = array(parseJson(bytes, WHAT), WHAT);
  if (images.length === 0) throw new StrataError('NOT_AN_IMAGE', `${WHAT} lists no images`);
  if (entryIndex >= images.length) throw new StrataError('NOT_FOUND', `${WHAT} has no image @${entryIndex}`);
  return readEntry(images[entryIndex], field(WHAT, entryIndex), limits);
}

/** Every image of manifest.json, in order (`docker save a b`; `@N` is the N-th). */
export function parseManifestJsonEntries(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): ManifestJsonEntry[] {
  const images = array(parseJson(bytes, WHAT), WHAT);
  if (images.length === 0) throw new StrataError('NOT_AN_IMAGE', `${WHAT} lists no images`);
  return images.map((image, i) => readEntry(image, field(WHAT, i), limits));
}

function readEntry(image: unknown, path: string, limits: ImageLimits): ManifestJsonEntry {
  const doc = object(image, path);
  const layers = array(doc['Layers'], field(path, 'Layers'));
  const tooMany = layerCountError(layers.length, limits, WHAT);
  if (tooMany) throw tooMany;
  return {
    Config: string(doc['Config'], field(path, 'Config')),
    RepoTags: (optional(doc, 'RepoTags', path, array) ?? []).map((t, i) =>
      string(t, field(field(path, 'RepoTags'), i)),
    ),
    Layers: layers.map((l, i) => string(l, field(field(path, 'Layers'), i))),
  };
}

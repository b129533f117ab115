/**
 * `manifest.json` of a docker-archive (`docker save`, moby image/tarexport): a list of
 * `{ Config, RepoTags, Layers }`, one per image; Strata reads the first.
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

export function parseManifestJson(
  bytes: Buffer,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): ManifestJsonEntry {
  const images = array(parseJson(bytes, WHAT), WHAT);
  if (images.length === 0) throw new StrataError('NOT_AN_IMAGE', `${WHAT} lists no images`);
  const path = field(WHAT, 0);
  const doc = object(images[0], path);
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

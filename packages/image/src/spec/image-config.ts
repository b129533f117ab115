/**
 * Image configs (image-spec config.md; Docker's image JSON is the same document), checked in
 * the fields Strata reads: platform, labels, rootfs.diff_ids, history. Other fields pass through
 * unread. A wrong type names its field: `config.history[3].created_by: expected a string`.
 */
import type { ImageConfig } from '../image.js';
import {
  DEFAULT_IMAGE_LIMITS,
  MAX_HISTORY_ENTRIES,
  layerCountError,
  type ImageLimits,
} from './image-limits.js';
import {
  array,
  boolean,
  digest,
  field,
  list,
  object,
  optional,
  string,
  stringRecord,
  type Json,
} from './json-shape.js';
import { parseJson } from './parse-json.js';

type History = NonNullable<ImageConfig['history']>[number];

/** Parse config bytes; `what` names the document in messages (a file name or a digest). */
export function parseImageConfig(
  bytes: Buffer,
  what: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): ImageConfig {
  return readImageConfig(parseJson(bytes, what), what, limits);
}

export function readImageConfig(value: unknown, what: string, limits: ImageLimits): ImageConfig {
  const path = 'config';
  const doc = object(value, path);
  for (const key of ['architecture', 'os', 'variant'] as const) optional(doc, key, path, string);
  const inner = optional(doc, 'config', path, object);
  if (inner) optional(inner, 'Labels', field(path, 'config'), stringRecord);
  const rootfs = object(doc['rootfs'], field(path, 'rootfs'));
  const diffIds = array(rootfs['diff_ids'], field(path, 'rootfs.diff_ids'));
  const tooMany = layerCountError(diffIds.length, limits, what);
  if (tooMany) throw tooMany;
  diffIds.forEach((d, i) => digest(d, field(field(path, 'rootfs.diff_ids'), i)));
  const history = optional(doc, 'history', path, (v, p) => list(v, p, MAX_HISTORY_ENTRIES, readHistory));
  const config = doc as ImageConfig;
  // Docker writes `"history": null` for images without one; the model says absent.
  if (history === undefined) delete config.history;
  return config;
}

function readHistory(value: unknown, path: string): History {
  const doc: Json = object(value, path);
  for (const key of ['created', 'created_by', 'author', 'comment'] as const) optional(doc, key, path, string);
  optional(doc, 'empty_layer', path, boolean);
  return doc as History;
}

/**
 * Image manifests (image-spec manifest.md, Docker schema 2) and image indexes (image-index.md,
 * Docker manifest lists), from a registry or an OCI layout: parsed and checked field by field.
 */
import { StrataError, wrapError } from '../errors.js';
import type { Descriptor, Manifest } from '../image.js';
import { readDescriptor } from './descriptor.js';
import {
  DEFAULT_IMAGE_LIMITS,
  MAX_INDEX_ENTRIES,
  layerCountError,
  type ImageLimits,
} from './image-limits.js';
import { array, count, field, list, object, optional, stringRecord, type Json } from './json-shape.js';
import { DOCKER_SCHEMA1, OCI_INDEX, OCI_MANIFEST, isImageManifestType, isIndexType } from './media-types.js';
import { parseJson } from './parse-json.js';

export interface ManifestIndex {
  schemaVersion: number;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export type ParsedManifest = { kind: 'index'; index: ManifestIndex } | { kind: 'image'; manifest: Manifest };

/**
 * `contentType` is the response's Content-Type (none in an archive); the document's own
 * `mediaType` field wins when present (image-spec requires them to agree; some registries send
 * a generic type). `what` names the document in messages.
 */
export function parseManifest(
  bytes: Buffer,
  contentType: string | undefined,
  what: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): ParsedManifest {
  const doc = object(parseJson(bytes, what), what);
  try {
    return readParsed(doc, contentType, what, limits);
  } catch (err) {
    throw err instanceof StrataError && err.code === 'CORRUPT' ? wrapError(what, err) : err;
  }
}

function readParsed(
  doc: Json,
  contentType: string | undefined,
  what: string,
  limits: ImageLimits,
): ParsedManifest {
  const declared = optional(doc, 'mediaType', '', (v, p) => (typeof v === 'string' ? v : badType(v, p)));
  const headerType = contentType?.split(';')[0]?.trim();
  const mediaType = declared ?? inferType(doc, headerType);
  if (DOCKER_SCHEMA1.test(mediaType) || doc['schemaVersion'] === 1) {
    throw new StrataError('UNSUPPORTED', `${what} is a Docker schema 1 manifest, which is not supported`);
  }
  if (isIndexType(mediaType)) return { kind: 'index', index: readIndex(doc, mediaType) };
  if (isImageManifestType(mediaType))
    return { kind: 'image', manifest: readManifest(doc, mediaType, what, limits) };
  throw new StrataError(
    'UNSUPPORTED',
    `${what} has media type "${mediaType}", which is not an image or index`,
  );
}

function badType(value: unknown, path: string): never {
  throw new StrataError('CORRUPT', `${path}: expected a string, got ${JSON.stringify(value)}`);
}

/** OCI manifests may omit `mediaType`; then `manifests` vs `config` tells them apart. */
function inferType(doc: Json, headerType: string | undefined): string {
  if (headerType && (isIndexType(headerType) || isImageManifestType(headerType))) return headerType;
  if (doc['manifests'] !== undefined) return OCI_INDEX;
  if (doc['config'] !== undefined) return OCI_MANIFEST;
  return headerType ?? 'unknown';
}

/** An image index; `what` names it in messages (`index.json`, `manifest docker.io/library/x:1`). */
export function readIndex(doc: Json, mediaType: string): ManifestIndex {
  const index: ManifestIndex = {
    schemaVersion: optional(doc, 'schemaVersion', '', count) ?? 2,
    mediaType,
    manifests: list(doc['manifests'], 'manifests', MAX_INDEX_ENTRIES, readDescriptor),
  };
  const annotations = optional(doc, 'annotations', '', stringRecord);
  if (annotations) index.annotations = annotations;
  return index;
}

function readManifest(doc: Json, mediaType: string, what: string, limits: ImageLimits): Manifest {
  const layers = array(doc['layers'], 'layers');
  const tooMany = layerCountError(layers.length, limits, what);
  if (tooMany) throw tooMany;
  const manifest: Manifest = {
    schemaVersion: optional(doc, 'schemaVersion', '', count) ?? 2,
    mediaType,
    config: readDescriptor(doc['config'], 'config'),
    layers: layers.map((d, i) => readDescriptor(d, field('layers', i))),
  };
  const annotations = optional(doc, 'annotations', '', stringRecord);
  if (annotations) manifest.annotations = annotations;
  return manifest;
}

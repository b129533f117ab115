/**
 * Parse manifest bytes from a registry into either an index (OCI image-spec image-index.md,
 * Docker manifest list) or an image manifest (image-spec manifest.md, Docker schema 2),
 * checking the fields we rely on so a malformed document fails with a clear message.
 */
import { StrataError } from '../errors.js';
import type { Descriptor, Manifest } from '../image.js';
import { digestProblem } from './digest.js';
import { DOCKER_SCHEMA1, OCI_INDEX, OCI_MANIFEST, isImageManifestType, isIndexType } from './media-types.js';

export interface ManifestIndex {
  schemaVersion: number;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export type ParsedManifest = { kind: 'index'; index: ManifestIndex } | { kind: 'image'; manifest: Manifest };

/**
 * `contentType` is the response's Content-Type; the document's own `mediaType` field wins when
 * present (image-spec requires them to agree; some registries send a generic type).
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ParsedManifest {
  const doc = parseJson(bytes, what);
  const declared = typeof doc['mediaType'] === 'string' ? doc['mediaType'] : undefined;
  const headerType = contentType?.split(';')[0]?.trim();
  const mediaType = declared ?? inferType(doc, headerType);
  if (DOCKER_SCHEMA1.test(mediaType) || doc['schemaVersion'] === 1) {
    throw new StrataError('UNSUPPORTED', `${what} is a Docker schema 1 manifest, which is not supported`);
  }
  if (isIndexType(mediaType)) return { kind: 'index', index: toIndex(doc, mediaType, what) };
  if (isImageManifestType(mediaType)) return { kind: 'image', manifest: toManifest(doc, mediaType, what) };
  throw new StrataError(
    'UNSUPPORTED',
    `${what} has media type "${mediaType}", which is not an image or index`,
  );
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new StrataError('CORRUPT', `${what} is not valid JSON`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new StrataError('CORRUPT', `${what} is not a JSON object`);
  }
  return doc as Record<string, unknown>;
}

/** OCI manifests may omit `mediaType`; then `manifests` vs `config` tells them apart. */
function inferType(doc: Record<string, unknown>, headerType: string | undefined): string {
  if (headerType && (isIndexType(headerType) || isImageManifestType(headerType))) return headerType;
  if (Array.isArray(doc['manifests'])) return OCI_INDEX;
  if (doc['config'] !== undefined) return OCI_MANIFEST;
  return headerType ?? 'unknown';
}

function toIndex(doc: Record<string, unknown>, mediaType: string, what: string): ManifestIndex {
  const list = doc['manifests'];
  if (!Array.isArray(list)) throw new StrataError('CORRUPT', `${what}: index has no "manifests" list`);
  const index: ManifestIndex = {
    schemaVersion: Number(doc['schemaVersion'] ?? 2),
    mediaType,
    manifests: list.map((d, i) => toDescriptor(d, `${what}: manifests[${i}]`)),
  };
  const annotations = doc['annotations'];
  if (isStringRecord(annotations)) index.annotations = annotations;
  return index;
}

function toManifest(doc: Record<string, unknown>, mediaType: string, what: string): Manifest {
  const layers = doc['layers'];
  if (!Array.isArray(layers)) throw new StrataError('CORRUPT', `${what}: manifest has no "layers" list`);
  const manifest: Manifest = {
    schemaVersion: Number(doc['schemaVersion'] ?? 2),
    mediaType,
    config: toDescriptor(doc['config'], `${what}: config`),
    layers: layers.map((d, i) => toDescriptor(d, `${what}: layers[${i}]`)),
  };
  const annotations = doc['annotations'];
  if (isStringRecord(annotations)) manifest.annotations = annotations;
  return manifest;
}

function toDescriptor(value: unknown, what: string): Descriptor {
  if (typeof value !== 'object' || value === null)
    throw new StrataError('CORRUPT', `${what} is not a descriptor`);
  const d = value as Record<string, unknown>;
  const { mediaType, digest, size } = d;
  if (typeof digest !== 'string' || digestProblem(digest)) {
    throw new StrataError('CORRUPT', `${what} has a bad digest ${JSON.stringify(digest)}`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new StrataError('CORRUPT', `${what} has a bad size ${JSON.stringify(size)}`);
  }
  const out: Descriptor = { mediaType: typeof mediaType === 'string' ? mediaType : '', digest, size };
  if (isStringRecord(d['annotations'])) out.annotations = d['annotations'];
  const platform = d['platform'];
  if (typeof platform === 'object' && platform !== null) {
    const p = platform as Record<string, unknown>;
    out.platform = { os: String(p['os'] ?? ''), architecture: String(p['architecture'] ?? '') };
    if (typeof p['variant'] === 'string') out.platform.variant = p['variant'];
  }
  return out;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

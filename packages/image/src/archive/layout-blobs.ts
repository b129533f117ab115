/**
 * The OCI layout part of an archive (image-spec image-layout.md): `index.json` and the
 * `blobs/<alg>/<hex>` it points at, each verified against its digest and parsed by the spec
 * core. Used by OCI layout archives and by Docker 25+ `docker save` (which writes one too).
 */
import { StrataError, wrapError } from '../errors.js';
import type { Descriptor, ImageConfig, Manifest } from '../image.js';
import type { ImageLimits } from '../spec/image-limits.js';
import { parseImageConfig } from '../spec/image-config.js';
import { parseManifest, readIndex, type ManifestIndex } from '../spec/manifest.js';
import { OCI_INDEX, isIndexType } from '../spec/media-types.js';
import { parseJson } from '../spec/parse-json.js';
import { object } from '../spec/json-shape.js';
import { blobPath } from './archive-layer.js';
import { readArchiveBlob } from './blob-json.js';
import type { TarIndex } from './tar-index.js';

/** index.json as the archive holds it (shown to users as is). */
export async function readIndexDocument(index: TarIndex): Promise<Record<string, unknown>> {
  return object(parseJson(await readArchiveBlob(index, 'index.json'), 'index.json'), 'index.json');
}

export async function readIndexJson(index: TarIndex): Promise<ManifestIndex> {
  const doc = await readIndexDocument(index);
  try {
    return readIndex(doc, OCI_INDEX);
  } catch (err) {
    throw wrapError('index.json', err);
  }
}

async function readBlob(index: TarIndex, desc: Descriptor, what: string): Promise<Buffer> {
  const path = blobPath(desc.digest);
  if (!index.has(path))
    throw new StrataError('MISSING_BLOB', `${what} ${desc.digest} is missing from the archive`);
  return readArchiveBlob(index, path, desc.digest);
}

/** A nested index (a multi-platform image inside the layout). */
export async function readNestedIndex(
  index: TarIndex,
  desc: Descriptor,
  limits: ImageLimits,
): Promise<ManifestIndex> {
  const parsed = parseManifest(
    await readBlob(index, desc, 'image index'),
    desc.mediaType,
    `index ${desc.digest}`,
    limits,
  );
  if (parsed.kind !== 'index')
    throw new StrataError('CORRUPT', `${desc.digest} is listed as an index but is an image manifest`);
  return parsed.index;
}

export async function readLayoutManifest(
  index: TarIndex,
  desc: Descriptor,
  limits: ImageLimits,
): Promise<Manifest> {
  const what = `manifest ${desc.digest}`;
  const parsed = parseManifest(
    await readBlob(index, desc, 'manifest'),
    desc.mediaType || undefined,
    what,
    limits,
  );
  if (parsed.kind !== 'image')
    throw new StrataError('CORRUPT', `${what} is an index, listed as an image manifest`);
  return parsed.manifest;
}

export async function readLayoutConfig(
  index: TarIndex,
  desc: Descriptor,
  limits: ImageLimits,
): Promise<ImageConfig> {
  const bytes = await readBlob(index, desc, 'config');
  try {
    return parseImageConfig(bytes, `config ${desc.digest}`, limits);
  } catch (err) {
    throw wrapError(`reading config ${desc.digest}`, err);
  }
}

/** Docker 25+ archives: the manifest in index.json whose config is `configDigest`. */
export async function findIndexManifest(
  index: TarIndex,
  configDigest: string,
  limits: ImageLimits,
): Promise<{ digest: string; manifest: Manifest } | undefined> {
  for (const desc of (await readIndexJson(index)).manifests) {
    if (isIndexType(desc.mediaType) || !index.has(blobPath(desc.digest))) continue;
    const manifest = await readLayoutManifest(index, desc, limits);
    if (manifest.config.digest === configDigest) return { digest: desc.digest, manifest };
  }
  return undefined;
}

/**
 * `docker save` / `podman save` archives: a top-level manifest.json lists the config file and
 * the layer files of each image. Covers legacy Docker (`<id>/layer.tar`), Docker 25+ (layers are
 * `blobs/sha256/<hex>` of an OCI layout beside it), kaniko/ggcr tarballs (`<hex>.tar.gz`, config
 * `sha256:<hex>`) and podman/skopeo (`<diffid>.tar`, `<id>/layer.tar` as links).
 */
import { StrataError, wrapError } from '../errors.js';
import type { Descriptor, Image, Layer, Manifest } from '../image.js';
import { once } from '../memo.js';
import { sha256 } from '../spec/digest.js';
import { parseManifestJson } from '../spec/docker-manifest-json.js';
import { parseImageConfig } from '../spec/image-config.js';
import type { ImageLimits } from '../spec/image-limits.js';
import { DOCKER_CONFIG, DOCKER_LAYER, DOCKER_MANIFEST } from '../spec/media-types.js';
import { layersOf } from '../spec/partial.js';
import type { ArchiveFile } from './archive-file.js';
import { ArchiveLayer, digestInName } from './archive-layer.js';
import { readArchiveBlob } from './blob-json.js';
import { findIndexManifest, readIndexDocument } from './layout-blobs.js';

export function isDockerArchive(archive: ArchiveFile): boolean {
  return archive.index.has('manifest.json');
}

/** `entryIndex`: which image of manifest.json (see image-choice.ts); warnings collect what was tolerated. */
export function dockerArchiveImage(
  archive: ArchiveFile,
  source: string,
  limits: ImageLimits,
  entryIndex = 0,
  warnings: string[] = [],
): Image {
  const { index } = archive;
  const entry = once(async () =>
    parseManifestJson(await readArchiveBlob(index, 'manifest.json'), limits, entryIndex),
  );
  const config = once(async () => {
    const { Config } = await entry();
    const raw = await readArchiveBlob(index, Config);
    warnIfMisnamed(Config, sha256(raw), warnings);
    try {
      return { value: parseImageConfig(raw, Config, limits), digest: sha256(raw), size: raw.length };
    } catch (err) {
      throw wrapError(`reading config ${Config}`, err);
    }
  });
  // Docker 25+ also writes an OCI index: its manifest carries the real digest and media types.
  const ociManifest = once(async () =>
    index.has('index.json') ? findIndexManifest(index, (await config()).digest, limits) : undefined,
  );
  const layers = once(async (): Promise<Layer[]> => {
    const [{ Layers }, { value }, oci] = await Promise.all([entry(), config(), ociManifest()]);
    const make = (name: string, diffId: string, i: number): Layer => {
      if (!index.has(name))
        throw new StrataError('MISSING_BLOB', `manifest.json names layer ${name}, which the archive lacks`);
      const mediaType = oci?.manifest.layers[i]?.mediaType ?? DOCKER_LAYER;
      return new ArchiveLayer(index, name, digestInName(name) ?? diffId, diffId, mediaType);
    };
    return layersOf(value, { listed: Layers, listedIn: 'manifest.json', make }, limits);
  });
  const manifest = once(async (): Promise<Manifest> => {
    const oci = await ociManifest();
    if (oci) return oci.manifest;
    const [c, ls] = await Promise.all([config(), layers()]);
    const configDesc: Descriptor = { mediaType: DOCKER_CONFIG, digest: c.digest, size: c.size };
    const layerDescs = ls.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }));
    return { schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: configDesc, layers: layerDescs };
  });
  return {
    source,
    digest: async () => (await ociManifest())?.digest ?? (await config()).digest,
    manifest,
    config: async () => (await config()).value,
    layers,
    names: async () => (await entry()).RepoTags,
    // Docker 25+'s index.json, shown to users as is.
    index: async () => (index.has('index.json') ? readIndexDocument(index) : undefined),
    warnings,
    close: () => archive.close(),
  };
}

/**
 * A config named `<hex>.json` or `sha256:<hex>` whose content has another digest: go-containerregistry
 * loads such archives (its tarball reader trusts manifest.json), so we do, with a warning; the
 * image's identity is the content's digest.
 */
function warnIfMisnamed(name: string, actual: string, warnings: string[]): void {
  const named = digestInName(name);
  if (named && named !== actual)
    warnings.push(`the config ${name} has digest ${actual}, not the one its name says; using its content`);
}

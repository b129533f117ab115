/**
 * `docker save` / `podman save` archives: a top-level manifest.json lists the config file and
 * the layer files of each image. Covers legacy Docker (`<id>/layer.tar`), Docker 25+ (layers are
 * `blobs/sha256/<hex>` of an OCI layout beside it), kaniko/ggcr tarballs (`<hex>.tar.gz`, config
 * `sha256:<hex>`) and podman/skopeo (`<diffid>.tar`, `<id>/layer.tar` as links).
 */
import { StrataError } from '../errors.js';
import type { Descriptor, Image, ImageConfig, Layer, Manifest } from '../image.js';
import { once } from '../memo.js';
import { sha256 } from '../digest.js';
import type { ArchiveFile } from './archive-file.js';
import { ArchiveLayer, digestInName } from './archive-layer.js';
import { readArchiveJson } from './blob-json.js';
import { findIndexManifest } from './oci-layout.js';

export interface ManifestJsonEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';

export function isDockerArchive(archive: ArchiveFile): boolean {
  return archive.index.has('manifest.json');
}

/** `entryIndex`: which image of manifest.json (see image-choice.ts); warnings collect what was tolerated. */
export function dockerArchiveImage(
  archive: ArchiveFile,
  source: string,
  entryIndex = 0,
  warnings: string[] = [],
): Image {
  const { index } = archive;
  const entry = once(async () => {
    const entries = manifestJsonEntries((await readArchiveJson<unknown>(index, 'manifest.json')).value);
    const chosen = entries[entryIndex];
    if (!chosen) throw new StrataError('NOT_FOUND', `manifest.json has no image @${entryIndex}`);
    return chosen;
  });
  const config = once(async () => {
    const { Config } = await entry();
    const { value, raw } = await readArchiveJson<ImageConfig>(index, Config);
    warnIfMisnamed(Config, sha256(raw), warnings);
    return { value: checkConfig(value, Config), digest: sha256(raw), size: raw.length };
  });
  // Docker 25+ also writes an OCI index: its manifest carries the real digest and media types.
  const ociManifest = once(async () =>
    index.has('index.json') ? findIndexManifest(index, (await config()).digest) : undefined,
  );
  const layers = once(async (): Promise<Layer[]> => {
    const [{ Layers }, { value }, oci] = await Promise.all([entry(), config(), ociManifest()]);
    const diffIds = value.rootfs.diff_ids;
    if (diffIds.length !== Layers.length) {
      throw new StrataError(
        'CORRUPT',
        `the config lists ${diffIds.length} diff_ids but manifest.json lists ${Layers.length} layers`,
      );
    }
    return Layers.map((name, i) => {
      if (!index.has(name))
        throw new StrataError('MISSING_BLOB', `manifest.json names layer ${name}, which the archive lacks`);
      const diffId = diffIds[i] as string;
      const mediaType = oci?.manifest.layers[i]?.mediaType ?? DOCKER_LAYER;
      return new ArchiveLayer(index, name, digestInName(name) ?? diffId, diffId, mediaType);
    });
  });
  const manifest = once(async (): Promise<Manifest> => {
    const oci = await ociManifest();
    if (oci) return oci.manifest;
    const [c, ls] = await Promise.all([config(), layers()]);
    const configDesc: Descriptor = {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      digest: c.digest,
      size: c.size,
    };
    const layerDescs = ls.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }));
    return { schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: configDesc, layers: layerDescs };
  });
  return {
    source,
    digest: async () => (await ociManifest())?.digest ?? (await config()).digest,
    manifest,
    config: async () => (await config()).value,
    layers,
    names: async () => (await entry()).RepoTags ?? [],
    warnings,
    close: () => archive.close(),
  };
}

/** Every image of manifest.json, in order (`@N` is the N-th). */
export function manifestJsonEntries(value: unknown): ManifestJsonEntry[] {
  const entries = Array.isArray(value) ? (value as Partial<ManifestJsonEntry>[]) : [];
  const valid = (e: Partial<ManifestJsonEntry> | null): boolean =>
    !!e && typeof e.Config === 'string' && Array.isArray(e.Layers);
  if (entries.length === 0 || !entries.every(valid)) {
    throw new StrataError(
      'NOT_AN_IMAGE',
      'manifest.json is not a docker-archive manifest (expected [{Config, Layers}])',
    );
  }
  return entries as ManifestJsonEntry[];
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

export function checkConfig(value: ImageConfig, name: string): ImageConfig {
  if (!value || typeof value !== 'object' || !Array.isArray(value.rootfs?.diff_ids)) {
    throw new StrataError('CORRUPT', `${name} is not an image config (no rootfs.diff_ids)`);
  }
  return value;
}

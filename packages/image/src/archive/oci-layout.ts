/**
 * OCI image layout archives (image-spec image-layout.md): `index.json` points at a manifest,
 * or at a nested index from which one platform is chosen; every blob is `blobs/<alg>/<hex>`
 * and is verified against its digest.
 */
import { StrataError } from '../errors.js';
import type { Descriptor, Image, ImageConfig, Layer, Manifest, Platform } from '../image.js';
import { once } from '../memo.js';
import { selectManifest } from '../platform.js';
import type { ArchiveFile } from './archive-file.js';
import { ArchiveLayer, blobPath } from './archive-layer.js';
import { readArchiveJson } from './blob-json.js';
import { checkConfig } from './docker-archive.js';
import type { TarIndex } from './tar-index.js';

interface IndexDocument {
  mediaType?: string;
  manifests?: Descriptor[];
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const REF_NAMES = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];
const MAX_NESTING = 4;

export function isOciLayout(archive: ArchiveFile): boolean {
  return archive.index.has('index.json');
}

export function ociLayoutImage(archive: ArchiveFile, source: string, platform?: Platform): Image {
  const { index } = archive;
  const chosen = once(() => chooseManifest(index, platform));
  const manifest = once(async () => readManifest(index, (await chosen()).descriptor));
  const config = once(async () => {
    const desc = (await manifest()).config;
    return checkConfig(await readBlob<ImageConfig>(index, desc, 'config'), 'the config');
  });
  const layers = once(async (): Promise<Layer[]> => {
    const [m, c] = await Promise.all([manifest(), config()]);
    if (c.rootfs.diff_ids.length !== m.layers.length) {
      throw new StrataError(
        'CORRUPT',
        `the config lists ${c.rootfs.diff_ids.length} diff_ids but the manifest ${m.layers.length} layers`,
      );
    }
    return m.layers.map((d, i) => {
      if (!index.has(blobPath(d.digest)))
        throw new StrataError('MISSING_BLOB', `layer ${d.digest} is missing from the archive`);
      return new ArchiveLayer(
        index,
        blobPath(d.digest),
        d.digest,
        c.rootfs.diff_ids[i] as string,
        d.mediaType,
      );
    });
  });
  return {
    source,
    digest: async () => (await chosen()).descriptor.digest,
    manifest,
    config,
    layers,
    names: async () => refNames((await chosen()).top),
    index: async () => (await readArchiveJson<Record<string, unknown>>(index, 'index.json')).value,
    close: () => archive.close(),
  };
}

/** Walk from index.json to one image manifest, choosing a platform at each index. */
async function chooseManifest(
  index: TarIndex,
  platform?: Platform,
): Promise<{ descriptor: Descriptor; top: Descriptor }> {
  let doc = (await readArchiveJson<IndexDocument>(index, 'index.json')).value;
  let top: Descriptor | undefined;
  for (let depth = 0; depth < MAX_NESTING; depth++) {
    const manifests = doc.manifests ?? [];
    if (manifests.length === 0) throw new StrataError('NOT_AN_IMAGE', 'index.json lists no manifests');
    const only = manifests.length === 1 ? (manifests[0] as Descriptor) : undefined;
    // A lone entry is taken unless it names another platform than the one asked for.
    const pick =
      only && (!platform || !only.platform || INDEX_TYPES.has(only.mediaType))
        ? only
        : selectManifest(manifests, platform, 'the archive');
    top ??= pick;
    if (!INDEX_TYPES.has(pick.mediaType)) return { descriptor: pick, top };
    doc = await readBlob<IndexDocument>(index, pick, 'image index');
  }
  throw new StrataError('UNSUPPORTED', `image indexes nested more than ${MAX_NESTING} deep`);
}

async function readManifest(index: TarIndex, desc: Descriptor): Promise<Manifest> {
  const manifest = await readBlob<Manifest>(index, desc, 'manifest');
  if (!manifest?.config?.digest || !Array.isArray(manifest.layers)) {
    throw new StrataError('CORRUPT', `manifest ${desc.digest} has no config or layers`);
  }
  return manifest;
}

async function readBlob<T>(index: TarIndex, desc: Descriptor, what: string): Promise<T> {
  const path = blobPath(desc.digest);
  if (!index.has(path))
    throw new StrataError('MISSING_BLOB', `${what} ${desc.digest} is missing from the archive`);
  return (await readArchiveJson<T>(index, path, desc.digest)).value;
}

/** Docker 25+ archives: the manifest in index.json whose config is `configDigest`. */
export async function findIndexManifest(
  index: TarIndex,
  configDigest: string,
): Promise<{ digest: string; manifest: Manifest } | undefined> {
  const doc = (await readArchiveJson<IndexDocument>(index, 'index.json')).value;
  for (const desc of doc.manifests ?? []) {
    if (INDEX_TYPES.has(desc.mediaType) || !index.has(blobPath(desc.digest))) continue;
    const manifest = await readManifest(index, desc);
    if (manifest.config.digest === configDigest) return { digest: desc.digest, manifest };
  }
  return undefined;
}

function refNames(desc: Descriptor): string[] {
  return REF_NAMES.map((k) => desc.annotations?.[k]).filter((n): n is string => typeof n === 'string');
}

/**
 * OCI image layout archives (image-spec image-layout.md): `index.json` points at a manifest,
 * or at a nested index from which one platform is chosen; every blob is `blobs/<alg>/<hex>`
 * and is verified against its digest.
 */
import { StrataError } from '../errors.js';
import type { Descriptor, Image, Layer, Platform } from '../image.js';
import { once } from '../memo.js';
import { selectManifest } from '../platform.js';
import type { ImageLimits } from '../spec/image-limits.js';
import type { ManifestIndex } from '../spec/manifest.js';
import { isIndexType } from '../spec/media-types.js';
import { layersOf } from '../spec/partial.js';
import type { ArchiveFile } from './archive-file.js';
import { ArchiveLayer, blobPath } from './archive-layer.js';
import {
  readIndexDocument,
  readIndexJson,
  readLayoutConfig,
  readLayoutManifest,
  readNestedIndex,
} from './layout-blobs.js';
import type { TarIndex } from './tar-index.js';

export const REF_NAMES = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];
const MAX_NESTING = 4;

export function isOciLayout(archive: ArchiveFile): boolean {
  return archive.index.has('index.json');
}

/** `entries`: the index.json descriptors of the chosen image (image-choice.ts); default all of them. */
export function ociLayoutImage(
  archive: ArchiveFile,
  source: string,
  limits: ImageLimits,
  platform?: Platform,
  entries?: Descriptor[],
): Image {
  const { index } = archive;
  const chosen = once(() => chooseManifest(index, limits, platform, entries));
  const manifest = once(async () => readLayoutManifest(index, (await chosen()).descriptor, limits));
  const config = once(async () => readLayoutConfig(index, (await manifest()).config, limits));
  const layers = once(async (): Promise<Layer[]> => {
    const [m, c] = await Promise.all([manifest(), config()]);
    const make = (d: Descriptor, diffId: string): Layer => {
      if (!index.has(blobPath(d.digest)))
        throw new StrataError('MISSING_BLOB', `layer ${d.digest} is missing from the archive`);
      return new ArchiveLayer(index, blobPath(d.digest), d.digest, diffId, d.mediaType);
    };
    return layersOf(c, { listed: m.layers, listedIn: 'the manifest', make }, limits);
  });
  return {
    source,
    digest: async () => (await chosen()).descriptor.digest,
    manifest,
    config,
    layers,
    names: async () => refNames((await chosen()).top),
    index: () => readIndexDocument(index),
    close: () => archive.close(),
  };
}

/** Walk from index.json to one image manifest, choosing a platform at each index. */
async function chooseManifest(
  index: TarIndex,
  limits: ImageLimits,
  platform?: Platform,
  entries?: Descriptor[],
): Promise<{ descriptor: Descriptor; top: Descriptor }> {
  let doc: ManifestIndex = entries
    ? { ...(await readIndexJson(index)), manifests: entries }
    : await readIndexJson(index);
  let top: Descriptor | undefined;
  for (let depth = 0; depth < MAX_NESTING; depth++) {
    const { manifests } = doc;
    if (manifests.length === 0) throw new StrataError('NOT_AN_IMAGE', 'index.json lists no manifests');
    const only = manifests.length === 1 ? (manifests[0] as Descriptor) : undefined;
    // A lone entry is taken unless it names another platform than the one asked for.
    const pick =
      only && (!platform || !only.platform || isIndexType(only.mediaType))
        ? only
        : selectManifest(manifests, platform, 'the archive');
    top ??= pick;
    if (!isIndexType(pick.mediaType)) return { descriptor: pick, top };
    doc = await readNestedIndex(index, pick, limits);
  }
  throw new StrataError('UNSUPPORTED', `image indexes nested more than ${MAX_NESTING} deep`);
}

export function refNames(desc: Descriptor): string[] {
  return REF_NAMES.map((k) => desc.annotations?.[k]).filter((n): n is string => typeof n === 'string');
}

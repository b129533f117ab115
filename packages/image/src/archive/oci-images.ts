/**
 * The images an OCI layout holds (image-spec image-layout.md: index.json lists descriptors,
 * each usually named by `org.opencontainers.image.ref.name`). Entries that are one image are
 * grouped: the same digest under several names (Docker 25 writes one entry per tag), and
 * platform manifests listed straight in index.json (same name, or no name at all), which are
 * then chosen by platform as in any index.
 */
import type { Descriptor } from '../image.js';
import { formatPlatform, isAttestation } from '../platform.js';
import type { ImageLimits } from '../spec/image-limits.js';
import { isIndexType } from '../spec/media-types.js';
import type { ImageEntry } from './image-choice.js';
import { readIndexJson, readLayoutManifest, readNestedIndex } from './layout-blobs.js';
import { refNames } from './oci-layout.js';
import type { TarIndex } from './tar-index.js';

export interface OciImageEntry extends ImageEntry {
  /** The index.json descriptors that make this image (passed to ociLayoutImage). */
  descriptors: Descriptor[];
}

export async function listOciImages(index: TarIndex, limits: ImageLimits): Promise<OciImageEntry[]> {
  const descriptors = (await readIndexJson(index)).manifests.filter((d) => !isAttestation(d));
  const groups = groupDescriptors(descriptors);
  return Promise.all(
    groups.map(async (group, i) => ({
      index: i,
      refs: [...new Set(group.flatMap(refNames))],
      platforms: await platformsOf(index, group, limits),
      layers: await layersOf(index, group, limits),
      descriptors: group,
    })),
  );
}

/** Same digest or same ref name: one image; nameless platform manifests: one multi-platform image. */
function groupDescriptors(descriptors: Descriptor[]): Descriptor[][] {
  const groups: Descriptor[][] = [];
  const byKey = new Map<string, Descriptor[]>();
  for (const d of descriptors) {
    const names = refNames(d);
    const keys = [`digest ${d.digest}`, ...names.map((n) => `name ${n}`)];
    if (names.length === 0 && d.platform && !isIndexType(d.mediaType)) keys.push('nameless platforms');
    const group = keys.map((k) => byKey.get(k)).find((g) => g !== undefined) ?? [];
    if (group.length === 0) groups.push(group);
    group.push(d);
    for (const k of keys) byKey.set(k, group);
  }
  return groups;
}

/** The platforms one image offers: its descriptors' platforms, else those of the index it points at. */
async function platformsOf(index: TarIndex, group: Descriptor[], limits: ImageLimits): Promise<string[]> {
  const unique = [...new Map(group.map((d) => [d.digest, d])).values()];
  const only = unique.length === 1 ? unique[0] : undefined;
  if (only && isIndexType(only.mediaType)) {
    const nested = await readNestedIndex(index, only, limits).catch(() => undefined);
    return platformNames(nested?.manifests ?? []);
  }
  return platformNames(unique);
}

/** A single image manifest's layers; nothing for an index (which platform would it be?). */
async function layersOf(
  index: TarIndex,
  group: Descriptor[],
  limits: ImageLimits,
): Promise<OciImageEntry['layers']> {
  const digests = new Set(group.map((d) => d.digest));
  const only = group[0];
  if (digests.size !== 1 || !only || isIndexType(only.mediaType)) return [];
  const manifest = await readLayoutManifest(index, only, limits).catch(() => undefined);
  return (manifest?.layers ?? []).map((l) => ({ id: l.digest, size: l.size }));
}

function platformNames(descriptors: Descriptor[]): string[] {
  return [
    ...new Set(
      descriptors.filter((d) => d.platform && !isAttestation(d)).map((d) => formatPlatform(d.platform!)),
    ),
  ];
}

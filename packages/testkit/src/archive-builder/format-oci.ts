import { walkOrder, type Item } from './archive-writer';
import type { BuiltImage } from './build-images';
import { OCI_LAYER_MEDIA_TYPES } from './compress';
import { hexOf, sha256 } from './go-json';
import { MEDIA, ociIndex, ociManifest, type Descriptor } from './manifests';
import { GO_STYLE, single, tagsOf, uniqueBlobs, type Plan, type Planner } from './plan';
import type { MultiPlatformSpec } from './types';

export const OCI_LAYOUT_FILE = Buffer.from('{"imageLayoutVersion": "1.0.0"}');
const REF_NAME = 'org.opencontainers.image.ref.name';

export const blobPath = (digest: string): string => `blobs/sha256/${hexOf(digest)}`;

/** An image's OCI manifest plus the blob members (config, layers, manifest) it needs. */
export function ociImage(image: BuiltImage): { manifest: Buffer; digest: string; blobs: Item[] } {
  const layers = image.layers.map((l) => ({
    mediaType: OCI_LAYER_MEDIA_TYPES[l.compression],
    digest: l.digest,
    size: l.size,
  }));
  const configDesc = { mediaType: MEDIA.ociConfig, digest: image.configDigest, size: image.config.length };
  const manifest = ociManifest(configDesc, layers, image.spec.annotations);
  const digest = sha256(manifest);
  const blobs: Item[] = [
    ...uniqueBlobs(image.layers).map((blob): Item => ({ kind: 'blob', name: blobPath(blob.digest), blob })),
    { kind: 'file', name: blobPath(image.configDigest), data: image.config },
    { kind: 'file', name: blobPath(digest), data: manifest },
  ];
  return { manifest, digest, blobs };
}

/** Drops repeated blob paths (layers or configs shared between platforms). */
function dedupe(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.name) && seen.add(i.name));
}

/** `oci-archive` as skopeo/podman write it: a tar of the layout directory in walk order. */
function layoutPlan(blobs: Item[], top: Descriptor, manifestDigests: string[]): Plan {
  const items: Item[] = [
    { kind: 'dir', name: 'blobs/' },
    { kind: 'dir', name: 'blobs/sha256/' },
    ...dedupe(blobs),
    { kind: 'file', name: 'index.json', data: ociIndex([top]) },
    { kind: 'file', name: 'oci-layout', data: OCI_LAYOUT_FILE },
  ];
  return { items: walkOrder(items), style: GO_STYLE, manifestDigests, topDigest: top.digest };
}

const refAnnotation = (tags: string[]): Record<string, string> => ({ [REF_NAME]: tags[0] ?? 'latest' });

export const planOciLayout: Planner = (images) => {
  const image = single(images, 'oci-layout');
  const { manifest, digest, blobs } = ociImage(image);
  const top = {
    mediaType: MEDIA.ociManifest,
    digest,
    size: manifest.length,
    annotations: refAnnotation(tagsOf(image)),
  };
  return layoutPlan(blobs, top, [digest]);
};

/** index.json -> an image index blob -> one manifest per platform (what `buildah manifest push --all oci-archive:` makes). */
export const planOciIndexNested: Planner = (images, multi?: MultiPlatformSpec) => {
  const built = images.map(ociImage);
  const index = ociIndex(
    built.map((b, i) => ({
      mediaType: MEDIA.ociManifest,
      digest: b.digest,
      size: b.manifest.length,
      platform: images[i]?.platform,
    })),
    multi?.annotations,
  );
  const digest = sha256(index);
  const [first] = images;
  const tags = first ? tagsOf(first, multi) : [];
  const top = { mediaType: MEDIA.ociIndex, digest, size: index.length, annotations: refAnnotation(tags) };
  const blobs = [
    ...built.flatMap((b) => b.blobs),
    { kind: 'file' as const, name: blobPath(digest), data: index },
  ];
  return layoutPlan(
    blobs,
    top,
    built.map((b) => b.digest),
  );
};

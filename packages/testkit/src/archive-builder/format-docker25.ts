import { walkOrder, type Item } from './archive-writer';
import { EPOCH, runtimeConfig } from './image-config';
import { goJson, hexOf, sha256, sortKeys } from './go-json';
import { mobyLegacyLayers } from './legacy-ids';
import { MEDIA, ociIndex } from './manifests';
import { OCI_LAYOUT_FILE, blobPath, ociImage } from './format-oci';
import { GO_STYLE, single, tagsOf, type Planner } from './plan';
import { qualifiedName, splitTag } from './repo-tags';
import type { BuiltImage } from './build-images';
import { OCI_LAYER_MEDIA_TYPES } from './compress';

/** index.json as moby 25 writes it: one manifest descriptor per tag, with containerd's name annotation. */
function index(image: BuiltImage, manifest: { digest: string; size: number }): Buffer {
  const base = { mediaType: MEDIA.ociManifest, ...manifest, platform: image.platform };
  const tags = tagsOf(image);
  const descriptors = tags.length
    ? tags.map((t) => {
        const { name, tag } = splitTag(t);
        const annotations = {
          'io.containerd.image.name': `${qualifiedName(name)}:${tag}`,
          'org.opencontainers.image.ref.name': tag,
        };
        return { ...base, annotations };
      })
    : [base];
  return ociIndex(descriptors);
}

/** manifest.json: docker-archive's entry point, paths into the OCI blobs, LayerSources for every layer. */
function manifestJson(image: BuiltImage): Buffer {
  const tags = tagsOf(image).map((t) => {
    const { name, tag } = splitTag(t);
    return `${name}:${tag}`;
  });
  const sources = Object.fromEntries(
    image.layers.map((l) => [
      l.diffId,
      { mediaType: OCI_LAYER_MEDIA_TYPES[l.compression], size: l.size, digest: l.digest },
    ]),
  );
  const item = {
    Config: blobPath(image.configDigest),
    RepoTags: tags.length ? tags : null,
    Layers: image.layers.map((l) => blobPath(l.digest)),
    LayerSources: sortKeys(sources),
  };
  return Buffer.from(`${goJson([item])}\n`);
}

/** `repositories` (only when tagged): name -> tag -> the top layer's diff_id hex in Docker 25. */
function repositories(image: BuiltImage): Item[] {
  const tags = tagsOf(image);
  const top = image.layers.at(-1);
  if (!tags.length || !top) return [];
  const repos: Record<string, Record<string, string>> = {};
  for (const t of tags) {
    const { name, tag } = splitTag(t);
    repos[name] = { ...repos[name], [tag]: hexOf(top.diffId) };
  }
  return [{ kind: 'file', name: 'repositories', data: Buffer.from(`${goJson(sortKeys(repos))}\n`) }];
}

/**
 * Docker 25+ `docker save` (moby image/tarexport/save.go): an OCI layout (uncompressed layers named by
 * diff_id, an OCI manifest, index.json) plus the legacy manifest.json and repositories, plus one
 * unreferenced blob per layer holding its pre-2016 v1 JSON. A tar of a temp dir: walk order.
 */
export const planDocker25: Planner = (images) => {
  const image = single(images, 'docker25');
  const { manifest, digest, blobs } = ociImage(image);
  const legacy = mobyLegacyLayers(
    image.layers.map((l) => l.diffId),
    { created: image.spec.created ?? EPOCH, config: runtimeConfig(image.spec), ...image.platform },
  ).map((l): Item => ({ kind: 'file', name: blobPath(sha256(l.json)), data: l.json }));
  const items: Item[] = [
    { kind: 'dir', name: 'blobs/' },
    { kind: 'dir', name: 'blobs/sha256/' },
    ...blobs,
    ...legacy,
    { kind: 'file', name: 'index.json', data: index(image, { digest, size: manifest.length }) },
    { kind: 'file', name: 'manifest.json', data: manifestJson(image) },
    { kind: 'file', name: 'oci-layout', data: OCI_LAYOUT_FILE },
    ...repositories(image),
  ];
  return { items: walkOrder(items), style: GO_STYLE, manifestDigests: [digest], topDigest: digest };
};

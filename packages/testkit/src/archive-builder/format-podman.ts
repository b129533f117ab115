import type { Item } from './archive-writer';
import { EPOCH } from './image-config';
import { goJson, hexOf, sha256, sortKeys } from './go-json';
import { skopeoLegacyLayers } from './legacy-ids';
import { synthesizedDockerManifest } from './manifests';
import { single, tagsOf, uniqueBlobs, type Planner } from './plan';
import { qualifiedName, splitTag } from './repo-tags';

/** containers/image writes every member 0444 at the epoch, and its symlinks with mode 0. */
const SKOPEO_STYLE = { fileMode: 0o444, dirMode: 0o755, symlinkMode: 0 };

/**
 * `podman save` / `skopeo copy … docker-archive:` (containers/image docker/internal/tarfile/writer.go),
 * in its write order: layer blobs as `<digest hex>.tar` (uncompressed: that digest is the diff_id),
 * `<config hex>.json`, then per layer `<id>/layer.tar` as a SYMLINK to `../<hex>.tar` with
 * `<id>/VERSION` and `<id>/json`, then manifest.json and repositories with fully qualified names.
 * No directory entries.
 */
export const planPodman: Planner = (images) => {
  const image = single(images, 'podman');
  const layerFile = (digest: string): string => `${hexOf(digest)}.tar`;
  const legacy = skopeoLegacyLayers(
    image.layers.map((l) => l.digest),
    image.config,
  );
  const tags = tagsOf(image).map(splitTag);
  const top = legacy.at(-1)?.id;
  const repos: Record<string, Record<string, string>> = {};
  if (top)
    for (const { name, tag } of tags)
      repos[qualifiedName(name)] = { ...repos[qualifiedName(name)], [tag]: top };
  const manifest = {
    Config: `${hexOf(image.configDigest)}.json`,
    RepoTags: tags.map(({ name, tag }) => `${qualifiedName(name)}:${tag}`),
    Layers: image.layers.map((l) => layerFile(l.digest)),
  };
  const items: Item[] = [
    ...uniqueBlobs(image.layers).map((blob): Item => ({ kind: 'blob', name: layerFile(blob.digest), blob })),
    { kind: 'file', name: `${hexOf(image.configDigest)}.json`, data: image.config },
    ...legacy.flatMap(({ id, json }, i): Item[] => [
      { kind: 'symlink', name: `${id}/layer.tar`, target: `../${layerFile(image.layers[i]?.digest ?? '')}` },
      { kind: 'file', name: `${id}/VERSION`, data: Buffer.from('1.0') },
      { kind: 'file', name: `${id}/json`, data: json },
    ]),
    { kind: 'file', name: 'manifest.json', data: Buffer.from(goJson([manifest])) },
    { kind: 'file', name: 'repositories', data: Buffer.from(goJson(sortKeys(repos))) },
  ];
  const digest = sha256(
    synthesizedDockerManifest({ size: image.config.length, digest: image.configDigest }, image.layers),
  );
  return { items, style: SKOPEO_STYLE, manifestDigests: [digest], topDigest: digest, mtime: EPOCH };
};

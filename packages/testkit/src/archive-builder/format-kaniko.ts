import type { Item } from './archive-writer';
import { EPOCH } from './image-config';
import { goJson, hexOf, sha256 } from './go-json';
import { synthesizedDockerManifest } from './manifests';
import { GO_STYLE, single, tagsOf, uniqueBlobs, type Planner } from './plan';

/**
 * go-containerregistry's tarball.Write (kaniko `--tar-path`, `crane pull`): the config named
 * `sha256:<hex>`, each layer blob as stored named `<blob digest hex>.tar.gz` (whatever its
 * compression), then manifest.json last. Go tar headers with mode 0644 and no times.
 */
export const planKaniko: Planner = (images) => {
  const image = single(images, 'kaniko');
  const layerName = (digest: string): string => `${hexOf(digest)}.tar.gz`;
  const tags = tagsOf(image);
  const manifest = {
    Config: image.configDigest,
    RepoTags: tags.length ? tags : null,
    Layers: image.layers.map((l) => layerName(l.digest)),
  };
  const items: Item[] = [
    { kind: 'file', name: image.configDigest, data: image.config },
    ...uniqueBlobs(image.layers).map((blob): Item => ({ kind: 'blob', name: layerName(blob.digest), blob })),
    { kind: 'file', name: 'manifest.json', data: Buffer.from(goJson([manifest])) },
  ];
  const digest = sha256(
    synthesizedDockerManifest({ size: image.config.length, digest: image.configDigest }, image.layers),
  );
  return { items, style: GO_STYLE, manifestDigests: [digest], topDigest: digest, mtime: EPOCH };
};

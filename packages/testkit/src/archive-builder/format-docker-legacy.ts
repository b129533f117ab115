import { walkOrder, type Item } from './archive-writer';
import type { BuiltImage } from './build-images';
import { EPOCH, runtimeConfig } from './image-config';
import { goJson, hexOf, sha256, sortKeys } from './go-json';
import { mobyLegacyLayers } from './legacy-ids';
import { synthesizedDockerManifest } from './manifests';
import { GO_STYLE, single, tagsOf, type Planner } from './plan';
import { splitTag } from './repo-tags';

/** One `<id>/` directory per layer; a layer whose blob was already written links to the first copy, as moby does. */
function layerDirs(image: BuiltImage, ids: string[], jsons: Buffer[]): Item[] {
  const firstDir = new Map<string, string>();
  return image.layers.flatMap((blob, i): Item[] => {
    const id = ids[i] ?? '';
    const first = firstDir.get(blob.digest);
    if (!first) firstDir.set(blob.digest, id);
    const layer: Item = first
      ? { kind: 'symlink', name: `${id}/layer.tar`, target: `../${first}/layer.tar` }
      : { kind: 'blob', name: `${id}/layer.tar`, blob };
    return [
      { kind: 'dir', name: `${id}/` },
      { kind: 'file', name: `${id}/VERSION`, data: Buffer.from('1.0') },
      { kind: 'file', name: `${id}/json`, data: jsons[i] ?? Buffer.alloc(0) },
      layer,
    ];
  });
}

/** manifest.json and, when tagged, repositories (name -> tag -> top layer id). */
function indexFiles(image: BuiltImage, ids: string[]): Item[] {
  const tags = tagsOf(image).map(splitTag);
  const item = {
    Config: `${hexOf(image.configDigest)}.json`,
    RepoTags: tags.length ? tags.map((t) => `${t.name}:${t.tag}`) : null,
    Layers: ids.map((id) => `${id}/layer.tar`),
  };
  const items: Item[] = [{ kind: 'file', name: 'manifest.json', data: Buffer.from(`${goJson([item])}\n`) }];
  const top = ids.at(-1);
  if (tags.length && top) {
    const repos: Record<string, Record<string, string>> = {};
    for (const { name, tag } of tags) repos[name] = { ...repos[name], [tag]: top };
    items.push({ kind: 'file', name: 'repositories', data: Buffer.from(`${goJson(sortKeys(repos))}\n`) });
  }
  return items;
}

/**
 * `docker save` before Docker 25 (moby image/tarexport/save.go): `<id>/{VERSION,json,layer.tar}` per
 * layer with uncompressed layers, `<config hex>.json`, manifest.json, repositories; a tar of a temp
 * dir, so walk order.
 */
export const planDockerLegacy: Planner = (images) => {
  const image = single(images, 'docker-legacy');
  const legacy = mobyLegacyLayers(
    image.layers.map((l) => l.diffId),
    { created: image.spec.created ?? EPOCH, config: runtimeConfig(image.spec), ...image.platform },
  );
  const ids = legacy.map((l) => l.id);
  const items: Item[] = [
    ...layerDirs(
      image,
      ids,
      legacy.map((l) => l.json),
    ),
    { kind: 'file', name: `${hexOf(image.configDigest)}.json`, data: image.config },
    ...indexFiles(image, ids),
  ];
  const digest = sha256(
    synthesizedDockerManifest({ size: image.config.length, digest: image.configDigest }, image.layers),
  );
  return { items: walkOrder(items), style: GO_STYLE, manifestDigests: [digest], topDigest: digest };
};
